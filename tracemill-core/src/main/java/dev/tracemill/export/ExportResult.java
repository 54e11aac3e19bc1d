package dev.tracemill.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A unit in one target's shape: either a row, or the reason the target cannot express the unit
 * (a short snake_case code such as {@code tool_arguments_not_json}, counted in the report).
 */
public record ExportResult(ObjectNode row, String skipReason) {
  public ExportResult {
    if ((row == null) == (skipReason == null)) {
      throw new IllegalArgumentException("exactly one of row and skipReason must be set");
    }
  }

  public static ExportResult row(ObjectNode row) {
    return new ExportResult(requireNonNull(row, "row is null"), null);
  }

  public static ExportResult skip(String reason) {
    return new ExportResult(null, requireNonNull(reason, "reason is null"));
  }

  public boolean isRow() {
    return row != null;
  }
}
