package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.Event;
import dev.tracemill.model.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo logs under {@code examples/logs} are detected as their format and read as intended. */
class ExampleLogsTest {
  private static final Map<String, String> FORMAT_OF = Map.of(
      "openai-calls.jsonl", "openai",
      "app-logger.jsonl", "logger",
      "chat-finetune.jsonl", "chat",
      "langsmith-runs.json", "langsmith",
      "otlp-agent-traces.jsonl", "otlp",
      "openinference-spans.jsonl", "openinference");

  static Path examples() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/logs"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("examples/logs above the working directory").isNotNull();
    return dir.resolve("examples/logs");
  }

  static LogFormat format(String name) {
    return Formats.byName(name).orElseThrow();
  }

  @Test
  void eachExampleIsDetectedAsItsFormatAndScoresLowerForEveryOther() throws IOException {
    for (Map.Entry<String, String> e : FORMAT_OF.entrySet()) {
      Path file = examples().resolve(e.getKey());
      InputFile input = new InputFile(e.getKey(), file);
      assertThat(Formats.detect(input)).as(e.getKey()).map(LogFormat::name).contains(e.getValue());
      Sample sample = Formats.sample(input);
      int own = format(e.getValue()).sniff(sample);
      for (LogFormat other : Formats.ALL) {
        if (!other.name().equals(e.getValue())) {
          assertThat(other.sniff(sample)).as(other.name() + " on " + e.getKey()).isLessThan(own);
        }
      }
    }
  }

  @Test
  void openAiExampleHasOneMalformedLineAndOneFailedCall() {
    ReaderRun run = ReaderRun.of(format("openai"), examples().resolve("openai-calls.jsonl"));
    assertThat(run.calls).hasSize(19);
    assertThat(run.quarantined).extracting(q -> q.where().line()).containsExactly(13L);
    assertThat(run.calls).filteredOn(c -> c.outcome() == Outcome.FAILURE).hasSize(2);
    assertThat(run.calls).filteredOn(c -> "support-1042".equals(c.session())).hasSize(3);
    assertThat(run.calls).filteredOn(c -> c.choices().size() == 2).hasSize(1);
    List<Event> weather = run.calls.get(4).choices().get(0);
    assertThat(weather).extracting(Event::kind)
        .containsExactly(Event.Kind.ASSISTANT, Event.Kind.TOOL_CALL, Event.Kind.TOOL_CALL);
  }

  @Test
  void loggerExampleHasAPatchDecisionWithoutUserTurn() {
    ReaderRun run = ReaderRun.of(format("logger"), examples().resolve("app-logger.jsonl"));
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).hasSize(12);
    assertThat(run.calls).filteredOn(c -> "patch_decision".equals(c.callType())).singleElement()
        .satisfies(c -> assertThat(c.prompt()).noneMatch(ev -> ev.kind() == Event.Kind.USER));
    assertThat(run.calls).filteredOn(c -> c.outcome() == Outcome.FAILURE).hasSize(1);
  }

  @Test
  void chatAndLangSmithExamplesAreReadWhole() {
    ReaderRun chat = ReaderRun.of(format("chat"), examples().resolve("chat-finetune.jsonl"));
    assertThat(chat.quarantined).isEmpty();
    assertThat(chat.calls).hasSize(12).allMatch(c -> c.outcome() == Outcome.UNKNOWN);
    ReaderRun ls = ReaderRun.of(format("langsmith"), examples().resolve("langsmith-runs.json"));
    assertThat(ls.quarantined).isEmpty();
    assertThat(ls.calls).hasSize(10);
    assertThat(ls.calls).filteredOn(c -> c.outcome() == Outcome.FAILURE).hasSize(1);
    assertThat(ls.calls).filteredOn(c -> "beans-7".equals(c.session())).hasSize(2)
        .allSatisfy(c -> assertThat(c.tools()).extracting(t -> t.name()).containsExactly("check_stock"));
  }

  @Test
  void otlpExampleRebuildsTwoTrajectoriesOfOneConversation() {
    ReaderRun run = ReaderRun.of(format("otlp"), examples().resolve("otlp-agent-traces.jsonl"));
    // Line 4 is cut short; the span on line 5 without captured content is quarantined.
    assertThat(run.quarantined).extracting(q -> q.where().line()).containsExactly(4L, 5L);
    // Trace A (line 1), trace B (lines 2-3), and the failed call of line 5.
    assertThat(run.calls).hasSize(3);
    assertThat(run.calls).filteredOn(c -> "conv-4711".equals(c.session())).hasSize(2);
    assertThat(run.calls).filteredOn(c -> c.outcome() == Outcome.FAILURE).hasSize(1);
    // 13 GenAI spans on lines 1-3 and 5 (5 + 4 + 2 + 2), plus the truncated line as one record.
    assertThat(run.calls.size() + run.folded.size() + run.quarantined.size()).isEqualTo(14);
    List<Event> b = new java.util.ArrayList<>(run.calls.get(1).prompt());
    assertThat(b).filteredOn(e -> e.kind() == Event.Kind.TOOL_RESULT)
        .extracting(e -> ((dev.tracemill.model.ToolResult) e).isError()).containsExactly(false, false, false, false);
    assertThat(b).filteredOn(e -> e.kind() == Event.Kind.TOOL_CALL).hasSize(4);
  }

  @Test
  void openInferenceExampleIsOneAgentTrajectory() {
    ReaderRun run = ReaderRun.of(format("openinference"), examples().resolve("openinference-spans.jsonl"));
    assertThat(run.quarantined).extracting(q -> q.where().line()).containsExactly(6L);
    assertThat(run.calls).singleElement().satisfies(c -> {
      assertThat(c.session()).isEqualTo("sess-42");
      assertThat(c.callType()).isEqualTo("SupportAgent");
      assertThat(c.prompt()).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM, Event.Kind.USER,
          Event.Kind.ASSISTANT, Event.Kind.TOOL_CALL, Event.Kind.TOOL_RESULT);
      assertThat(c.tools()).extracting(t -> t.name()).containsExactly("lookup_order");
    });
    assertThat(run.folded).hasSize(3);
  }
}
