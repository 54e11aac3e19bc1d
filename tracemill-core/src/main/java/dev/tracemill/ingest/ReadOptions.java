package dev.tracemill.ingest;

/**
 * Limits that apply to every reader. {@code maxRecordBytes}: a line (or document) longer than this is
 * quarantined without being held in memory.
 */
public record ReadOptions(int maxRecordBytes) {
  public static final int DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;
  public static final ReadOptions DEFAULTS = new ReadOptions(DEFAULT_MAX_RECORD_BYTES);

  public ReadOptions {
    if (maxRecordBytes < 1024) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 1024, got " + maxRecordBytes);
    }
  }
}
