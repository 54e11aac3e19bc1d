package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggingPipelineTest {
  @TempDir Path dir;

  private static String agent(String args) {
    ObjectNode row = Json.object();
    var messages = row.putArray("messages");
    messages.addObject().put("role", "user").put("content", "What's the weather in Paris tomorrow?");
    ObjectNode call = messages.addObject().put("role", "assistant").putNull("content");
    call.putArray("tool_calls").addObject().put("id", "c1").put("type", "function")
        .putObject("function").put("name", "get_weather").put("arguments", args);
    messages.addObject().put("role", "tool").put("tool_call_id", "c1").put("content", "sunny, 21C");
    messages.addObject().put("role", "assistant").put("content", "Sunny and 21C.");
    ObjectNode fn = row.putArray("tools").addObject().put("type", "function").putObject("function");
    fn.put("name", "get_weather");
    fn.set("parameters", Json.tryParse(
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    return Json.write(row);
  }

  private Path write(String... lines) throws IOException {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(Json.MAPPER.readTree(l));
    }
    return out;
  }

  private RunConfig.Builder config(Path in) {
    return RunConfig.builder().input(in.toString()).out(dir.resolve("out"))
        .formats(List.of("trl", "alpaca")).splitRatio(List.of(0.5, 0.5));
  }

  @Test
  void everyRowHasASidecarLineInTheSameOrderAndTheReportCountsTheDataset() throws Exception {
    List<String> in = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      in.add(PipelineTest.chat("Question number " + i + " about the parcel I sent last week?", "Answer " + i));
    }
    in.add(agent("{\"city\":\"Paris\"}"));
    RunResult result = Pipeline.run(config(write(in.toArray(String[]::new))).build(), null);
    long total = 0;
    for (String format : List.of("trl", "alpaca")) {
      for (String split : List.of("train", "val")) {
        Path rows = dir.resolve("out/sft/" + format + "/" + split + ".jsonl");
        Path meta = dir.resolve("out/sft/" + format + "/" + split + ".meta.jsonl");
        assertThat(lines(meta)).hasSameSizeAs(lines(rows));
        if (format.equals("trl")) {
          total += lines(meta).size();
          // The same unit, line by line: the question's number is in the row and the id in the sidecar.
          for (JsonNode m : lines(meta)) {
            assertThat(m.get("id").asText()).startsWith("u");
          }
        }
      }
    }
    JsonNode report = result.report();
    assertThat(total).isEqualTo(13).isEqualTo(report.at("/tags/units").asLong());
    assertThat(report.at("/tags/type/trajectory").asLong()).isEqualTo(1);
    assertThat(report.at("/tags/type/qa").asLong()).isEqualTo(12);
    assertThat(report.at("/tags/tool/get_weather").asLong()).isEqualTo(1);
    assertThat(report.at("/tags/language/en").asLong()).isEqualTo(13);
    // alpaca cannot carry tools: its sidecar skips the trajectory exactly as its rows do.
    long alpacaMeta = lines(dir.resolve("out/sft/alpaca/train.meta.jsonl")).size()
        + lines(dir.resolve("out/sft/alpaca/val.meta.jsonl")).size();
    assertThat(alpacaMeta).isEqualTo(12);
    assertThat(report.get("outputs").toString()).contains("sft/trl/train.meta.jsonl");
  }

  @Test
  void invalidToolCallsAreKeptAndTaggedByDefaultAndDroppedOnRequest() throws Exception {
    Path in = write(agent("{\"town\":\"Paris\"}"), agent("{\"city\":\"Lyon\"}"));
    RunResult kept = Pipeline.run(config(in).formats(List.of("trl")).splitRatio(null).build(), null);
    assertThat(kept.report().at("/records/emitted").asLong()).isEqualTo(2);
    assertThat(kept.report().at("/tags/units_with/invalid_tool_calls").asLong()).isEqualTo(1);
    assertThat(lines(dir.resolve("out/sft/trl/train.meta.jsonl")))
        .extracting(m -> m.get("invalid_tool_calls").asInt()).containsExactlyInAnyOrder(0, 1);

    RunResult dropped = Pipeline.run(config(in).formats(List.of("trl")).splitRatio(null)
        .dropInvalidToolCalls(true).build(), null);
    assertThat(dropped.report().at("/records/emitted").asLong()).isEqualTo(1);
    assertThat(dropped.report().at("/records/filtered/invalid_tool_call").asLong()).isEqualTo(1);
    assertThat(dropped.report().at("/config/invalid_tool_calls").asText()).isEqualTo("drop");
  }

  @Test
  void metadataInTheSidecarIsRedactedAndTheLeakGateChecksTheSidecars() throws Exception {
    ObjectNode call = Json.object();
    call.putObject("request").put("model", "gpt-4o-mini").putArray("messages").addObject()
        .put("role", "user").put("content", "How long should I boil an egg for a jammy yolk?");
    call.putObject("response").putArray("choices").addObject().putObject("message")
        .put("role", "assistant").put("content", "About six to seven minutes.");
    call.putObject("metadata").put("owner", "jane.roe@qzxmail.io").put("env", "prod");
    Path in = write(Json.write(call));
    RunResult result = Pipeline.run(config(in).formats(List.of("trl")).splitRatio(null).build(), null);
    String meta = Files.readString(dir.resolve("out/sft/trl/train.meta.jsonl"));
    assertThat(meta).doesNotContain("jane.roe").contains("\"owner\"").contains("\"env\":\"prod\"");
    assertThat(result.report().at("/pii/by_location/metadata").asInt()).isEqualTo(1);
    assertThat(result.report().at("/pii/leak_gate/files_checked").asInt()).isEqualTo(2);
  }

  @Test
  void coverageTargetsFromAConfigFileAreReported() throws Exception {
    Path in = write(PipelineTest.chat("How long does a refund take to reach my card?", "About five days."),
        agent("{\"city\":\"Paris\"}"));
    Path yaml = dir.resolve("tracemill.yaml");
    Files.writeString(yaml, """
        tags:
          domain:
            - {value: payments, keywords: [refund, card]}
        coverage:
          trajectory.min_share: 0.5
          domain.payments.min_count: 2
        """);
    RunConfig.Builder b = config(in).formats(List.of("trl")).splitRatio(null);
    ConfigFile.load(yaml).applyTo(b);
    JsonNode report = Pipeline.run(b.build(), null).report();
    assertThat(report.at("/tags/domain/payments").asLong()).isEqualTo(1);
    assertThat(report.at("/coverage/met").asBoolean()).isFalse();
    assertThat(report.at("/coverage/targets/0/met").asBoolean()).isTrue();
    assertThat(report.at("/coverage/targets/1/actual").asLong()).isEqualTo(1);
    assertThat(report.at("/config/tags/domain_rules").asInt()).isEqualTo(1);
  }
}
