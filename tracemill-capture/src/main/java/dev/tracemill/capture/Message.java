package dev.tracemill.capture;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One chat message of a captured call, in OpenAI's shape: a {@code role}, its {@code content}, and for
 * an assistant turn that called tools its {@code toolCalls}, for a tool result the {@code toolCallId}
 * it answers.
 *
 * <p>{@code content} is null only for an assistant turn that holds tool calls and no text.
 */
public record Message(String role, String content, String toolCallId, List<ToolCall> toolCalls) {
  public Message {
    requireNonNull(role, "role is null. Use Message.system, user, assistant or tool");
    if (role.isBlank()) {
      throw new IllegalArgumentException("role is blank. Use Message.system, user, assistant or tool");
    }
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (content == null && toolCalls.isEmpty()) {
      throw new IllegalArgumentException("a " + role + " message has no content; give \"\" for an empty one");
    }
    if (!toolCalls.isEmpty() && !role.equals("assistant")) {
      throw new IllegalArgumentException("only an assistant message can hold tool calls, not a " + role + " message");
    }
    if (toolCallId != null && !role.equals("tool")) {
      throw new IllegalArgumentException("only a tool message answers a tool call id, not a " + role + " message");
    }
  }

  public static Message system(String content) {
    return new Message("system", requireNonNull(content, "content is null"), null, List.of());
  }

  public static Message user(String content) {
    return new Message("user", requireNonNull(content, "content is null"), null, List.of());
  }

  public static Message assistant(String content) {
    return new Message("assistant", requireNonNull(content, "content is null"), null, List.of());
  }

  /** An assistant turn that called tools; {@code content} may be null when it said nothing else. */
  public static Message assistant(String content, List<ToolCall> toolCalls) {
    return new Message("assistant", content, null, toolCalls);
  }

  /** The result of the tool call {@code callId} (the id of a {@link ToolCall} of an earlier turn). */
  public static Message tool(String callId, String content) {
    requireNonNull(callId, "callId is null; give the id of the tool call this result answers");
    return new Message("tool", requireNonNull(content, "content is null"), callId, List.of());
  }

  /** This message with other text (used by redaction); tool calls and ids are kept. */
  public Message withContent(String newContent) {
    return new Message(role, newContent, toolCallId, toolCalls);
  }

  /** This message with other tool calls (used by redaction). */
  public Message withToolCalls(List<ToolCall> newToolCalls) {
    return new Message(role, content, toolCallId, newToolCalls);
  }

  @Override
  public String toString() {
    // Never the content: it may be personal data.
    return "Message[" + role + ", " + (content == null ? "no text" : content.length() + " chars")
        + (toolCalls.isEmpty() ? "" : ", " + toolCalls.size() + " tool calls")
        + (toolCallId == null ? "" : ", answers " + toolCallId) + "]";
  }
}
