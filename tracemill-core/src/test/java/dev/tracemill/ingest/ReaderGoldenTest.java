package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden-file contract every reader's test implements: each
 * {@code golden/readers/<format>/<case>.input.<ext>} read by the format gives exactly
 * {@code <case>.expected.jsonl} (one line per sink call, see {@link ReaderRun#golden()}).
 */
abstract class ReaderGoldenTest {
  abstract LogFormat format();

  Path dir() {
    return Golden.ROOT.resolve("readers").resolve(format().name());
  }

  List<Path> inputs() {
    return Golden.inputs(dir(), "").stream()
        .filter(p -> p.getFileName().toString().contains(".input."))
        .toList();
  }

  static Path expected(Path input) {
    return Golden.expectedFor(input, ".input.", ".expected.jsonl");
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenInputGivesItsExpectedOutput() {
    assertThat(inputs()).as("golden inputs in " + dir()).isNotEmpty();
    return inputs().stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(),
        () -> Golden.assertMatches(expected(input), ReaderRun.of(format(), input).golden())));
  }

  @Test
  void everyGoldenInputHasAnExpectedFile() {
    for (Path input : inputs()) {
      assertThat(expected(input)).as("expected file for " + input).exists();
    }
  }

  @Test
  void readingTheSameFileTwiceGivesTheSameBytes() {
    for (Path input : inputs()) {
      assertThat(ReaderRun.of(format(), input).golden()).isEqualTo(ReaderRun.of(format(), input).golden());
    }
  }

  @Test
  void quarantineReasonsNeverQuoteTheRecord() throws Exception {
    for (Path input : inputs()) {
      String raw = new String(Files.readAllBytes(input), java.nio.charset.StandardCharsets.UTF_8);
      for (ReaderRun.Quarantined q : ReaderRun.of(format(), input).quarantined) {
        assertThat(q.reason()).as(input + ":" + q.where().line()).doesNotContain("secret");
        assertThat(raw).as("reason is not a copy of record text").doesNotContain(q.reason());
      }
    }
  }
}
