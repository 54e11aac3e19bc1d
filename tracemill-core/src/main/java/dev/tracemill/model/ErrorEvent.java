package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/** The call itself failed (an API error, a timeout). {@code code} may be null. */
public record ErrorEvent(String message, String code, EventMeta meta) implements Event {
  public ErrorEvent {
    requireNonNull(message, "message is null");
    requireNonNull(meta, "meta is null");
  }

  @Override
  public Kind kind() {
    return Kind.ERROR;
  }
}
