package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the message shapes that trace instrumentations record to canonical events. One message may be
 * written as OpenTelemetry GenAI {@code parts} ({@code text}, {@code reasoning}, {@code tool_call},
 * {@code tool_call_response}; blobs, files and URIs carry no text and are left out), as OpenAI
 * {@code content} and {@code tool_calls}, as Vercel AI SDK parts ({@code tool-call},
 * {@code tool-result}) or as Anthropic blocks ({@code tool_use}, {@code tool_result}). One instance
 * serves one span: it numbers the ids it invents ({@code call_1}, ...) for calls that have none.
 * Errors name the path and what was expected, never a value.
 */
final class GenAiMessages {
  private int invented;
  /** The tool calls met so far, to answer results that carry no id (by order). */
  private final List<ToolCall> calls = new ArrayList<>();
  private final List<String> answered = new ArrayList<>();

  /** A JSON string attribute parsed, or the node itself when it is already structured. */
  static JsonNode parsed(JsonNode v, String path) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      JsonNode p = Json.tryParse(v.asText());
      if (p == null) {
        throw new BadRecordException(path + ": expected JSON text, found text that does not parse (was it"
            + " cut short by an attribute length limit such as OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT?)");
      }
      return p;
    }
    return v;
  }

  List<Event> messages(JsonNode array, String path, EventMeta meta) {
    if (array == null || !array.isArray()) {
      throw new BadRecordException(path + ": expected an array of messages, found " + JsonLines.describe(array));
    }
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.addAll(message(array.get(i), path + "[" + i + "]", meta, null));
    }
    return out;
  }

  List<Event> message(JsonNode m, String path, EventMeta meta, String defaultRole) {
    if (m == null || !m.isObject()) {
      throw new BadRecordException(path + ": expected a message object, found " + JsonLines.describe(m));
    }
    String role = Json.text(m, "role");
    if (role == null) {
      role = defaultRole;
    }
    if (role == null) {
      throw new BadRecordException(path + ".role: expected a string");
    }
    Content c = content(m, path, meta);
    return switch (role) {
      case "system", "developer" -> List.of(new SystemMsg(c.text, meta));
      case "user", "human" -> {
        List<Event> out = new ArrayList<>(c.results);
        if (!c.text.isEmpty() || c.results.isEmpty()) {
          out.add(new UserMsg(c.text, meta));
        }
        yield out;
      }
      case "assistant", "model", "ai" -> {
        List<Event> out = new ArrayList<>();
        out.add(new AssistantMsg(c.text, c.reasoning, meta));
        out.addAll(c.calls);
        yield out;
      }
      case "tool", "function", "ipython" -> {
        if (!c.results.isEmpty()) {
          yield new ArrayList<>(c.results);
        }
        String id = firstText(m, "tool_call_id", "id", "toolCallId");
        yield List.of(result(id, Json.text(m, "name"), c.text, false, meta));
      }
      default -> throw new BadRecordException(path + ".role: unknown role, expected system, user,"
          + " assistant or tool");
    };
  }

  private static final class Content {
    String text = "";
    String reasoning;
    final List<ToolCall> calls = new ArrayList<>();
    final List<ToolResult> results = new ArrayList<>();
  }

  private Content content(JsonNode m, String path, EventMeta meta) {
    Content c = new Content();
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    JsonNode parts = m.has("parts") ? m.get("parts") : m.get("content");
    String partsPath = path + (m.has("parts") ? ".parts" : ".content");
    if (parts != null && parts.isTextual()) {
      text.append(parts.asText());
    } else if (parts != null && parts.isArray()) {
      for (int i = 0; i < parts.size(); i++) {
        part(parts.get(i), partsPath + "[" + i + "]", meta, c, text, reasoning);
      }
    } else if (parts != null && !parts.isNull()) {
      throw new BadRecordException(partsPath + ": expected a string or an array of parts, found "
          + JsonLines.describe(parts));
    }
    JsonNode toolCalls = m.get("tool_calls");
    if (toolCalls != null && toolCalls.isArray()) {
      for (int i = 0; i < toolCalls.size(); i++) {
        JsonNode t = toolCalls.get(i);
        String p = path + ".tool_calls[" + i + "]";
        JsonNode f = t.has("function") ? t.get("function") : t;
        c.calls.add(call(Json.text(t, "id"), Json.text(f, "name"), f.get("arguments"), p, meta));
      }
    }
    c.text = text.toString();
    c.reasoning = reasoning.length() == 0 ? null : reasoning.toString();
    if (c.reasoning == null && m.path("reasoning_content").isTextual()) {
      c.reasoning = m.get("reasoning_content").asText();
    }
    return c;
  }

  private void part(JsonNode part, String path, EventMeta meta, Content c, StringBuilder text,
      StringBuilder reasoning) {
    if (part.isTextual()) {
      appendLine(text, part.asText());
      return;
    }
    if (!part.isObject()) {
      throw new BadRecordException(path + ": expected a part object, found " + JsonLines.describe(part));
    }
    String type = Json.text(part, "type");
    switch (type == null ? "text" : type) {
      case "text", "input_text", "output_text" -> appendLine(text, firstText(part, "content", "text"));
      case "refusal" -> appendLine(text, firstText(part, "refusal", "content"));
      case "reasoning", "thinking" -> appendLine(reasoning, firstText(part, "content", "text", "thinking"));
      case "tool_call", "tool-call", "tool_use", "function_call" -> c.calls.add(call(
          firstText(part, "id", "toolCallId", "call_id"), firstText(part, "name", "toolName"),
          first(part, "arguments", "input", "args"), path, meta));
      case "tool_call_response", "tool-result", "tool_result", "function_call_output" -> {
        JsonNode response = first(part, "response", "output", "result", "content");
        boolean error = part.path("is_error").asBoolean(false) || part.path("isError").asBoolean(false);
        c.results.add(result(firstText(part, "id", "toolCallId", "tool_use_id", "call_id"),
            firstText(part, "toolName", "name"), asText(response), error, meta));
      }
      default -> { }
    }
  }

  private ToolCall call(String id, String name, JsonNode args, String path, EventMeta meta) {
    if (name == null) {
      throw new BadRecordException(path + ".name: expected the tool's name");
    }
    String raw;
    JsonNode parsed;
    if (args == null || args.isNull()) {
      raw = "{}";
      parsed = Json.object();
    } else if (args.isTextual()) {
      raw = args.asText();
      parsed = Json.tryParse(raw);
    } else {
      raw = Json.write(args);
      parsed = args;
    }
    if (id == null) {
      invented++;
      id = "call_" + invented;
    }
    ToolCall call = new ToolCall(id, name, parsed, raw, meta);
    calls.add(call);
    return call;
  }

  private ToolResult result(String id, String name, String content, boolean error, EventMeta meta) {
    if (id == null) {
      // By order: the oldest call of this span that no result answered yet.
      for (ToolCall c : calls) {
        if (!answered.contains(c.id()) && (name == null || name.equals(c.name()))) {
          id = c.id();
          break;
        }
      }
    }
    if (id == null) {
      invented++;
      id = "call_" + invented;
    }
    answered.add(id);
    if (name == null) {
      for (ToolCall c : calls) {
        if (c.id().equals(id)) {
          name = c.name();
        }
      }
    }
    return new ToolResult(id, name, content, error, meta);
  }

  /** Tool definitions from an array of {@code {type, name, description, parameters}} or OpenAI tools. */
  static List<ToolDef> toolDefs(JsonNode array, String path) {
    List<ToolDef> out = new ArrayList<>();
    if (array == null || !array.isArray()) {
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      ToolDef d = toolDef(parsed(array.get(i), path + "[" + i + "]"), path + "[" + i + "]");
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** One tool definition; null for tools without a name (built-in tools). */
  static ToolDef toolDef(JsonNode t, String path) {
    if (t == null || !t.isObject()) {
      throw new BadRecordException(path + ": expected a tool definition object, found " + JsonLines.describe(t));
    }
    JsonNode f = t.path("function").isObject() ? t.get("function") : t;
    String name = Json.text(f, "name");
    if (name == null) {
      return null;
    }
    JsonNode schema = first(f, "parameters", "inputSchema", "input_schema", "parameters_schema");
    if (schema != null && schema.isTextual()) {
      schema = Json.tryParse(schema.asText());
    }
    if (schema != null && schema.path("jsonSchema").isObject()) {
      schema = schema.get("jsonSchema");
    }
    return new ToolDef(name, Json.text(f, "description"), schema != null && schema.isObject() ? schema : null);
  }

  static String asText(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isArray() && v.size() > 0 && v.get(0).path("type").isTextual()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode p : v) {
        String t = firstText(p, "text", "content");
        if (t != null) {
          appendLine(b, t);
        }
      }
      return b.toString();
    }
    if (v.isObject() && v.path("type").isTextual() && v.has("value") && v.size() == 2) {
      return asText(v.get("value"));
    }
    return Json.write(v);
  }

  private static void appendLine(StringBuilder b, String s) {
    if (s == null) {
      return;
    }
    if (b.length() > 0) {
      b.append('\n');
    }
    b.append(s);
  }

  static JsonNode first(JsonNode n, String... fields) {
    for (String f : fields) {
      JsonNode v = n.get(f);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }

  static String firstText(JsonNode n, String... fields) {
    for (String f : fields) {
      JsonNode v = n.get(f);
      if (v != null && (v.isTextual() || v.isNumber())) {
        return v.asText();
      }
    }
    return null;
  }
}
