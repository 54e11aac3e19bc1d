package dev.tracemill.privacy;

/** Where in a unit a scanned text sits; reported per location in {@code report.json}. */
public enum Where {
  SYSTEM_PROMPT,
  MESSAGE_TEXT,
  TOOL_ARGUMENTS,
  TOOL_RESULT,
  /** The log's own metadata for a call ({@code user_id}, {@code customer}), carried in the meta sidecar. */
  METADATA,
  /**
   * A tool definition (description, parameter schema, name) and the tool names that calls and results
   * carry; added last so that the other constants keep their ordinals.
   */
  TOOL_DEFINITION
}
