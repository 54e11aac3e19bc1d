package dev.tracemill.privacy;

/** Where in a unit a scanned text sits; reported per location in {@code report.json}. */
public enum Where {
  SYSTEM_PROMPT,
  MESSAGE_TEXT,
  TOOL_ARGUMENTS,
  TOOL_RESULT,
  /** The log's own metadata for a call ({@code user_id}, {@code customer}), carried in the meta sidecar. */
  METADATA
}
