package dev.tracemill.privacy;

import java.io.IOException;

/**
 * A gold corpus cannot be read: not JSON, or a record without the fields the format needs. The
 * message names the record (its index from 0 and its line) and the field, never the text.
 */
public final class GoldCorpusException extends IOException {
  public GoldCorpusException(String message) {
    super(message);
  }
}
