package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The new span and mapping readers end to end: config file to report. */
class SpanInputsPipelineTest {
  private static Path examples() {
    Path dir = Paths.get("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("examples/custom"))) {
      dir = dir.getParent();
    }
    return dir.resolve("examples/custom");
  }

  @Test
  void toolBenchThroughTheExampleConfigFile(@TempDir Path tmp) throws Exception {
    Path in = SharedData.file("fixtures/toolbench");
    Path copy = tmp.resolve("in");
    Files.createDirectories(copy);
    try (var files = Files.list(in)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    RunConfig.Builder b = ConfigFile.load(examples().resolve("toolbench.yaml")).applyTo(RunConfig.builder());
    RunConfig config = b.input(copy.toString()).out(tmp.resolve("out")).formats(java.util.List.of("openai")).build();
    assertThat(config.inputFormat()).isEqualTo("custom");
    RunResult result = Pipeline.run(config, null);
    JsonNode records = result.report().get("records");
    assertThat(records.get("input").asLong()).isEqualTo(5);
    assertThat(records.get("emitted").asLong()).isEqualTo(4);
    assertThat(records.get("quarantined").asLong()).isEqualTo(1);
    assertThat(result.report().at("/units/trajectory").asLong()).isEqualTo(4);
    String rows = Files.readString(tmp.resolve("out/sft/openai/train.jsonl"));
    assertThat(rows.lines()).hasSize(4).allSatisfy(r -> assertThat(r).contains("\"tool_calls\""));
  }

  @Test
  void langfuseTracesAreDetectedAndBecomeOneUnitPerConversation(@TempDir Path tmp) throws Exception {
    Path in = SharedData.file("fixtures/langfuse");
    Path copy = tmp.resolve("in");
    Files.createDirectories(copy);
    try (var files = Files.list(in)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".trace.json")).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    RunConfig config = RunConfig.builder().input(copy.toString()).out(tmp.resolve("out"))
        .formats(java.util.List.of("trl")).successOnly(false).build();
    RunResult result = Pipeline.run(config, null);
    JsonNode records = result.report().get("records");
    assertThat(records.get("quarantined").asLong()).isZero();
    // 13 conversations in 12 traces; two fixture files hold the same pydantic-ai trace.
    assertThat(records.get("emitted").asLong()).isEqualTo(12);
    assertThat(result.report().at("/units/trajectory").asLong()).isEqualTo(6);
  }
}
