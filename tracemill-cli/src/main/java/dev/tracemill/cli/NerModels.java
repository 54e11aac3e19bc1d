package dev.tracemill.cli;

import dev.tracemill.ner.NerModelException;
import dev.tracemill.ner.NerOptions;
import dev.tracemill.ner.OnnxNerDetector;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Loads {@code --ner-model DIR} for {@code run} and {@code pii-eval}. A folder that cannot be used is
 * a usage error (exit 2) whose message names the missing or broken file. The detector lives until the
 * process ends (the CLI runs one command), when its native session is freed with it.
 */
final class NerModels {
  private NerModels() {}

  static OnnxNerDetector load(Path dir, CommandLine commandLine) {
    try {
      return OnnxNerDetector.load(dir, NerOptions.DEFAULTS);
    } catch (NerModelException e) {
      throw new ParameterException(commandLine, "--ner-model: " + e.getMessage(), e);
    }
  }

  /** The folder's name, never its full path (report files may be shared). */
  static String folderName(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }
}
