package dev.tracemill.cli;

import dev.tracemill.export.Exporters;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.pipeline.RunFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracemill demo}: the bundled example logs through every export format, to show what a run gives. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Runs the pipeline on the bundled example logs (examples/logs/) with every export format,",
        "split 0.8,0.1,0.1 and seed 42, and prints the summary."},
    footer = ExitCodes.FOOTER)
final class DemoCommand implements Callable<Integer> {
  static final String EXAMPLES = "examples/logs";
  static final String DEFAULT_OUT = "out/demo";
  static final List<Double> SPLIT = List.of(0.8, 0.1, 0.1);

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder. Default: out/demo in the tracemill folder.")
  Path out;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
  boolean quiet;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws RunFailedException {
    Path logs = context.home().resolve(EXAMPLES);
    if (!Files.isDirectory(logs)) {
      throw new RunFailedException("the example logs are not at " + logs + ". Run the demo through the "
          + "./tracemill launcher (it sets -Dtracemill.home) or from the tracemill folder.");
    }
    RunConfig config;
    try {
      config = RunConfig.builder()
          .input(shown(logs))
          .out(out != null ? out : Path.of(shown(context.home().resolve(DEFAULT_OUT))))
          .formats(Exporters.names())
          .splitRatio(SPLIT)
          .seed(42)
          .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return RunExecutor.execute(context, config, quiet, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  /**
   * A path relative to the working directory when it lies below it, so that file names in quarantine
   * entries, unit ids and the summary read {@code examples/logs/...} and {@code out/demo} and do not
   * depend on where the project was cloned.
   */
  private static String shown(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }
}
