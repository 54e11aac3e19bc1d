package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The OpenTelemetry GenAI semantic conventions' worked examples (Apache-2.0, in ../shared/fixtures/
 * otel-genai: their attribute tables and JSON blocks) written as OTLP/JSON spans and log records, the
 * way an SDK exporter writes them: attributes as {@code [{key, value: AnyValue}]}, JSON-valued
 * attributes as strings, int64 as strings.
 */
final class SemconvExamples {
  private final JsonNode tables;
  private final JsonNode blocks;

  SemconvExamples() throws IOException {
    tables = Json.MAPPER.readTree(Files.readString(
        SharedData.file("fixtures/otel-genai/examples-llm-calls.property_tables.json")));
    blocks = Json.MAPPER.readTree(Files.readString(
        SharedData.file("fixtures/otel-genai/examples-llm-calls.json_blocks.json")));
  }

  /** The attributes of table {@code index}, decoded (span name and ids left out). */
  Map<String, JsonNode> attributes(int index) {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    tables.get(index).get("properties").fields().forEachRemaining(e -> {
      if (!e.getKey().contains(" ")) {
        out.put(e.getKey(), value(e.getValue().asText()));
      }
    });
    return out;
  }

  String property(int index, String name) {
    JsonNode v = tables.get(index).get("properties").get(name);
    return v == null ? null : value(v.asText()).asText();
  }

  private JsonNode value(String cell) {
    if (cell.startsWith("[`")) {
      String anchor = cell.substring(cell.indexOf("(#") + 2, cell.lastIndexOf(')'));
      for (JsonNode b : blocks) {
        if (anchor.equals(b.get("anchor").asText())) {
          return Json.NODES.textNode(Json.write(b.get("value")));
        }
      }
      throw new IllegalArgumentException("no JSON block " + anchor);
    }
    return Json.tryParse(cell.replace("`", ""));
  }

  /** An OTLP span with the table's attributes. */
  ObjectNode span(int index, String trace, String id, String parent, long startNanos) {
    ObjectNode s = Json.object();
    s.put("traceId", trace);
    s.put("spanId", id);
    if (parent != null) {
      s.put("parentSpanId", parent);
    }
    String name = property(index, "Span name");
    s.put("name", name == null ? "chat" : name);
    s.put("kind", 3);
    s.put("startTimeUnixNano", Long.toString(startNanos));
    s.put("endTimeUnixNano", Long.toString(startNanos + 850_000_000L));
    s.set("attributes", anyValues(attributes(index)));
    s.putObject("status");
    return s;
  }

  static ArrayNode anyValues(Map<String, JsonNode> attributes) {
    ArrayNode list = Json.array();
    attributes.forEach((k, v) -> {
      ObjectNode kv = list.addObject();
      kv.put("key", k);
      kv.set("value", anyValue(v));
    });
    return list;
  }

  static ObjectNode anyValue(JsonNode v) {
    ObjectNode o = Json.object();
    if (v.isTextual()) {
      o.put("stringValue", v.asText());
    } else if (v.isIntegralNumber()) {
      o.put("intValue", v.asText());
    } else if (v.isNumber()) {
      o.put("doubleValue", v.asDouble());
    } else if (v.isBoolean()) {
      o.put("boolValue", v.asBoolean());
    } else if (v.isArray()) {
      ArrayNode values = o.putObject("arrayValue").putArray("values");
      v.forEach(e -> values.add(anyValue(e)));
    } else if (v.isObject()) {
      ArrayNode values = o.putObject("kvlistValue").putArray("values");
      v.fields().forEachRemaining(e -> values.addObject().put("key", e.getKey()).set("value", anyValue(e.getValue())));
    }
    return o;
  }

  /** {@code {"resourceSpans": [{resource, scopeSpans: [{scope, spans}]}]}}. */
  static ObjectNode traces(JsonNode... spans) {
    ObjectNode root = Json.object();
    ObjectNode rs = root.putArray("resourceSpans").addObject();
    rs.putObject("resource").set("attributes",
        anyValues(Map.of("service.name", Json.NODES.textNode("weather-agent"))));
    ObjectNode ss = rs.putArray("scopeSpans").addObject();
    ss.putObject("scope").put("name", "opentelemetry.instrumentation.openai_v2");
    ArrayNode list = ss.putArray("spans");
    for (JsonNode s : spans) {
      list.add(s);
    }
    return root;
  }

  /** {@code {"resourceLogs": [{resource, scopeLogs: [{scope, logRecords}]}]}}. */
  static ObjectNode logs(JsonNode... records) {
    ObjectNode root = Json.object();
    ObjectNode rl = root.putArray("resourceLogs").addObject();
    rl.putObject("resource");
    ArrayNode list = rl.putArray("scopeLogs").addObject().putArray("logRecords");
    for (JsonNode r : records) {
      list.add(r);
    }
    return root;
  }
}
