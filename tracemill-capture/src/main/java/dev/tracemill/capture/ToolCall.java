package dev.tracemill.capture;

import static java.util.Objects.requireNonNull;

/**
 * A tool call the model asked for: its {@code id} (which the tool result message names), the tool's
 * {@code name} and its {@code arguments} as the model wrote them (a JSON text, written as a string as
 * OpenAI does, so that arguments that are not valid JSON are still recorded as they were).
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    requireNonNull(name, "name is null");
    arguments = arguments == null ? "{}" : arguments;
  }

  public static ToolCall of(String id, String name, String arguments) {
    return new ToolCall(id, name, arguments);
  }

  @Override
  public String toString() {
    return "ToolCall[" + id + ", " + name + ", " + arguments.length() + " chars of arguments]";
  }
}
