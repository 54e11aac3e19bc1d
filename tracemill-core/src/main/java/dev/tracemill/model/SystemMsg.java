package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/** A system (or developer) instruction. */
public record SystemMsg(String text, EventMeta meta) implements Event {
  public SystemMsg {
    requireNonNull(text, "text is null");
    requireNonNull(meta, "meta is null");
  }

  @Override
  public Kind kind() {
    return Kind.SYSTEM;
  }
}
