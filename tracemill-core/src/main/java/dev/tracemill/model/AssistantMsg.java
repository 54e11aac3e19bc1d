package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/**
 * Assistant text. {@code text} is empty (never null) when the turn only calls tools; {@code reasoning}
 * is null when the log holds no reasoning (thinking) text. Tool calls of the same turn follow this
 * event as {@link ToolCall}s.
 */
public record AssistantMsg(String text, String reasoning, EventMeta meta) implements Event {
  public AssistantMsg {
    requireNonNull(text, "text is null");
    requireNonNull(meta, "meta is null");
  }

  @Override
  public Kind kind() {
    return Kind.ASSISTANT;
  }
}
