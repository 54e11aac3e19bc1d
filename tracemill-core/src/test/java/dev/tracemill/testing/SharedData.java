package dev.tracemill.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the read-only {@code shared/} folder beside the project (fixtures and labelled corpora that
 * are not ours to copy). Tests that need it skip, with a message saying so, only where it is absent.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder, or a skipped test when it is absent. */
  public static Path root() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("fixtures"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    assumeTrue(false, "../shared (third-party fixtures) is not present beside the project; skipping");
    return null;
  }

  public static Path file(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(Files.exists(p), "shared file " + relative + " is absent; skipping");
    return p;
  }
}
