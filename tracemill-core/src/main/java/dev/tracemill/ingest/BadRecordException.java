package dev.tracemill.ingest;

/**
 * A record has the wrong shape. The message names the field and what was expected (for example
 * {@code "request.messages[2].role: expected a string"}) and never quotes values from the record.
 */
public final class BadRecordException extends RuntimeException {
  public BadRecordException(String reason) {
    super(reason, null, false, false);
  }
}
