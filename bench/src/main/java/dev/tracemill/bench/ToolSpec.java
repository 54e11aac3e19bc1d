package dev.tracemill.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A tool an agent may call: what goes in the request's {@code tools} array, plus how to invent
 * plausible arguments and results for it.
 *
 * @param name function name
 * @param description what the tool does, as the application describes it to the model
 * @param params the parameters, in schema order
 * @param resultFields fields of a successful result, as {@code name:kind} pairs understood by {@link Corpus#value}
 */
record ToolSpec(String name, String description, List<Param> params, List<String> resultFields) {
  ToolSpec {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    params = List.copyOf(params);
    resultFields = List.copyOf(resultFields);
  }

  /**
   * One parameter. {@code jsonType} is the JSON-schema type; {@code kind} picks the value generator.
   */
  record Param(String name, String jsonType, String description, String kind, boolean required) {
    Param {
      requireNonNull(name, "name is null");
      requireNonNull(jsonType, "jsonType is null");
      requireNonNull(description, "description is null");
      requireNonNull(kind, "kind is null");
    }
  }

  static Param req(String name, String jsonType, String kind, String description) {
    return new Param(name, jsonType, description, kind, true);
  }

  static Param opt(String name, String jsonType, String kind, String description) {
    return new Param(name, jsonType, description, kind, false);
  }
}
