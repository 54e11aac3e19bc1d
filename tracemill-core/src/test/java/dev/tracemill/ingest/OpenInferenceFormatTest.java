package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenInference's own test spans (Apache-2.0) and Vercel AI SDK span captures, read as plain span JSON. */
class OpenInferenceFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new OpenInferenceFormat();
  }

  private static final String WEATHER = "The weather in Paris is currently rainy with a temperature of 57°F.";

  private static ReaderRun read(String name) throws IOException {
    Path file = SharedData.file("fixtures/openinference/" + name);
    assertThat(Formats.detect(new InputFile(name, file))).as(name).map(LogFormat::name).contains("openinference");
    return ReaderRun.of(new OpenInferenceFormat(), file);
  }

  /** The three-turn weather conversation every one of these fixtures records, in its own attributes. */
  private static void isTheWeatherConversation(Call call) {
    assertThat(call.prompt()).extracting(Event::kind).containsExactly(Event.Kind.USER, Event.Kind.ASSISTANT,
        Event.Kind.TOOL_CALL, Event.Kind.TOOL_RESULT);
    assertThat(((UserMsg) call.prompt().get(0)).text()).isEqualTo("Weather in Paris?");
    ToolCall tc = (ToolCall) call.prompt().get(2);
    assertThat(tc.id()).isEqualTo("1234");
    assertThat(tc.name()).isEqualTo("get_weather");
    assertThat(tc.arguments().path("location").asText()).isEqualTo("Paris");
    ToolResult r = (ToolResult) call.prompt().get(3);
    assertThat(r.callId()).isEqualTo("1234");
    assertThat(r.name()).isEqualTo("get_weather");
    assertThat(r.content()).isEqualTo("rainy, 57°F");
    assertThat(call.choices().get(0)).singleElement().isInstanceOfSatisfying(AssistantMsg.class,
        a -> assertThat(a.text()).isEqualTo(WEATHER));
    assertThat(call.outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void flattenedOpenInferenceMessagesGiveTheWholeConversation() throws IOException {
    ReaderRun run = read("openinference_client_span_tool_calls.json");
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(OpenInferenceFormatTest::isTheWeatherConversation);
    Call call = run.calls.get(0);
    assertThat(call.choices().get(0).get(0).meta().model()).isEqualTo("gpt-4-0613");
    assertThat(call.choices().get(0).get(0).meta().usage().inputTokens()).isEqualTo(97L);
    assertThat(call.choices().get(0).get(0).meta().usage().outputTokens()).isEqualTo(52L);
  }

  @Test
  void inputValueInGenAiPartsIsReadWhenNoMessagesAreFlattened() throws IOException {
    ReaderRun run = read("openinference_client_span_input_output_only.json");
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(OpenInferenceFormatTest::isTheWeatherConversation);
  }

  @Test
  void genAiInputAndOutputMessagesAttributes() throws IOException {
    ReaderRun run = read("otel_genai_client_span_tool_calls.json");
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(OpenInferenceFormatTest::isTheWeatherConversation);
    assertThat(run.calls.get(0).metadata()).containsEntry("provider", "openai");
  }

  @Test
  void deprecatedPromptAndCompletionAttributes() throws IOException {
    ReaderRun run = read("otel_genai_deprecated_client_span_tool_calls.json");
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(OpenInferenceFormatTest::isTheWeatherConversation);
  }

  @Test
  void aLoneToolSpanIsFoldedNotLost() throws IOException {
    ReaderRun run = read("otel_genai_tool_execution_span.json");
    assertThat(run.calls).isEmpty();
    assertThat(run.quarantined).isEmpty();
    assertThat(run.folded).hasSize(1);
  }

  @Test
  void vercelCaptureGivesOneCallPerModelCallAndSkipsEmbeddings() throws IOException {
    ReaderRun run = read("vercel-v6/all-spans.json");
    assertThat(run.quarantined).isEmpty();
    // generateText, generateText with messages, generateObject, streamText: each captured as a model
    // call span and as its outer span (in separate traces in this capture); embed spans are not records.
    assertThat(run.calls).hasSize(8);
    assertThat(run.folded).isEmpty();
    Call multiTurn = run.calls.stream()
        .filter(c -> c.prompt().stream().anyMatch(e -> e instanceof SystemMsg))
        .filter(c -> c.metadata().get("span_name").endsWith("doGenerate"))
        .findFirst().orElseThrow();
    assertThat(multiTurn.prompt()).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM, Event.Kind.USER,
        Event.Kind.ASSISTANT, Event.Kind.USER);
    assertThat(((UserMsg) multiTurn.prompt().get(3)).text()).isEqualTo("And what is 3 + 3?");
    assertThat(((AssistantMsg) multiTurn.choices().get(0).get(0)).text()).isEqualTo("3 + 3 equals 6.");
    assertThat(multiTurn.callType()).isEqualTo("test-generate-text-messages");
  }

  @Test
  void perOperationCapturesAreReadAsSingleSpans() throws IOException {
    for (String name : List.of("ai-generateText-doGenerate.json", "ai-streamText-doStream.json",
        "ai-generateObject-doGenerate.json")) {
      ReaderRun run = read("vercel-v6/" + name);
      assertThat(run.quarantined).as(name).isEmpty();
      assertThat(run.calls).as(name).isNotEmpty().allSatisfy(c -> {
        assertThat(c.prompt()).isNotEmpty();
        assertThat(c.choices().get(0)).isNotEmpty();
      });
    }
  }

  @Test
  void pythonConsoleExporterSpansOneAfterAnotherAreOneTrajectory() throws IOException {
    Path file = java.nio.file.Paths.get("src/test/resources/golden/readers/openinference/console-exporter.input.json");
    assertThat(Formats.detect(new InputFile("spans.json", file))).map(LogFormat::name).contains("openinference");
    ReaderRun run = ReaderRun.of(new OpenInferenceFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).singleElement().satisfies(c -> {
      assertThat(c.callType()).isEqualTo("fx");
      // The tool span failed and the model's next input does not repeat its result: the span gives it.
      assertThat(c.prompt()).last().isInstanceOfSatisfying(ToolResult.class, r -> {
        assertThat(r.isError()).isTrue();
        assertThat(r.callId()).isEqualTo("call_fx");
        assertThat(r.content()).startsWith("ConnectionError");
      });
      assertThat(c.metadata()).containsEntry("trace_id", "5b8efff798038103d269b633813fc60c");
    });
    assertThat(run.folded).hasSize(3);
  }
}
