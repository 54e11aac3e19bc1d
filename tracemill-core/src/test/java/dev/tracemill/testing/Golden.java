package dev.tracemill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden-file helpers. Expected files live under {@code src/test/resources/golden/}; run the tests with
 * {@code -Dgolden.update=true} to rewrite them, then review the diff line by line before committing.
 */
public final class Golden {
  public static final Path ROOT = Paths.get("src/test/resources/golden");

  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Asserts that {@code actual} equals the expected file's text, or rewrites it when updating. */
  public static void assertMatches(Path expectedFile, String actual) {
    try {
      if (updating()) {
        Files.createDirectories(expectedFile.getParent());
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(expectedFile).as("expected file (create it with -Dgolden.update=true, then review it)")
          .exists();
      String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
      assertThat(actual).as("output for " + expectedFile).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir} whose name ends with {@code suffix}, sorted. */
  public static List<Path> inputs(Path dir, String suffix) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code name.input.jsonl} to {@code name.expected.jsonl} (same folder). */
  public static Path expectedFor(Path input, String inputMarker, String expectedSuffix) {
    String name = input.getFileName().toString();
    int at = name.indexOf(inputMarker);
    return input.resolveSibling(name.substring(0, at) + expectedSuffix);
  }
}
