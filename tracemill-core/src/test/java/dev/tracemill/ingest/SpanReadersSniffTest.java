package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Detection between the look-alike shapes: a LiteLLM payload has messages and call_type like a
 * TrainingDataLogger row; a Responses API pair has request and response like an OpenAI chat pair.
 * Every golden input of every reader must be detected as that reader.
 */
class SpanReadersSniffTest {
  @Test
  void everyGoldenInputIsDetectedAsItsOwnFormat() throws IOException {
    Path readers = Golden.ROOT.resolve("readers");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(readers)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    int checked = 0;
    for (Path dir : dirs) {
      String format = dir.getFileName().toString();
      for (Path input : Golden.inputs(dir, "")) {
        String name = input.getFileName().toString();
        if (!name.contains(".input.") || Formats.isBlank(new InputFile(name, input))) {
          continue;
        }
        var detected = Formats.detect(new InputFile(name, input));
        if (detected.isEmpty()) {
          continue; // files made to be unreadable (binary, broken first line) are covered by their reader's test
        }
        assertThat(detected.get().name()).as(format + "/" + name).isEqualTo(format);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(30);
  }
}
