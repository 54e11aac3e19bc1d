package dev.tracemill.cli;

import picocli.CommandLine;

/** Assembles the command tree with its context, the exit-code mapper and the factory that injects it. */
final class Cli {
  private Cli() {}

  static CommandLine create(CliContext context) {
    ExitCodes exitCodes = new ExitCodes(context);
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == RunCommand.class) {
          return cls.cast(new RunCommand(context));
        }
        if (cls == DemoCommand.class) {
          return cls.cast(new DemoCommand(context));
        }
        if (cls == PiiEvalCommand.class) {
          return cls.cast(new PiiEvalCommand(context));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
    return new CommandLine(new TracemillCommand(), factory)
        .setParameterExceptionHandler(exitCodes)
        .setExecutionExceptionHandler(exitCodes)
        .setUsageHelpAutoWidth(true);
  }
}
