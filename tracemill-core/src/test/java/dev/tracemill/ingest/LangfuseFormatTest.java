package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Langfuse reader against the traces of Langfuse's own ChatML adapter tests
 * ({@code shared/fixtures/langfuse}): every {@code *.trace.json} is paired with the conversion
 * Langfuse's UI makes of each observation ({@code *.chatml.json}).
 */
class LangfuseFormatTest {
  private static final List<String> PAIRS = List.of("agno-2025-06-11", "autogen-2025-06-06", "beeai-2025-08-01",
      "crewai-2025-07-11", "google-gemini-2025-08-01", "langgraph-js-2025-10-30", "langgraph-python-2025-08-22",
      "pydantic-ai-2025-06-06", "pydantic-ai-tools-2025-06-06", "pydantic-ai-tools-2025-12-04",
      "pydantic-ai-with-gemini-2025-12-24", "vercel-aisdk-2025-11-17");

  /** One message reduced to what both sides must agree on: role, text and the tool calls it makes. */
  record Msg(String role, String text, List<String> calls) {}

  private static Path dir() {
    return SharedData.file("fixtures/langfuse");
  }

  private static JsonNode read(Path p) throws IOException {
    return Json.MAPPER.readTree(Files.readAllBytes(p));
  }

  @Test
  void everyPairOfTheFixturesIsPresentAndDetected() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace.json"))
          .map(n -> n.substring(0, n.length() - ".trace.json".length())).sorted().toList())
          .containsExactlyElementsOf(PAIRS);
    }
    for (String pair : PAIRS) {
      Path trace = dir().resolve(pair + ".trace.json");
      assertThat(Formats.detect(new InputFile(pair + ".trace.json", trace))).as(pair)
          .map(LogFormat::name).contains("langfuse");
    }
  }

  /**
   * Every generation side that Langfuse's adapter turned into role-bearing messages must read the
   * same: same roles, texts and tool calls (name and arguments). Sides where Langfuse's adapter gave up
   * or kept raw JSON are checked to read without error instead.
   */
  @Test
  void generationsMatchLangfusesOwnChatMlConversionForAllTwelvePairs() throws IOException {
    int compared = 0;
    int readWhereLangfuseFailed = 0;
    Map<String, Integer> perPair = new TreeMap<>();
    for (String pair : PAIRS) {
      JsonNode root = read(dir().resolve(pair + ".trace.json"));
      JsonNode expected = read(dir().resolve(pair + ".chatml.json"));
      Map<String, TraceRebuild.Gen> gens = TraceRebuild.generations(root, new SourceRef(pair, 1));
      assertThat(gens).as(pair + " has generations").isNotEmpty();
      int checks = 0;
      for (var entry : gens.entrySet()) {
        TraceRebuild.Gen gen = entry.getValue();
        assertThat(gen.failure()).as(pair + " " + entry.getKey()).isNull();
        JsonNode e = expected.get(entry.getKey());
        for (String side : new String[] {"input", "output"}) {
          List<Event> ours = side.equals("input") ? gen.prompt() : gen.answer();
          JsonNode conv = e == null ? null : e.get(side);
          List<Msg> want = conv == null || !conv.path("success").asBoolean() ? null : expected(conv.get("data"));
          if (want == null) {
            readWhereLangfuseFailed++;
            checks++;
            continue;
          }
          assertThat(project(ours)).as(pair + " " + entry.getKey() + " " + side).isEqualTo(want);
          compared++;
          checks++;
        }
      }
      perPair.put(pair, checks);
    }
    assertThat(perPair).hasSize(12).allSatisfy((pair, checks) -> assertThat(checks).as(pair).isPositive());
    assertThat(compared).as("sides compared message by message").isGreaterThanOrEqualTo(20);
    System.out.println("langfuse chatml: " + compared + " generation sides equal to Langfuse's conversion, "
        + readWhereLangfuseFailed + " read where Langfuse's adapter gave none");
  }

  /** Langfuse's messages when every one has a role; null when its adapter kept raw JSON. */
  private static List<Msg> expected(JsonNode data) {
    if (data == null || !data.isArray()) {
      return null;
    }
    List<Msg> out = new ArrayList<>();
    for (JsonNode m : data) {
      if (!m.path("role").isTextual()) {
        return null;
      }
      String role = switch (m.get("role").asText()) {
        case "model", "ai", "assistant" -> "assistant";
        case "developer", "system" -> "system";
        case "human", "user" -> "user";
        default -> "tool";
      };
      String text;
      JsonNode c = m.get("content");
      if (c == null || c.isNull()) {
        text = m.path("json").path("text").asText("");
      } else if (c.isTextual()) {
        text = c.asText();
      } else if (c.isArray() && c.size() > 0 && c.get(0).isObject() && c.get(0).has("type")) {
        List<String> parts = new ArrayList<>();
        c.forEach(p -> {
          if (p.path("text").isTextual()) {
            parts.add(p.get("text").asText());
          }
        });
        text = String.join("\n", parts);
      } else {
        text = Json.write(c);
      }
      List<String> calls = new ArrayList<>();
      for (JsonNode call : m.path("tool_calls")) {
        calls.add(call.path("name").asText() + " " + canonical(call.get("arguments")));
      }
      out.add(new Msg(role, text.strip(), calls));
    }
    return out;
  }

  private static String canonical(JsonNode args) {
    JsonNode parsed = args != null && args.isTextual() ? Json.tryParse(args.asText()) : args;
    return parsed == null ? String.valueOf(args) : Json.write(Json.canonical(parsed));
  }

  private static List<Msg> project(List<Event> events) {
    List<Msg> out = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof SystemMsg s) {
        out.add(new Msg("system", s.text().strip(), List.of()));
      } else if (e instanceof UserMsg u) {
        out.add(new Msg("user", u.text().strip(), List.of()));
      } else if (e instanceof AssistantMsg a) {
        out.add(new Msg("assistant", a.text().strip(), new ArrayList<>()));
      } else if (e instanceof ToolCall c) {
        Msg last = out.get(out.size() - 1);
        List<String> calls = new ArrayList<>(last.calls());
        calls.add(c.name() + " " + (c.arguments() != null ? Json.write(Json.canonical(c.arguments())) : c.rawArguments()));
        out.set(out.size() - 1, new Msg(last.role(), last.text(), calls));
      } else if (e instanceof ToolResult r) {
        out.add(new Msg("tool", r.content().strip(), List.of()));
      }
    }
    return out;
  }

  private static ReaderRun run(String pair) {
    ReaderRun run = ReaderRun.of(new LangfuseFormat(), dir().resolve(pair + ".trace.json"));
    assertThat(run.quarantined).as(pair).isEmpty();
    return run;
  }

  private static List<Event> conversation(Call c) {
    List<Event> all = new ArrayList<>(c.prompt());
    all.addAll(c.choices().get(0));
    return all;
  }

  /** Every result answers a call made before it, and no call, result or message appears twice. */
  private static void assertWellFormedTrajectory(Call c) {
    List<Event> events = conversation(c);
    Set<String> calls = new java.util.HashSet<>();
    Set<String> results = new java.util.HashSet<>();
    for (Event e : events) {
      if (e instanceof ToolCall tc) {
        assertThat(calls.add(tc.id())).as("tool call " + tc.id() + " once").isTrue();
      } else if (e instanceof ToolResult r) {
        assertThat(calls).as("result answers an earlier call").contains(r.callId());
        assertThat(results.add(r.callId())).as("result " + r.callId() + " once").isTrue();
      }
    }
  }

  @Test
  void everyFixtureReadsIntoWellFormedCallsWithDistinctParts() {
    int calls = 0;
    for (String pair : PAIRS) {
      ReaderRun run = run(pair);
      assertThat(run.calls).as(pair).isNotEmpty();
      for (int i = 0; i < run.calls.size(); i++) {
        Call c = run.calls.get(i);
        assertThat(c.source().part()).isEqualTo(i);
        assertThat(c.source().line()).isEqualTo(1);
        assertWellFormedTrajectory(c);
      }
      calls += run.calls.size();
    }
    assertThat(calls).isEqualTo(13);
  }

  @Test
  void vercelKeepsTheDoGenerateStepAndTakesTheToolResultFromTheToolObservationById() {
    Call c = run("vercel-aisdk-2025-11-17").calls.get(0);
    assertThat(c.tools()).extracting(t -> t.name()).containsExactly("getWeather");
    assertThat(c.tools().get(0).parametersSchema().path("properties").has("location")).isTrue();
    List<Event> answer = c.choices().get(0);
    assertThat(answer).extracting(Event::kind).containsExactly(Event.Kind.ASSISTANT, Event.Kind.TOOL_CALL,
        Event.Kind.TOOL_RESULT);
    ToolResult r = (ToolResult) answer.get(2);
    assertThat(r.callId()).isEqualTo("call_DgKARp7a7IhJPDczfifMp6Ra");
    assertThat(r.content()).contains("\"temperature\":64");
    assertThat(r.meta().span()).isEqualTo("e9bb8c191e1e4706");
    assertThat(c.metadata()).containsEntry("score.hallucination", "0").containsEntry("score.toxicity", "0");
  }

  @Test
  void pydanticAiAgentRunsBecomeTwoConversationsWithoutRepeatedTurns() {
    List<Call> calls = run("pydantic-ai-tools-2025-12-04").calls;
    assertThat(calls).hasSize(2);
    Call joke = calls.get(0);
    assertThat(conversation(joke)).filteredOn(e -> e.kind() == Event.Kind.TOOL_RESULT).hasSize(3);
    assertThat(conversation(joke)).filteredOn(e -> e.kind() == Event.Kind.USER).hasSize(2);
    assertThat(joke.tools()).hasSize(5);
    assertThat(((AssistantMsg) joke.choices().get(0).get(0)).text()).startsWith("Why do programmers hate nature?");
    Call critic = calls.get(1);
    assertThat(((SystemMsg) critic.prompt().get(0)).text()).startsWith("You are a joke critic.");
  }

  @Test
  void agnoPrefersTheAgentSpanOverTheNestedInstrumentationSpanAndParsesItsReprMessages() {
    List<Call> calls = run("agno-2025-06-11").calls;
    assertThat(calls).hasSize(1);
    List<Event> events = conversation(calls.get(0));
    assertThat(events).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM, Event.Kind.USER,
        Event.Kind.ASSISTANT, Event.Kind.TOOL_CALL, Event.Kind.TOOL_RESULT, Event.Kind.ASSISTANT);
    assertThat(((ToolResult) events.get(4)).callId()).isEqualTo("call_VybxG748CQId8Xxo6wb2pWy1");
    assertThat(((ToolResult) events.get(4)).content()).contains("Twitter. It's what's happening");
    assertThat(calls.get(0).session()).isEqualTo("35cc6c90-b657-4819-b66c-c931c03ad569");
  }

  @Test
  void langGraphSessionComesFromThreadIdAndToolDefinitionMessagesAreNotTurns() {
    Call c = run("langgraph-python-2025-08-22").calls.get(0);
    assertThat(c.session()).isEqualTo("demo-thread-1");
    assertThat(c.tools()).extracting(t -> t.name()).containsExactly("Web-Search");
    assertThat(conversation(c)).extracting(Event::kind).containsExactly(Event.Kind.USER, Event.Kind.USER,
        Event.Kind.ASSISTANT, Event.Kind.TOOL_CALL, Event.Kind.TOOL_RESULT, Event.Kind.ASSISTANT);
  }

  @Test
  void autogenTranscriptStringIsSplitIntoSystemAndUserTurns() {
    Call c = run("autogen-2025-06-06").calls.get(0);
    assertThat(c.prompt()).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM, Event.Kind.USER);
    assertThat(((UserMsg) c.prompt().get(1)).text()).isEqualTo("Say 'Hello World!'");
    assertThat(c.session()).isEqualTo("session_abc");
    assertThat(c.metadata()).containsEntry("trace_tags", "autogen,dev");
    AssistantMsg a = (AssistantMsg) c.choices().get(0).get(0);
    assertThat(a.meta().model()).isEqualTo("gpt-4o");
    assertThat(a.meta().usage().inputTokens()).isEqualTo(41L);
    assertThat(a.meta().latencyMs()).isEqualTo(628L);
  }

  /** JSON Lines of traces: outcome from scores, ERROR level, and a broken line quarantined in place. */
  @Test
  void jsonLinesWithScoresErrorsAndABrokenLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode ok = (com.fasterxml.jackson.databind.node.ObjectNode)
        read(dir().resolve("autogen-2025-06-06.trace.json"));
    com.fasterxml.jackson.databind.node.ObjectNode failed = ok.deepCopy();
    com.fasterxml.jackson.databind.node.ObjectNode errored = ok.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) ok.get("trace")).set("scores",
        Json.MAPPER.readTree("[{\"name\":\"task_success\",\"dataType\":\"BOOLEAN\",\"value\":1}]"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) failed.get("trace")).set("scores",
        Json.MAPPER.readTree("[{\"name\":\"review\",\"dataType\":\"CATEGORICAL\",\"value\":0,"
            + "\"stringValue\":\"failure\"},{\"name\":\"task_success\",\"dataType\":\"BOOLEAN\",\"value\":1}]"));
    com.fasterxml.jackson.databind.node.ObjectNode gen =
        (com.fasterxml.jackson.databind.node.ObjectNode) errored.get("observations").get(1);
    gen.put("level", "ERROR").put("statusMessage", "rate limited");
    Path file = tmp.resolve("traces.jsonl");
    Files.writeString(file, Json.write(ok) + "\n{\"trace\": {\"id\": 1}, \"observations\": 3}\n"
        + Json.write(failed) + "\n{not json\n" + Json.write(errored) + "\n");
    assertThat(Formats.detect(new InputFile("traces.jsonl", file))).map(LogFormat::name).contains("langfuse");
    ReaderRun run = ReaderRun.of(new LangfuseFormat(), file);
    assertThat(run.calls).extracting(Call::outcome).containsExactly(
        dev.tracemill.model.Outcome.SUCCESS, dev.tracemill.model.Outcome.FAILURE, dev.tracemill.model.Outcome.FAILURE);
    assertThat(run.calls).extracting(c -> c.source().line()).containsExactly(1L, 3L, 5L);
    assertThat(run.calls.get(1).metadata()).containsEntry("score.review", "failure");
    List<Event> last = run.calls.get(2).choices().get(0);
    assertThat(last.get(last.size() - 1).kind()).isEqualTo(Event.Kind.ERROR);
    assertThat(run.quarantined).extracting(q -> q.where().line()).containsExactly(2L, 4L);
    assertThat(run.quarantined.get(0).reason()).startsWith("observations: expected an array");
  }

  /** The API's observation list ({"data": [...]}) and a bare array of observations, grouped by trace. */
  @Test
  void observationListsAreGroupedByTrace(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    com.fasterxml.jackson.databind.node.ArrayNode all = Json.array();
    JsonNode vercel = read(dir().resolve("vercel-aisdk-2025-11-17.trace.json")).get("observations");
    JsonNode autogen = read(dir().resolve("autogen-2025-06-06.trace.json")).get("observations");
    // Interleaved, as a time-sorted export of several traces would be.
    all.add(vercel.get(2)).add(autogen.get(0)).add(vercel.get(0)).add(autogen.get(1)).add(vercel.get(1));
    com.fasterxml.jackson.databind.node.ObjectNode list = Json.object();
    list.set("data", all);
    list.putObject("meta").put("page", 1).put("totalItems", 5);
    Path listFile = tmp.resolve("observations.json");
    Files.writeString(listFile, list.toPrettyString());
    Path arrayFile = tmp.resolve("observations-array.json");
    Files.writeString(arrayFile, all.toPrettyString());
    for (Path f : List.of(listFile, arrayFile)) {
      assertThat(Formats.detect(new InputFile(f.getFileName().toString(), f))).as(f.toString())
          .map(LogFormat::name).contains("langfuse");
      ReaderRun run = ReaderRun.of(new LangfuseFormat(), f);
      assertThat(run.quarantined).isEmpty();
      assertThat(run.calls).hasSize(2);
      assertThat(run.calls).extracting(c -> c.source().part()).containsExactly(0, 1);
      assertThat(run.calls).extracting(c -> c.metadata().get("trace_id"))
          .containsExactly("df41e597d0a85e0d7a6ae8ebfaa70aa0", "1b72c51fabed12ae7df83bfd4a09f545");
      Call weather = run.calls.get(0);
      assertThat(weather.choices().get(0)).extracting(Event::kind).containsExactly(Event.Kind.ASSISTANT,
          Event.Kind.TOOL_CALL, Event.Kind.TOOL_RESULT);
    }
  }
}
