package dev.tracemill.cli;

import dev.tracemill.pipeline.RunFailedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns an exception into an exit code and a message on stderr.
 *
 * <p>Internal errors print the exception's class and the frame it came from but not its message,
 * which may quote input text (a parser error, say); {@code TRACEMILL_DEBUG=1} prints everything.
 */
final class ExitCodes implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
  static final int OK = 0;
  static final int RUN_FAILED = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  /** Help footer shared by the commands that run the pipeline. */
  static final String FOOTER = "%nExit codes:%n"
      + "  0  success%n"
      + "  1  the run failed: an input cannot be read, --strict met a bad record,%n"
      + "     the output cannot be written, or the leak gate found personal data%n"
      + "     or a secret left in the training files (nothing is written then)%n"
      + "  2  invalid usage or configuration (options, config file, option values)%n"
      + "  3  internal error (set TRACEMILL_DEBUG=1 for the stack trace)";

  private final CliContext context;

  ExitCodes(CliContext context) {
    this.context = context;
  }

  /** Usage errors: picocli's own, and those a command raises for invalid option or config values. */
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("tracemill: error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof RunFailedException) {
      err.println("tracemill: error: " + oneLine(ex.getMessage()));
      if (context.debug()) {
        ex.printStackTrace(err);
      }
      err.flush();
      return RUN_FAILED;
    }
    StackTraceElement[] trace = ex.getStackTrace();
    String where = trace.length == 0 ? "" : " at " + trace[0];
    err.println("tracemill: internal error: " + ex.getClass().getName() + where);
    if (context.debug()) {
      ex.printStackTrace(err);
    } else {
      err.println("This is a bug in tracemill. Run again with TRACEMILL_DEBUG=1 for the details and the stack trace.");
    }
    err.flush();
    return INTERNAL;
  }

  private static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "the run failed";
    }
    return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
