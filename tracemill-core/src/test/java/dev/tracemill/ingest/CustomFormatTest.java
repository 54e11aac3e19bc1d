package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.UserMsg;
import dev.tracemill.pipeline.ConfigFile;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom mapping, with the worked examples of examples/custom on public benchmark files. */
class CustomFormatTest {
  /** The mapping of one of the example configs shipped in examples/custom. */
  private static CustomMapping example(String name) throws IOException {
    Path dir = Paths.get("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("examples/custom"))) {
      dir = dir.getParent();
    }
    ConfigFile config = ConfigFile.load(dir.resolve("examples/custom").resolve(name));
    return (CustomMapping) config.value("input");
  }

  private static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(SharedData.file("fixtures/" + folder))) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void toolBenchAnswerFilesReadWithTheExampleConfig() throws IOException {
    CustomFormat format = new CustomFormat(example("toolbench.yaml"));
    List<Path> files = files("toolbench", ".json");
    assertThat(files).hasSize(5);
    int accepted = 0;
    int quarantined = 0;
    for (Path f : files) {
      assertThat(Formats.detect(new InputFile(f.getFileName().toString(), f))).as("no reader claims " + f)
          .isEmpty();
      ReaderRun run = ReaderRun.of(format, f);
      accepted += run.calls.size();
      quarantined += run.quarantined.size();
      JsonNode doc = Json.MAPPER.readTree(f.toFile());
      if (!doc.path("answer_generation").has("train_messages")) {
        assertThat(run.quarantined).singleElement().satisfies(q -> {
          assertThat(q.where().line()).isEqualTo(1);
          assertThat(q.reason()).isEqualTo("/answer_generation/train_messages/-1: not found in the record (messages pointer)");
        });
        continue;
      }
      Call c = run.calls.get(0);
      JsonNode last = doc.at("/answer_generation/train_messages").get(doc.at("/answer_generation/train_messages").size() - 1);
      assertThat(c.outcome()).isEqualTo(doc.get("win").asBoolean() ? Outcome.SUCCESS : Outcome.FAILURE);
      assertThat(c.tools()).hasSize(doc.at("/answer_generation/function").size());
      assertThat(c.tools().get(0).parametersSchema()).isNotNull();
      assertThat(c.metadata()).containsEntry("finish_type", doc.at("/answer_generation/finish_type").asText())
          .containsEntry("query_count", doc.at("/answer_generation/query_count").asText());
      // The final assistant turn (a Finish call) is the answer; every earlier message is the prompt.
      List<Event> answer = c.choices().get(0);
      assertThat(answer).extracting(Event::kind).containsExactly(Event.Kind.ASSISTANT, Event.Kind.TOOL_CALL);
      assertThat(((ToolCall) answer.get(1)).name()).isEqualTo("Finish");
      assertThat(c.prompt()).filteredOn(e -> e.kind() == Event.Kind.TOOL_RESULT)
          .hasSize((int) Stream.of(Json.MAPPER.convertValue(last, Object[].class))
              .filter(m -> ((java.util.Map<?, ?>) m).get("role").equals("function")).count());
    }
    assertThat(accepted).isEqualTo(4);
    assertThat(quarantined).isEqualTo(1);
  }

  @Test
  void tauBenchFewShotTranscriptsReadWithTheExampleConfig() throws IOException {
    CustomFormat format = new CustomFormat(example("tau-bench-few-shot.yaml"));
    int total = 0;
    for (Path f : files("tau-bench", ".jsonl")) {
      assertThat(Formats.detect(new InputFile(f.getFileName().toString(), f))).as(f.toString()).isEmpty();
      ReaderRun run = ReaderRun.of(format, f);
      assertThat(run.quarantined).isEmpty();
      List<String> lines = Files.readAllLines(f);
      assertThat(run.calls).hasSize(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        String display = Json.MAPPER.readTree(lines.get(i)).get("messages_display").asText();
        Call c = run.calls.get(i);
        List<Event> all = new java.util.ArrayList<>(c.prompt());
        all.addAll(c.choices().get(0));
        long users = display.lines().filter(l -> l.startsWith("user: ")).count();
        long tools = display.lines().filter(l -> l.startsWith("tool: ")).count();
        assertThat(all).filteredOn(e -> e.kind() == Event.Kind.USER).hasSize((int) users);
        assertThat(all).filteredOn(e -> e.kind() == Event.Kind.TOOL_RESULT).hasSize((int) tools);
        assertThat(all.get(0)).isInstanceOf(UserMsg.class);
        assertThat(c.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(c.source().line()).isEqualTo(i + 1);
      }
      total += run.calls.size();
    }
    assertThat(total).isEqualTo(19 + 69);
  }

  /** The shape tau-bench's run.py writes ({@code EnvRunResult}); a two-record sample written here. */
  @Test
  void tauBenchResultsTakeOutcomeFromRewardAndSessionFromTask(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("results.json");
    Files.writeString(file, """
        [
          {"task_id": 5, "reward": 1.0, "trial": 0, "info": {},
           "traj": [{"role": "system", "content": "policy"}, {"role": "user", "content": "cancel my order"},
                    {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
                      "function": {"name": "cancel_pending_order", "arguments": "{\\"order_id\\": \\"#W1\\"}"}}]},
                    {"role": "tool", "tool_call_id": "c1", "name": "cancel_pending_order", "content": "ok"},
                    {"role": "assistant", "content": "Done."}]},
          {"task_id": 5, "reward": 0.0, "trial": 1, "info": {},
           "traj": [{"role": "user", "content": "cancel my order"}, {"role": "assistant", "content": "No."}]},
          {"task_id": 6, "reward": 1.0, "trial": 0, "traj": {"messages": 3}}
        ]
        """);
    ReaderRun run = ReaderRun.of(new CustomFormat(example("tau-bench-results.yaml")), file);
    assertThat(run.calls).extracting(Call::outcome).containsExactly(Outcome.SUCCESS, Outcome.FAILURE);
    assertThat(run.calls).extracting(Call::session).containsExactly("5", "5");
    assertThat(run.calls).extracting(c -> c.metadata().get("trial")).containsExactly("0", "1");
    assertThat(run.calls).extracting(c -> c.source().line()).containsExactly(2L, 8L);
    assertThat(((AssistantMsg) run.calls.get(0).choices().get(0).get(0)).text()).isEqualTo("Done.");
    assertThat(run.quarantined).singleElement().satisfies(q -> {
      assertThat(q.where().line()).isEqualTo(10);
      assertThat(q.reason()).startsWith("/traj: expected an array of messages or a transcript string");
    });
  }

  @Test
  void deepRecordsPointerAndNegativeIndexes(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("doc.json");
    Files.writeString(file, "{\"run\": {\"simulations\": [{\"m\": [{\"role\": \"user\", \"content\": \"hi\"},"
        + " {\"role\": \"assistant\", \"content\": \"yo\"}], \"ok\": \"pass\"}, 3]}}");
    CustomMapping m = CustomMapping.parse(Json.MAPPER.readTree(
        "{\"format\": \"custom\", \"records\": \"/run/simulations\", \"messages\": \"/m\", \"outcome\": \"/ok\","
            + " \"success_when\": \"== 'pass'\"}"));
    ReaderRun run = ReaderRun.of(new CustomFormat(m), file);
    assertThat(run.calls).singleElement().satisfies(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.SUCCESS);
      assertThat(c.source().part()).isEqualTo(0);
    });
    assertThat(run.quarantined).singleElement().satisfies(q -> assertThat(q.where().part()).isEqualTo(1));
    JsonNode arr = Json.MAPPER.readTree("{\"a/b\": [1, 2, 3], \"t~\": 4}");
    assertThat(CustomMapping.at(arr, "/a~1b/-1").asInt()).isEqualTo(3);
    assertThat(CustomMapping.at(arr, "/a~1b/0").asInt()).isEqualTo(1);
    assertThat(CustomMapping.at(arr, "/t~0").asInt()).isEqualTo(4);
    assertThat(CustomMapping.at(arr, "/a~1b/9")).isNull();
    assertThat(CustomMapping.at(arr, "/missing/x")).isNull();
  }

  /** tau2-bench's results document: {"info": ..., "tasks": ..., "simulations": [...]}, streamed by field. */
  @Test
  void oneStepRecordsPointerStreamsThatFieldsArray(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("sim.json");
    Files.writeString(file, """
        {"timestamp": "2025-06-01T10:00:00",
         "info": {"num_trials": 2},
         "simulations": [
           {"id": "s1", "task_id": "7", "trial": 0, "reward_info": {"reward": 1.0},
            "start_time": "2025-06-01T10:00:05.250",
            "messages": [{"role": "user", "content": "Change my address."},
                         {"role": "assistant", "content": "Done."}]},
           {"id": "s2", "task_id": "7", "trial": 1, "reward_info": {"reward": 0.0},
            "messages": [{"role": "user", "content": "Change my address."},
                         {"role": "assistant", "content": "I cannot."}]}
         ]}
        """);
    CustomMapping m = CustomMapping.parse(Json.MAPPER.readTree("""
        {"format": "custom", "records": "/simulations", "messages": "/messages", "session": "/task_id",
         "outcome": "/reward_info/reward", "success_when": ">= 1", "timestamp": "/start_time",
         "metadata": {"trial": "/trial", "reward": "/reward_info"}}
        """));
    ReaderRun run = ReaderRun.of(new CustomFormat(m), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).extracting(c -> c.source().line()).containsExactly(4L, 8L);
    assertThat(run.calls).extracting(Call::outcome).containsExactly(Outcome.SUCCESS, Outcome.FAILURE);
    assertThat(run.calls.get(0).prompt().get(0).meta().timestamp()).hasToString("2025-06-01T10:00:05.250Z");
    assertThat(run.calls.get(1).metadata()).containsEntry("trial", "1").containsEntry("reward", "{\"reward\":0}");
  }

  @Test
  void conditionsAndDefaults() throws IOException {
    CustomMapping.Condition ge = CustomMapping.Condition.parse(">= 0.5");
    assertThat(ge.test(Json.MAPPER.readTree("0.7"))).isTrue();
    assertThat(ge.test(Json.MAPPER.readTree("0.2"))).isFalse();
    assertThat(ge.test(Json.MAPPER.readTree("\"x\""))).isNull();
    assertThat(CustomMapping.Condition.parse("== true").test(Json.MAPPER.readTree("false"))).isFalse();
    assertThat(CustomMapping.Condition.parse("!= 'error'").test(Json.MAPPER.readTree("\"ok\""))).isTrue();
    assertThatThrownBy(() -> CustomMapping.Condition.parse("~ 1")).hasMessageContaining("expected OP VALUE");
    assertThatThrownBy(() -> CustomMapping.Condition.parse("> 'a'")).hasMessageContaining("compares numbers only");
    CustomMapping plain = CustomMapping.parse(Json.MAPPER.readTree("{\"format\": \"custom\", \"messages\": \"/m\"}"));
    assertThat(plain.outcomeOf(Json.MAPPER.readTree("1"))).isEqualTo(Outcome.SUCCESS);
    assertThat(plain.outcomeOf(Json.MAPPER.readTree("0.0"))).isEqualTo(Outcome.FAILURE);
    assertThat(plain.outcomeOf(Json.MAPPER.readTree("0.4"))).isEqualTo(Outcome.UNKNOWN);
    assertThat(plain.outcomeOf(Json.MAPPER.readTree("\"passed\""))).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void badSectionsFailWithTheKeyNamed() {
    assertThatThrownBy(() -> ConfigFile.parse("input:\n  format: custom\n", "t.yaml", null))
        .hasMessageContaining("input.messages");
    assertThatThrownBy(() -> ConfigFile.parse("input:\n  format: custom\n  messages: traj\n", "t.yaml", null))
        .hasMessageContaining("starts with /");
    assertThatThrownBy(() -> ConfigFile.parse("input:\n  format: custom\n  messages: /m\n  reward: /r\n", "t.yaml", null))
        .hasMessageContaining("unknown key 'reward'");
    ConfigFile ok = ConfigFile.parse("input:\n  format: custom\n  messages: /m\n", "t.yaml", null);
    dev.tracemill.pipeline.RunConfig config = ok.applyTo(dev.tracemill.pipeline.RunConfig.builder()
        .input("x.json").out(Paths.get("out"))).build();
    assertThat(config.inputFormat()).isEqualTo("custom");
    assertThat(config.inputReader()).isInstanceOf(CustomFormat.class);
    assertThatThrownBy(() -> dev.tracemill.pipeline.RunConfig.builder().input("x").out(Paths.get("o"))
        .inputFormat("custom").build()).hasMessageContaining("needs a mapping");
  }
}
