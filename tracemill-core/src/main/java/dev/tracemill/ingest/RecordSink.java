package dev.tracemill.ingest;

import dev.tracemill.model.Call;
import dev.tracemill.model.SourceRef;

/**
 * Where a reader puts what it read. Every input record ends in exactly one call to this sink: either
 * {@link #accept} or {@link #quarantine}. A reader never throws for one bad record.
 */
public interface RecordSink {
  void accept(Call call);

  /**
   * The record at {@code where} could not be read. {@code reason} says what was wrong in words a user
   * can act on, and never quotes the record's text (it may hold personal data).
   */
  void quarantine(SourceRef where, String reason);
}
