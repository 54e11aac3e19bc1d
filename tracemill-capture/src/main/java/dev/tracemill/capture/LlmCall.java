package dev.tracemill.capture;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything one LLM call can record: the prompt {@code messages}, the {@code response} text and the
 * {@code toolCalls} it asked for (together they become the final assistant message), the
 * {@code tools} offered, token {@code usage}, the {@code model}, the {@code latency}, the provider's
 * {@code finishReason}, an {@code error} when the call failed, and per-call {@code metadata}.
 *
 * <p>Only {@code callType} and {@code messages} are required; every other field may be null (or
 * empty) when unknown. Metadata is kept sorted by key, as it is written. A call without a response and
 * without tool calls (a failed call) is written without a final assistant message.
 */
public record LlmCall(
    String callType,
    List<Message> messages,
    String response,
    List<ToolCall> toolCalls,
    List<ToolDefinition> tools,
    Usage usage,
    String model,
    Duration latency,
    String finishReason,
    CallError error,
    Map<String, ?> metadata) {

  public LlmCall {
    requireNonNull(callType, "callType is null; name what the call does, e.g. \"rule_synthesis\"");
    requireNonNull(messages, "messages is null; give the prompt messages (List.of() for none)");
    messages = List.copyOf(messages);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    tools = tools == null ? List.of() : List.copyOf(tools);
    metadata = metadata == null || metadata.isEmpty() ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new java.util.TreeMap<>(JsonOut.sorted(metadata)));
    if (latency != null && latency.isNegative()) {
      throw new IllegalArgumentException("latency is negative (" + latency + ")");
    }
  }

  public static Builder builder(String callType) {
    return new Builder(callType);
  }

  /** The final assistant message that the response and tool calls make, or null when there is none. */
  public Message responseMessage() {
    if (response == null && toolCalls.isEmpty()) {
      return null;
    }
    return new Message("assistant", response, null, toolCalls);
  }

  /** A copy with other texts (used by redaction): everything else is kept. */
  public LlmCall withTexts(List<Message> newMessages, String newResponse, List<ToolCall> newToolCalls,
      CallError newError) {
    return new LlmCall(callType, newMessages, newResponse, newToolCalls, tools, usage, model, latency,
        finishReason, newError, metadata);
  }

  @Override
  public String toString() {
    return "LlmCall[" + callType + ", " + messages.size() + " messages"
        + (response == null ? "" : ", response of " + response.length() + " chars")
        + (toolCalls.isEmpty() ? "" : ", " + toolCalls.size() + " tool calls")
        + (error == null ? "" : ", failed") + "]";
  }

  /** Builds an {@link LlmCall}; every setter but the messages is optional. */
  public static final class Builder {
    private final String callType;
    private List<Message> messages = List.of();
    private String response;
    private List<ToolCall> toolCalls = List.of();
    private List<ToolDefinition> tools = List.of();
    private Usage usage;
    private String model;
    private Duration latency;
    private String finishReason;
    private CallError error;
    private Map<String, ?> metadata = Map.of();

    private Builder(String callType) {
      this.callType = requireNonNull(callType, "callType is null");
    }

    public Builder messages(List<Message> value) {
      this.messages = requireNonNull(value, "messages is null");
      return this;
    }

    public Builder response(String value) {
      this.response = value;
      return this;
    }

    public Builder toolCalls(List<ToolCall> value) {
      this.toolCalls = value;
      return this;
    }

    public Builder tools(List<ToolDefinition> value) {
      this.tools = value;
      return this;
    }

    public Builder usage(Usage value) {
      this.usage = value;
      return this;
    }

    public Builder model(String value) {
      this.model = value;
      return this;
    }

    public Builder latency(Duration value) {
      this.latency = value;
      return this;
    }

    public Builder finishReason(String value) {
      this.finishReason = value;
      return this;
    }

    public Builder error(CallError value) {
      this.error = value;
      return this;
    }

    public Builder error(Throwable value) {
      this.error = value == null ? null : CallError.of(value);
      return this;
    }

    public Builder metadata(Map<String, ?> value) {
      this.metadata = value;
      return this;
    }

    public LlmCall build() {
      return new LlmCall(callType, messages, response, toolCalls, tools, usage, model, latency, finishReason,
          error, metadata);
    }
  }
}
