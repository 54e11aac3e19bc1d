package dev.tracemill.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.pipeline.Pipeline;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.pipeline.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the logger writes, {@code tracemill run} reads with no options. */
class TracemillRunTest {
  @TempDir Path dir;

  static final Map<String, Object> WEATHER_PARAMS = Map.of("type", "object",
      "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"));

  static void logSample(TrainingDataLogger log) {
    log.log("rule_synthesis", List.of(Message.system("You write extraction rules as JSON."),
        Message.user("Task: extract order numbers like ORD-20931.")),
        "{\"rules\": [{\"name\": \"order_number\", \"pattern\": \"ORD-\\\\d{5}\"}]}",
        Map.of("task_name", "order_ids"));
    ToolCall call = ToolCall.of("call_1", "get_weather", "{\"city\":\"Lisbon\"}");
    log.log(LlmCall.builder("agent_step")
        .messages(List.of(Message.user("What is the weather in Lisbon?")))
        .toolCalls(List.of(call))
        .tools(List.of(ToolDefinition.of("get_weather", "Current weather of a city", WEATHER_PARAMS)))
        .usage(Usage.of(40, 9)).model("gpt-4.1-mini").latency(Duration.ofMillis(412)).finishReason("tool_calls")
        .build());
    log.log(LlmCall.builder("agent_step")
        .messages(List.of(Message.user("What is the weather in Lisbon?"), Message.assistant(null, List.of(call)),
            Message.tool("call_1", "{\"temp_c\": 21, \"sky\": \"clear\"}")))
        .response("It is 21 °C and clear in Lisbon.")
        .tools(List.of(ToolDefinition.of("get_weather", "Current weather of a city", WEATHER_PARAMS)))
        .usage(Usage.of(70, 12)).model("gpt-4.1-mini").latency(Duration.ofMillis(380)).finishReason("stop")
        .build());
    log.log(LlmCall.builder("translate").messages(List.of(Message.user("Translate to French: good morning")))
        .model("gpt-4.1-mini").error(CallError.of("upstream timeout")).build());
  }

  @Test
  void tracemillRunDetectsTheLoggerFormatAndBuildsUnitsFromEveryCall() throws Exception {
    Path file = dir.resolve("calls.jsonl");
    try (TrainingDataLogger log = new TrainingDataLogger(file, Map.of("app", "demo"))) {
      logSample(log);
    }
    // A writer killed inside its last write.
    Files.writeString(file, "{\"messages\":[{\"role\":\"user\",\"content\":\"cut", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    RunResult result = Pipeline.run(RunConfig.builder().input(file.toString()).out(dir.resolve("out")).build(), null);
    JsonNode report = result.report();
    assertThat(report.at("/inputs/0/format").asText()).isEqualTo("logger");
    // Every call is accounted for: two units, the tool-call step merged into the call that continues it,
    // the failed call filtered, the torn line quarantined with its line number.
    assertThat(report.at("/records").toString()).isEqualTo(
        "{\"input\":5,\"emitted\":2,\"merged\":1,\"filtered\":{\"failed_call\":1},\"quarantined\":1}");
    assertThat(report.at("/units/qa").asInt()).isEqualTo(1);
    assertThat(report.at("/units/trajectory").asInt()).isEqualTo(1);
    assertThat(report.at("/tags/model/gpt-4.1-mini").asInt()).isEqualTo(1);
    assertThat(report.at("/tags/tool/get_weather").asInt()).isEqualTo(1);
    JsonNode quarantined = Json.MAPPER.readTree(Files.readString(dir.resolve("out/quarantine.jsonl")));
    assertThat(quarantined.get("line").asInt()).isEqualTo(5);
    assertThat(quarantined.get("reason").asText()).startsWith("truncated last line");
    assertThat(Files.readAllLines(dir.resolve("out/dropped.jsonl"))).extracting(l -> Json.MAPPER.readTree(l))
        .extracting(d -> d.get("line").asInt() + " " + d.get("reason").asText())
        .containsExactly("2 prefix_of_a_longer_call", "4 failed_call");

    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out/sft/trl/train.jsonl"))) {
      rows.add(Json.MAPPER.readTree(line));
    }
    assertThat(rows).hasSize(2);
    JsonNode qa = rows.stream().filter(r -> r.get("messages").size() == 3).findFirst().orElseThrow();
    assertThat(qa.at("/messages/0/content").asText()).isEqualTo("You write extraction rules as JSON.");
    assertThat(qa.at("/messages/1/content").asText()).isEqualTo("Task: extract order numbers like ORD-20931.");
    assertThat(qa.at("/messages/2/content").asText())
        .isEqualTo("{\"rules\": [{\"name\": \"order_number\", \"pattern\": \"ORD-\\\\d{5}\"}]}");
    JsonNode trajectory = rows.stream().filter(r -> r.get("messages").size() == 4).findFirst().orElseThrow();
    List<String> roles = new ArrayList<>();
    trajectory.get("messages").forEach(m -> roles.add(m.get("role").asText()));
    assertThat(roles).containsExactly("user", "assistant", "tool", "assistant");
    assertThat(trajectory.at("/messages/1/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(trajectory.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("city");
  }
}
