package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run on the OTLP demo traces: the report accounts for every span record. */
class TracePipelineTest {
  @TempDir Path dir;

  private static Path example(String name) {
    Path d = Paths.get("").toAbsolutePath();
    while (d != null && !Files.isDirectory(d.resolve("examples/logs"))) {
      d = d.getParent();
    }
    assertThat(d).as("examples/logs above the working directory").isNotNull();
    return d.resolve("examples/logs").resolve(name);
  }

  @Test
  void foldedSpansAreBookedAsMergedAndTheRunAddsUp() throws Exception {
    RunConfig config = RunConfig.builder().out(dir.resolve("out"))
        .input(example("otlp-agent-traces.jsonl").toString())
        .input(example("openinference-spans.jsonl").toString())
        .formats(List.of("openai")).build();
    RunResult result = Pipeline.run(config, null);
    JsonNode r = result.report().get("records");
    long filtered = 0;
    for (JsonNode n : r.get("filtered")) {
      filtered += n.asLong();
    }
    // otlp: 13 GenAI spans + 1 truncated line; openinference: 5 span records (the CHAIN span is none).
    assertThat(r.get("input").asLong()).isEqualTo(19);
    assertThat(r.get("emitted").asLong() + r.get("merged").asLong() + filtered + r.get("quarantined").asLong())
        .isEqualTo(19);
    assertThat(r.get("quarantined").asLong()).isEqualTo(3);
    assertThat(r.get("emitted").asLong()).isEqualTo(2);
    Map<String, Integer> reasons = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("out/dropped.jsonl"), StandardCharsets.UTF_8)) {
      reasons.merge(Json.MAPPER.readTree(line).get("reason").asText(), 1, Integer::sum);
    }
    // Trace A's call is a prefix of trace B's (one conversation); 12 spans are folded; one call failed.
    assertThat(reasons).containsEntry("part_of_a_rebuilt_trace", 12)
        .containsEntry("prefix_of_a_longer_call", 1).containsEntry("failed_call", 1);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out/sft/openai/train.jsonl"), StandardCharsets.UTF_8)) {
      rows.add(Json.MAPPER.readTree(line));
    }
    assertThat(rows).anySatisfy(row -> assertThat(row.get("messages")).hasSize(12));
  }
}
