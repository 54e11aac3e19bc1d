package dev.tracemill.cli;

import static java.util.Objects.requireNonNull;

import dev.tracemill.pipeline.Pipeline;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.PrivacyOptions;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What the commands take from their surroundings, injected so tests need no real pipeline, system
 * properties or environment.
 *
 * @param runner runs the pipeline
 * @param home the tracemill folder (examples, default demo output): {@code -Dtracemill.home}, which
 *     the launcher sets, else the working directory
 * @param env environment lookup ({@code TRACEMILL_DEBUG})
 * @param console whether stderr is a terminal a progress bar may draw on
 * @param detectors builds the privacy detectors for the given options ({@code pii-eval} measures them)
 */
record CliContext(PipelineRunner runner, Path home, Function<String, String> env, boolean console,
    Function<PrivacyOptions, DetectorSet> detectors) {
  CliContext {
    requireNonNull(runner, "runner is null");
    requireNonNull(home, "home is null");
    requireNonNull(env, "env is null");
    requireNonNull(detectors, "detectors is null");
  }

  /** A context with the built-in detectors. */
  CliContext(PipelineRunner runner, Path home, Function<String, String> env, boolean console) {
    this(runner, home, env, console, DetectorSet::defaults);
  }

  static CliContext system() {
    String home = System.getProperty("tracemill.home");
    Path dir = home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
    return new CliContext(Pipeline::run, dir, System::getenv, System.console() != null);
  }

  boolean debug() {
    return "1".equals(env.apply("TRACEMILL_DEBUG"));
  }
}
