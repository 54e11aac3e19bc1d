package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTLP/JSON exports built from the GenAI semantic conventions' own examples, and malformed ones. */
class OtlpFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new OtlpFormat();
  }

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long T0 = 1_733_130_000_000_000_000L;

  @TempDir
  Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static ObjectNode agent(String id) {
    ObjectNode s = Json.object();
    s.put("traceId", TRACE);
    s.put("spanId", id);
    s.put("name", "invoke_agent weather-agent");
    s.put("startTimeUnixNano", Long.toString(T0));
    s.put("endTimeUnixNano", Long.toString(T0 + 5_000_000_000L));
    s.set("attributes", SemconvExamples.anyValues(Map.of(
        "gen_ai.operation.name", Json.NODES.textNode("invoke_agent"),
        "gen_ai.agent.name", Json.NODES.textNode("weather-agent"),
        "gen_ai.conversation.id", Json.NODES.textNode("conv-17"))));
    return s;
  }

  /** invoke_agent -> chat (asks for get_weather) -> execute_tool -> chat (answers), as the semconv shows. */
  private Path toolCallTrace() throws IOException {
    SemconvExamples ex = new SemconvExamples();
    ObjectNode export = SemconvExamples.traces(
        ex.span(9, TRACE, "00f067aa0ba902b9", "00f067aa0ba902b0", T0 + 3_000_000_000L),
        ex.span(7, TRACE, "00f067aa0ba902b7", "00f067aa0ba902b0", T0 + 1_000_000L),
        agent("00f067aa0ba902b0"),
        ex.span(8, TRACE, "00f067aa0ba902b8", "00f067aa0ba902b0", T0 + 2_000_000_000L));
    return write("traces.jsonl", Json.write(export));
  }

  @Test
  void toolCallSpansOfOneTraceBecomeOneTrajectory() throws IOException {
    Path file = toolCallTrace();
    assertThat(Formats.detect(new InputFile("traces.jsonl", file))).map(LogFormat::name).contains("otlp");
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).hasSize(1);
    Call call = run.calls.get(0);
    assertThat(call.prompt()).extracting(Event::kind).containsExactly(Event.Kind.USER, Event.Kind.ASSISTANT,
        Event.Kind.TOOL_CALL, Event.Kind.TOOL_RESULT);
    ToolCall tc = (ToolCall) call.prompt().get(2);
    assertThat(tc.id()).isEqualTo("call_VSPygqKTWdrhaFErNvMV18Yl");
    assertThat(((ToolResult) call.prompt().get(3)).callId()).isEqualTo(tc.id());
    assertThat(((ToolResult) call.prompt().get(3)).content()).isEqualTo("rainy, 57°F");
    assertThat(call.choices().get(0)).singleElement().isInstanceOfSatisfying(AssistantMsg.class, a -> {
      assertThat(a.text()).startsWith("The weather in Paris is currently rainy");
      assertThat(a.meta().model()).isEqualTo("gpt-4-0613");
      assertThat(a.meta().usage().inputTokens()).isEqualTo(97L);
      assertThat(a.meta().latencyMs()).isEqualTo(850L);
    });
    assertThat(call.tools()).extracting(t -> t.name()).containsExactly("get_current_weather");
    assertThat(call.session()).isEqualTo("conv-17");
    assertThat(call.callType()).isEqualTo("weather-agent");
    assertThat(call.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(call.metadata()).containsEntry("trace_id", TRACE);
    // The first chat span, the tool span and the agent span are folded: 4 records in all.
    assertThat(run.folded).hasSize(3);
  }

  @Test
  void aToolSpanResultIsUsedWhenTheNextModelCallDoesNotRepeatIt() throws IOException {
    SemconvExamples ex = new SemconvExamples();
    ObjectNode tool = ex.span(8, TRACE, "00f067aa0ba902b8", null, T0 + 2_000_000_000L);
    ((com.fasterxml.jackson.databind.node.ArrayNode) tool.get("attributes")).add(Json.object()
        .put("key", "gen_ai.tool.call.result").set("value", Json.object().put("stringValue", "sunny, 21°C")));
    ObjectNode chat1 = ex.span(7, TRACE, "00f067aa0ba902b7", null, T0);
    Path file = write("t.jsonl", Json.write(SemconvExamples.traces(chat1, tool)));
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    // The trajectory ends at the last model output: the tool ran after it, so it adds nothing.
    assertThat(run.calls).singleElement().satisfies(c -> assertThat(c.choices().get(0))
        .extracting(Event::kind).containsExactly(Event.Kind.ASSISTANT, Event.Kind.TOOL_CALL));
    assertThat(run.folded).hasSize(1);
  }

  @Test
  void operationDetailsLogRecordGivesTheContentOfItsSpan() throws IOException {
    SemconvExamples ex = new SemconvExamples();
    String span = "00f067aa0ba902b7";
    ObjectNode s = ex.span(2, TRACE, span, null, T0);
    ObjectNode log = Json.object();
    log.put("timeUnixNano", Long.toString(T0 + 900_000_000L));
    log.put("traceId", TRACE);
    log.put("spanId", span);
    log.put("eventName", "gen_ai.client.inference.operation.details");
    log.set("attributes", SemconvExamples.anyValues(ex.attributes(3)));
    Path file = write("mixed.jsonl", Json.write(SemconvExamples.traces(s)), Json.write(SemconvExamples.logs(log)));
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(c -> {
      assertThat(c.source().line()).as("the span's line").isEqualTo(1);
      assertThat(c.prompt()).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM, Event.Kind.USER);
      assertThat(((AssistantMsg) c.choices().get(0).get(0)).text()).contains("trace the fun");
    });
    assertThat(run.folded).extracting(f -> f.line()).containsExactly(2L);
  }

  @Test
  void deprecatedEventLogRecordsWithoutTheirSpanStandForTheCall() throws IOException {
    String span = "53995c3f42cd8ad8";
    ObjectNode system = event(span, "gen_ai.system.message", Json.object().put("content", "You are a helpful bot"));
    ObjectNode user = event(span, "gen_ai.user.message", Json.object().put("content", "Weather in Paris?"));
    ObjectNode choice = event(span, "gen_ai.choice", Json.object().put("index", 0).put("finish_reason", "tool_calls")
        .set("message", Json.object().set("tool_calls", Json.array().add(Json.object().put("id", "call_1")
            .put("type", "function").set("function", Json.object().put("name", "get_weather")
                .put("arguments", "{\"location\":\"Paris\"}"))))));
    ObjectNode appLog = Json.object();
    appLog.set("body", Json.object().put("stringValue", "request served"));
    Path file = write("events.jsonl", Json.write(SemconvExamples.logs(system, user, appLog, choice)));
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(c -> {
      assertThat(c.prompt()).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM, Event.Kind.USER);
      assertThat(((SystemMsg) c.prompt().get(0)).text()).isEqualTo("You are a helpful bot");
      assertThat(c.choices().get(0)).extracting(Event::kind).containsExactly(Event.Kind.ASSISTANT,
          Event.Kind.TOOL_CALL);
      assertThat(((ToolCall) c.choices().get(0).get(1)).arguments().path("location").asText()).isEqualTo("Paris");
    });
    // Three GenAI records: the choice is the call, the other two are folded; the app log is no record.
    assertThat(run.folded).hasSize(2);
  }

  private static ObjectNode event(String span, String name, ObjectNode body) {
    ObjectNode r = Json.object();
    r.put("timeUnixNano", Long.toString(T0));
    r.put("traceId", TRACE);
    r.put("spanId", span);
    r.set("attributes", SemconvExamples.anyValues(Map.of("event.name", Json.NODES.textNode(name))));
    r.set("body", SemconvExamples.anyValue(body));
    return r;
  }

  @Test
  void malformedLinesAndSpansAreQuarantinedAndTheRestIsRead() throws IOException {
    SemconvExamples ex = new SemconvExamples();
    ObjectNode noContent = ex.span(0, TRACE, "00f067aa0ba902b1", null, T0);
    ObjectNode badAttr = ex.span(1, "5bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b2", null, T0);
    ((com.fasterxml.jackson.databind.node.ArrayNode) badAttr.get("attributes")).add(Json.object()
        .put("key", "gen_ai.usage.input_tokens").set("value", Json.object().put("intValue", "many")));
    ObjectNode good = ex.span(1, "6bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b3", null, T0);
    Path file = write("bad.jsonl",
        Json.write(SemconvExamples.traces(noContent, badAttr)),
        "{\"resourceSpans\": [ {\"scopeSpans\": [",
        "{\"hello\": 1}",
        Json.write(SemconvExamples.traces(good)));
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    assertThat(run.calls).singleElement().satisfies(c -> assertThat(c.source().line()).isEqualTo(4));
    assertThat(run.quarantined).extracting(q -> q.where().line()).containsExactlyInAnyOrder(1L, 1L, 2L, 3L);
    assertThat(run.quarantined).anySatisfy(q -> assertThat(q.reason()).contains("content capture was off"));
    assertThat(run.quarantined).anySatisfy(q -> assertThat(q.reason()).contains("intValue"));
    assertThat(run.golden()).doesNotContain("many");
  }

  @Test
  void sameBytesTwice() throws IOException {
    Path file = toolCallTrace();
    assertThat(ReaderRun.of(new OtlpFormat(), file).golden()).isEqualTo(ReaderRun.of(new OtlpFormat(), file).golden());
  }

  @Test
  void aPrettyPrintedDocumentPointsAtEachSpansLine() throws IOException {
    SemconvExamples ex = new SemconvExamples();
    ObjectNode export = SemconvExamples.traces(ex.span(1, TRACE, "00f067aa0ba902b7", null, T0));
    Path file = dir.resolve("doc.json");
    Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(export));
    assertThat(Formats.detect(new InputFile("doc.json", file))).map(LogFormat::name).contains("otlp");
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(c -> {
      assertThat(c.source().line()).isGreaterThan(5);
      assertThat(((UserMsg) c.prompt().get(1)).text()).isEqualTo("Tell me a joke about OpenTelemetry");
    });
  }

  @Test
  void furtherOutputMessagesAreAlternativeChoices() throws IOException {
    SemconvExamples ex = new SemconvExamples();
    Path file = write("choices.jsonl", Json.write(SemconvExamples.traces(ex.span(13, TRACE, "00f067aa0ba902b7", null, T0))));
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    assertThat(run.calls).singleElement().satisfies(c -> {
      assertThat(c.choices()).hasSize(2);
      assertThat(((AssistantMsg) c.choices().get(1).get(0)).text()).contains("span of control");
    });
  }

  @Test
  void reasoningPartsAndSystemInstructionsAreKept() throws IOException {
    SemconvExamples ex = new SemconvExamples();
    Path file = write("r.jsonl", Json.write(SemconvExamples.traces(
        ex.span(10, TRACE, "00f067aa0ba902b1", null, T0), ex.span(11, "5bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b2", null, T0))));
    ReaderRun run = ReaderRun.of(new OtlpFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).hasSize(2);
    assertThat(run.calls.get(0).prompt()).first().isInstanceOfSatisfying(SystemMsg.class,
        s -> assertThat(s.text()).isEqualTo("You must never tell jokes"));
    assertThat(run.calls.get(1).choices().get(0).get(0)).isInstanceOfSatisfying(AssistantMsg.class, a -> {
      assertThat(a.reasoning()).startsWith("Alright, the user wants a joke");
      assertThat(a.text()).contains("trace the fun");
    });
  }
}
