package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.SourceRef;
import dev.tracemill.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden-file tests every reader's test implements: each {@code <case>.input.<ext>} under
 * {@code golden/readers/<format>/} is read and its sink events, one JSON line each, must equal
 * {@code <case>.expected.jsonl}. Accepted calls are written as {@link ModelJson#call}; quarantines as
 * {@code {"quarantine": {"line": N, "reason": "..."}}}. The input's file name (not its path) is the
 * source file, so expected files do not depend on where the build runs.
 */
interface GoldenReaderContract {
  LogFormat format();

  default Path goldenDir() {
    return Golden.ROOT.resolve("readers").resolve(format().name());
  }

  default List<Path> goldenInputs() {
    List<Path> inputs = Golden.inputs(goldenDir(), "").stream()
        .filter(p -> p.getFileName().toString().contains(".input."))
        .toList();
    assertThat(inputs).as("golden inputs in " + goldenDir()).isNotEmpty();
    return inputs;
  }

  @Test
  default void goldenInputsGiveTheExpectedCallsAndQuarantines() {
    for (Path input : goldenInputs()) {
      Golden.assertMatches(Golden.expectedFor(input, ".input.", ".expected.jsonl"), run(format(), input));
    }
  }

  @Test
  default void everyGoldenInputHasAnExpectedFile() {
    assumeFalse(Golden.updating(), "expected files are being written");
    for (Path input : goldenInputs()) {
      assertThat(Golden.expectedFor(input, ".input.", ".expected.jsonl")).exists();
    }
  }

  @Test
  default void readingTheSameInputTwiceGivesTheSameBytes() {
    for (Path input : goldenInputs()) {
      assertThat(run(format(), input)).isEqualTo(run(format(), input));
    }
  }

  /** Reads {@code input} with default options and renders what reached the sink, in order. */
  static String run(LogFormat format, Path input) {
    return run(format, input, ReadOptions.DEFAULTS);
  }

  static String run(LogFormat format, Path input, ReadOptions options) {
    StringBuilder out = new StringBuilder();
    try {
      format.read(new InputFile(input.getFileName().toString(), input), options, new RecordSink() {
        @Override
        public void accept(Call call) {
          out.append(Json.write(ModelJson.call(call))).append('\n');
        }

        @Override
        public void quarantine(SourceRef where, String reason) {
          ObjectNode q = Json.object();
          q.putObject("quarantine").put("line", where.line()).put("reason", reason);
          out.append(Json.write(q)).append('\n');
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes {@code text} to a temporary file named {@code name} and returns its path. */
  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
