package dev.tracemill.capture;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When the lines a {@link TrainingDataLogger} accepted reach the file.
 *
 * <ul>
 *   <li>{@link #everyLine()} (the default): {@code log} returns after its line was handed to the
 *       operating system in one write. A crash of the application (even {@code kill -9}) loses
 *       nothing that was logged; a crash of the machine may lose what the OS had not stored yet.
 *   <li>{@link #everyLineSynced()}: as {@code everyLine}, and the file is forced to the device
 *       ({@code fsync}) before {@code log} returns. Survives power loss; costs a disk flush per call.
 *   <li>{@link #buffered(int, Duration)}: lines collect in memory and are written, whole lines only,
 *       when {@code bufferBytes} would be exceeded, every {@code maxDelay}, on {@link TrainingDataLogger#flush()}
 *       and on close (and at JVM shutdown). A crash loses at most the lines of the last
 *       {@code maxDelay}.
 * </ul>
 *
 * <p>In every policy a line is written whole in one write under the file lock, so readers and other
 * processes never see two lines interleaved, and a writer killed inside a write leaves at most one
 * torn last line.
 */
public final class FlushPolicy {
  enum Kind { EVERY_LINE, SYNCED, BUFFERED }

  private static final FlushPolicy EVERY_LINE = new FlushPolicy(Kind.EVERY_LINE, 0, Duration.ZERO);
  private static final FlushPolicy SYNCED = new FlushPolicy(Kind.SYNCED, 0, Duration.ZERO);

  private final Kind kind;
  private final int bufferBytes;
  private final Duration maxDelay;

  private FlushPolicy(Kind kind, int bufferBytes, Duration maxDelay) {
    this.kind = kind;
    this.bufferBytes = bufferBytes;
    this.maxDelay = maxDelay;
  }

  public static FlushPolicy everyLine() {
    return EVERY_LINE;
  }

  public static FlushPolicy everyLineSynced() {
    return SYNCED;
  }

  /** 64 KiB of lines, written at least once a second. */
  public static FlushPolicy buffered() {
    return buffered(64 * 1024, Duration.ofSeconds(1));
  }

  public static FlushPolicy buffered(int bufferBytes, Duration maxDelay) {
    requireNonNull(maxDelay, "maxDelay is null. Use Duration.ofSeconds(1) for a write at least once a second");
    if (bufferBytes < 1024) {
      throw new IllegalArgumentException("bufferBytes is " + bufferBytes + "; give at least 1024 (64 KiB is usual)");
    }
    if (maxDelay.isNegative() || maxDelay.isZero()) {
      throw new IllegalArgumentException("maxDelay is " + maxDelay + "; give a positive delay, or use everyLine()");
    }
    return new FlushPolicy(Kind.BUFFERED, bufferBytes, maxDelay);
  }

  Kind kind() {
    return kind;
  }

  int bufferBytes() {
    return bufferBytes;
  }

  Duration maxDelay() {
    return maxDelay;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EVERY_LINE -> "FlushPolicy[every line]";
      case SYNCED -> "FlushPolicy[every line, synced]";
      case BUFFERED -> "FlushPolicy[buffered " + bufferBytes + " bytes, at most " + maxDelay + "]";
    };
  }
}
