package dev.tracemill.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One logged LLM call in a format-neutral shape; a {@link LineFormat} renders it as one log line.
 *
 * @param kind which part of the content mix produced it
 * @param domain the topic family the text was drawn from
 * @param model the model named in the request (the response names its dated snapshot)
 * @param messages the request messages, in order
 * @param tools tool definitions sent with the request; empty when none
 * @param temperature sampling temperature sent with the request, or null when the request had none
 * @param response the assistant message returned, or null for a failed call
 * @param finishReason why generation stopped ({@code stop}, {@code length}, {@code tool_calls}); null when failed
 * @param error what the API answered instead of a response, or null
 * @param sessionId groups the calls of one conversation or agent run, or null
 * @param callType the label a TrainingDataLogger caller would pass
 * @param responseId the {@code chatcmpl-...} id of the response
 * @param epochMicros when the call completed, microseconds since the epoch
 * @param metadata application metadata logged next to the call (insertion order is kept)
 */
record LogCall(
    Kind kind,
    Domain domain,
    String model,
    List<Msg> messages,
    List<ToolSpec> tools,
    Double temperature,
    Msg response,
    String finishReason,
    ApiError error,
    String sessionId,
    String callType,
    String responseId,
    long epochMicros,
    Map<String, Object> metadata) {

  LogCall {
    requireNonNull(kind, "kind is null");
    requireNonNull(domain, "domain is null");
    requireNonNull(model, "model is null");
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    requireNonNull(callType, "callType is null");
    requireNonNull(responseId, "responseId is null");
    requireNonNull(metadata, "metadata is null");
    if ((response == null) == (error == null)) {
      throw new IllegalArgumentException("a call has either a response or an error, not both or neither");
    }
    if (response != null) {
      requireNonNull(finishReason, "finishReason is null for a call with a response");
    }
  }

  /** The part of the content mix a line belongs to. */
  enum Kind {
    QA, CHAT, AGENT, DUPLICATE, FAILED, MALFORMED
  }

  /**
   * One chat message. {@code content} is null only for an assistant message that carries tool calls;
   * {@code asParts} renders user content as an array of text parts, as some clients send it.
   */
  record Msg(String role, String content, List<ToolCallSpec> toolCalls, String toolCallId, boolean asParts) {
    Msg {
      requireNonNull(role, "role is null");
      toolCalls = List.copyOf(toolCalls);
      if (content == null && toolCalls.isEmpty()) {
        throw new IllegalArgumentException("a message without content must carry tool calls");
      }
    }

    static Msg of(String role, String content) {
      return new Msg(role, content, List.of(), null, false);
    }
  }

  /** A tool call as the API returns it: arguments are a JSON string, not an object. */
  record ToolCallSpec(String id, String name, String argumentsJson) {
    ToolCallSpec {
      requireNonNull(id, "id is null");
      requireNonNull(name, "name is null");
      requireNonNull(argumentsJson, "argumentsJson is null");
    }
  }

  /** The top-level error object of a failed call. {@code code} may be null, as the API sends it. */
  record ApiError(String message, String type, String code, int httpStatus) {
    ApiError {
      requireNonNull(message, "message is null");
      requireNonNull(type, "type is null");
    }
  }
}
