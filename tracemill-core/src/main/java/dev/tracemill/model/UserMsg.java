package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/** A user turn. Non-text parts (images, audio) are not carried; their text parts are joined. */
public record UserMsg(String text, EventMeta meta) implements Event {
  public UserMsg {
    requireNonNull(text, "text is null");
    requireNonNull(meta, "meta is null");
  }

  @Override
  public Kind kind() {
    return Kind.USER;
  }
}
