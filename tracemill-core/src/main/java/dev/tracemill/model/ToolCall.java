package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The assistant asks for a tool. {@code rawArguments} is the argument text exactly as logged;
 * {@code arguments} is its parsed JSON, or null when the raw text is not valid JSON (exporters that
 * need an object then skip the unit with a reason). {@code id} is never null: readers invent a stable
 * id ({@code call_<n>}) when the log has none.
 */
public record ToolCall(String id, String name, JsonNode arguments, String rawArguments, EventMeta meta)
    implements Event {
  public ToolCall {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(rawArguments, "rawArguments is null");
    requireNonNull(meta, "meta is null");
  }

  @Override
  public Kind kind() {
    return Kind.TOOL_CALL;
  }
}
