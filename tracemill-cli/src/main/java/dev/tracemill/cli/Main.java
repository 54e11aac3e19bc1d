package dev.tracemill.cli;

/** Entry point of {@code tracemill.jar}; everything else is in {@link Cli}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.create(CliContext.system()).execute(args));
  }
}
