package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/** A judgement of the interaction: a score, a thumbs up/down, or a corrected answer; each may be null. */
public record Feedback(Double rating, Boolean thumbsUp, String correction, EventMeta meta) implements Event {
  public Feedback {
    requireNonNull(meta, "meta is null");
  }

  @Override
  public Kind kind() {
    return Kind.FEEDBACK;
  }
}
