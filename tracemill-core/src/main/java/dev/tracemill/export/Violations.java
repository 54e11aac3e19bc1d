package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Collects the rules a row breaks. Messages name the field path and what was expected, never the
 * field's value: rows hold user text, and violations end up in reports and logs.
 */
final class Violations {
  private final List<String> found = new ArrayList<>();

  void add(String path, String expected) {
    found.add(path + ": " + expected);
  }

  List<String> list() {
    return List.copyOf(found);
  }

  /** The object at {@code path}, or null (recording a violation) when it is not an object. */
  JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      add(path, "expected an object");
      return null;
    }
    return node;
  }

  /** The array at {@code path}, or null (recording a violation) when it is missing or not an array. */
  JsonNode array(JsonNode node, String path) {
    if (node == null || !node.isArray()) {
      add(path, "expected an array");
      return null;
    }
    return node;
  }

  /** The string at {@code path}, or null (recording a violation) when it is missing or not a string. */
  String string(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      add(path, "expected a string");
      return null;
    }
    return node.asText();
  }

  /** Records every key of {@code object} outside {@code allowed}. */
  void onlyKeys(JsonNode object, Set<String> allowed, String path) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        add(path, "unexpected key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  /** Whether {@code text} parses as JSON whose top level is an object. */
  static boolean isJsonObjectText(String text) {
    JsonNode parsed = Json.tryParse(text);
    return parsed != null && parsed.isObject();
  }
}
