package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool the model could call. {@code parametersSchema} is the JSON Schema of its arguments, or null
 * when the log gives none; {@code description} may be null.
 */
public record ToolDef(String name, String description, JsonNode parametersSchema) {
  public ToolDef {
    requireNonNull(name, "name is null");
  }
}
