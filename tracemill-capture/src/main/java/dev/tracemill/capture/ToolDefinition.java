package dev.tracemill.capture;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;

/**
 * A tool offered to the model: {@code name}, {@code description} (may be null) and its
 * {@code parameters} as a JSON Schema object given as nested maps, lists, strings, numbers and
 * booleans (keys sorted), written as {@code {"type": "function", "function": {...}}}, OpenAI's shape.
 */
public record ToolDefinition(String name, String description, Map<String, ?> parameters) {
  public ToolDefinition {
    requireNonNull(name, "name is null");
    parameters = parameters == null ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new java.util.TreeMap<>(JsonOut.sorted(parameters)));
  }

  public static ToolDefinition of(String name, String description, Map<String, ?> parameters) {
    return new ToolDefinition(name, description, parameters);
  }
}
