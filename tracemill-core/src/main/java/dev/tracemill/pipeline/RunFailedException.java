package dev.tracemill.pipeline;

/**
 * The run stopped: an input path cannot be read, {@code --strict} met a bad record, or the output
 * cannot be written. The message is one line naming the path (and line) and what to do; it never
 * quotes record content.
 */
public final class RunFailedException extends Exception {
  public RunFailedException(String message) {
    super(message);
  }

  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
