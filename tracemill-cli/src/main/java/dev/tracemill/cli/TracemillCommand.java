package dev.tracemill.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: only declares the subcommands; run without one it is a usage error. */
@Command(
    name = "tracemill",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns LLM application logs into training-ready SFT datasets.",
    subcommands = {RunCommand.class, DemoCommand.class, FormatsCommand.class, PiiEvalCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footer = ExitCodes.FOOTER)
final class TracemillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "no command given. Use one of: run, demo, formats, pii-eval");
  }
}
