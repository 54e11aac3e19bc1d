package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/**
 * Where a record came from: the input path as the user gave it and the 1-based line of the record's
 * first line. Quarantine entries, reports and error messages point here instead of copying raw text.
 *
 * <p>{@code part} tells apart the calls that one record yields (a trace export line can hold several
 * model calls): 0 for the first or only one, 1, 2... for the next. It keeps unit ids distinct; it is
 * not shown in {@link #toString()}, which names the record.
 */
public record SourceRef(String file, long line, int part) {
  public SourceRef {
    requireNonNull(file, "file is null");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
    if (part < 0) {
      throw new IllegalArgumentException("part must be >= 0, got " + part);
    }
  }

  public SourceRef(String file, long line) {
    this(file, line, 0);
  }

  /** The same record, call number {@code part}. */
  public SourceRef part(int part) {
    return new SourceRef(file, line, part);
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
