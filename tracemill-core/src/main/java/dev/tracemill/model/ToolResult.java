package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

/**
 * What a tool returned for the call with id {@code callId}. {@code name} is the tool's name when known
 * (linked from the call during segmentation), else null.
 */
public record ToolResult(String callId, String name, String content, boolean isError, EventMeta meta)
    implements Event {
  public ToolResult {
    requireNonNull(callId, "callId is null");
    requireNonNull(content, "content is null");
    requireNonNull(meta, "meta is null");
  }

  public ToolResult withName(String newName) {
    return new ToolResult(callId, newName, content, isError, meta);
  }

  @Override
  public Kind kind() {
    return Kind.TOOL_RESULT;
  }
}
