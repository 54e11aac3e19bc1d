package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

/**
 * A detected entity: the half-open character range {@code [start, end)} of the scanned text, its
 * {@code type} (an {@link EntityTypes} name, or a user's dictionary type), a confidence in
 * {@code [0, 1]}, and the detector that found it. A span never carries the matched text: callers that
 * need it take {@code text.substring(start, end)} and must not log it.
 */
public record Span(int start, int end, String type, double score, String detector) {
  public Span {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("span must satisfy 0 <= start < end, got [" + start + ", " + end + ")");
    }
    requireNonNull(type, "type is null");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
    requireNonNull(detector, "detector is null");
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Span other) {
    return start < other.end && other.start < end;
  }

  @Override
  public String toString() {
    return type + "[" + start + "," + end + ")@" + detector;
  }
}
