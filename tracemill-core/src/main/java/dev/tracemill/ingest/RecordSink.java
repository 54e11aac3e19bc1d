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

  /**
   * The record at {@code where} was read, and what it holds lives on in a call accepted for another
   * record (a span folded into the trajectory rebuilt from its trace; see {@link TraceRebuilder}).
   * {@code reason} is a snake_case word for the report, such as {@link TraceRebuilder#FOLDED}. Sinks
   * that serve trace readers must book it; the default refuses, so a record is never lost silently.
   */
  default void folded(SourceRef where, String reason) {
    throw new UnsupportedOperationException("this sink cannot book folded records (" + reason + ")");
  }
}
