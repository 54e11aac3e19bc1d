package dev.tracemill.ingest;

import java.io.IOException;

/**
 * A reader for one log shape, and the factory that says cheaply whether a file is of that shape.
 * Implementations are stateless: {@link #read} may be called for many files, one at a time.
 */
public interface LogFormat {
  /** The name users pass to {@code --input-format}. */
  String name();

  /** One line for {@code tracemill formats}: the log shape this reads; empty when not described. */
  default String description() {
    return "";
  }

  /**
   * How sure this format is that the sample is its own: 0 means "not mine"; higher wins. Must not
   * throw and must not read beyond the sample.
   */
  int sniff(Sample sample);

  /**
   * Streams every record of {@code file} into {@code sink}: each record ends in exactly one
   * {@code accept} or {@code quarantine}. Throws only when the file itself cannot be read.
   */
  void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException;
}
