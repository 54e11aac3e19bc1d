package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/**
 * Where a record came from: the input path as the user gave it and the 1-based line of the record's
 * first line. Quarantine entries, reports and error messages point here instead of copying raw text.
 */
public record SourceRef(String file, long line) {
  public SourceRef {
    requireNonNull(file, "file is null");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
