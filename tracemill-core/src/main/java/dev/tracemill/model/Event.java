package dev.tracemill.model;

/**
 * One canonical thing that happened in a logged LLM interaction. The family is closed: dispatch with
 * a {@code switch} on {@link #kind()} with no {@code default}, so that a new variant breaks the build
 * instead of being ignored somewhere.
 */
public sealed interface Event
    permits SystemMsg, UserMsg, AssistantMsg, ToolCall, ToolResult, ErrorEvent, Feedback {

  /** The closed set of event kinds, one per record type. */
  enum Kind { SYSTEM, USER, ASSISTANT, TOOL_CALL, TOOL_RESULT, ERROR, FEEDBACK }

  Kind kind();

  EventMeta meta();
}
