package dev.tracemill.privacy;

import java.util.List;

/**
 * Finds entities in one text. A detector reports spans and never rewrites text (one redactor applies
 * the merged spans of all detectors once). Implementations are immutable and thread-safe, never log or
 * throw text they scan, and return spans within {@code [0, text.length())} in any order; overlaps
 * between detectors are resolved by the caller.
 */
public interface Detector {
  /** A short stable name, recorded in each span and in the report's per-source counts. */
  String name();

  List<Span> detect(String text, ScanContext context);
}
