package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracemill.export.Exporters;
import dev.tracemill.pipeline.Pipeline;
import dev.tracemill.pipeline.RunConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the bundled example logs through every export format, then hands the files to
 * {@code harness/check_exports.py}, which loads each one with Hugging Face {@code datasets} and renders
 * every TRL row with real model chat templates from {@code ../shared/chat_templates}. This is the
 * check that our files load in the real tools, not only in our own validators.
 *
 * <p>Needs a Python with {@code datasets} and {@code jinja2} ({@code harness/requirements.txt}): the
 * one named by {@code TRACEMILL_PYTHON}, else {@code python3}. Without it the test is skipped, unless
 * {@code TRACEMILL_REQUIRE_HARNESS=1} (as CI sets) makes that a failure.
 */
class TrainerCompatibilityTest {
  @TempDir Path dir;

  @Test
  void everyExportedFileLoadsInDatasetsAndRendersWithRealChatTemplates() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path harness = root.resolve("harness/check_exports.py");
    String python = System.getenv().getOrDefault("TRACEMILL_PYTHON", "python3");
    boolean required = "1".equals(System.getenv("TRACEMILL_REQUIRE_HARNESS"));
    boolean available = run(List.of(python, "-c", "import datasets, jinja2"), dir.resolve("probe.log")) == 0;
    if (required) {
      assertThat(available).as(python + " must have datasets and jinja2 (pip install -r harness/requirements.txt)")
          .isTrue();
    }
    assumeTrue(available, "no Python with datasets and jinja2 (set TRACEMILL_PYTHON or pip install -r "
        + "harness/requirements.txt); skipping the real-loader check");

    Path out = dir.resolve("out");
    Pipeline.run(RunConfig.builder().input(root.resolve("examples/logs").toString()).out(out)
        .formats(Exporters.names()).splitRatio(List.of(0.8, 0.1, 0.1)).build(), null);

    List<String> command = new ArrayList<>(List.of(python, harness.toString(), out.toString()));
    Path templates = root.getParent().resolve("shared/chat_templates/trl");
    if (Files.isDirectory(templates)) {
      command.add(templates.toString());
    }
    Path log = dir.resolve("harness.log");
    int exit = run(command, log);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output).contains("files checked");
  }

  private static int run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      return -1;
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
