package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

/**
 * What a detector may know about the text it scans besides the text: where it sits, and, for a string
 * value inside JSON (tool arguments, tool results, JSON answers), the key it is stored under
 * ({@code "email"}, {@code "customer_name"}), null for free text.
 */
public record ScanContext(Where where, String jsonKey) {
  public static final ScanContext FREE_TEXT = new ScanContext(Where.MESSAGE_TEXT, null);

  public ScanContext {
    requireNonNull(where, "where is null");
  }
}
