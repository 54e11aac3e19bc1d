package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.export.Turns.Turn;
import dev.tracemill.model.Json;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.Unit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Vertex AI Gemini supervised-tuning rows: {@code {"systemInstruction": {"parts": [{"text"}]},
 * "contents": [{"role", "parts"}], "tools": [{"functionDeclarations": [...]}]}}, keys in that order;
 * {@code systemInstruction} only when the unit starts with system messages (one text part each),
 * {@code tools} only when it has tool definitions.
 *
 * <p>Mapping: a user message is a {@code user} content with a text part; an assistant turn is a
 * {@code model} content with a text part (when its text is not empty) and one
 * {@code functionCall {name, args}} part per call; all results of one turn's calls are ONE
 * {@code user} content of {@code functionResponse {name, response}} parts in call order. A result whose
 * content is a JSON object is the response as is; otherwise it is wrapped as {@code {"output": text}},
 * or {@code {"error": text}} for an error result, the keys Vertex's FunctionResponse documents. Adjacent
 * contents of the same role are merged (their parts concatenated), so consecutive user messages stay
 * separate text parts. Declaration parameters keep only the OpenAPI-subset keys of Vertex's
 * {@code Schema} ({@link #SCHEMA_KEYS}); types are written upper-case; a {@code ["x", "null"]} type
 * becomes {@code type: X, nullable: true}; an {@code enum} with a non-string value is dropped.
 *
 * <p>Dropped: reasoning. Skipped: a system message after the first turn
 * ({@code system_message_mid_conversation}) and a first turn by the assistant
 * ({@code starts_with_assistant}). There is no per-turn weight, so the conversation ends at the last
 * trainable assistant turn.
 */
final class VertexExporter implements Exporter {
  /** The Schema fields Vertex AI v1 accepts in function declarations (an OpenAPI 3.0 subset). */
  static final Set<String> SCHEMA_KEYS = Set.of("type", "format", "title", "description", "nullable",
      "default", "items", "minItems", "maxItems", "enum", "properties", "propertyOrdering", "required",
      "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf",
      "minimum", "maximum");
  private static final Set<String> TYPES =
      Set.of("STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT");
  private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

  @Override
  public String name() {
    return "vertex";
  }

  @Override
  public String description() {
    return "Vertex AI Gemini tuning rows: {systemInstruction, contents[role, parts], tools}";
  }

  @Override
  public ExportResult export(Unit unit) {
    Turns t = Turns.of(unit);
    String reason = t.check();
    if (reason != null) {
      return ExportResult.skip(reason);
    }
    List<Turn> turns = t.upToLastTrainable();
    if (Turns.systemMidConversation(turns)) {
      return ExportResult.skip("system_message_mid_conversation");
    }
    ObjectNode row = Json.object();
    List<String> system = Turns.leadingSystem(turns);
    if (!system.isEmpty()) {
      ArrayNode parts = row.putObject("systemInstruction").putArray("parts");
      system.forEach(s -> parts.addObject().put("text", s));
    }
    ArrayNode contents = row.putArray("contents");
    for (int i = system.size(); i < turns.size(); i++) {
      Turn turn = turns.get(i);
      switch (turn.role()) {
        case USER -> parts(contents, "user").addObject().put("text", turn.text());
        case ASSISTANT -> {
          ArrayNode parts = parts(contents, "model");
          if (!turn.text().isEmpty()) {
            parts.addObject().put("text", turn.text());
          }
          for (ToolCall c : turn.calls()) {
            ObjectNode call = parts.addObject().putObject("functionCall");
            call.put("name", c.name());
            call.set("args", c.arguments().deepCopy());
          }
          List<Turn> results = Turns.resultsOf(turns, i);
          if (!results.isEmpty()) {
            ArrayNode responseParts = parts(contents, "user");
            for (Turn r : results) {
              ObjectNode response = responseParts.addObject().putObject("functionResponse");
              response.put("name", r.toolName());
              response.set("response", responseObject(r));
            }
            i += results.size();
          }
        }
        case SYSTEM, TOOL -> throw new IllegalStateException(
            "a " + turn.role() + " turn where only user and assistant turns remain");
      }
    }
    if (!"user".equals(contents.get(0).get("role").asText())) {
      return ExportResult.skip("starts_with_assistant");
    }
    if (!unit.tools().isEmpty()) {
      ArrayNode declarations = row.putArray("tools").addObject().putArray("functionDeclarations");
      for (ToolDef d : unit.tools()) {
        ObjectNode decl = declarations.addObject();
        decl.put("name", d.name());
        if (d.description() != null) {
          decl.put("description", d.description());
        }
        if (d.parametersSchema() != null && d.parametersSchema().isObject()) {
          decl.set("parameters", schema(d.parametersSchema()));
        }
      }
    }
    return validate(row).isEmpty() ? ExportResult.row(row) : ExportResult.skip("invalid_row");
  }

  /** The parts array of the last content when it has {@code role}, else of a new content. */
  private static ArrayNode parts(ArrayNode contents, String role) {
    if (!contents.isEmpty()) {
      JsonNode last = contents.get(contents.size() - 1);
      if (role.equals(last.get("role").asText())) {
        return (ArrayNode) last.get("parts");
      }
    }
    ObjectNode content = contents.addObject();
    content.put("role", role);
    return content.putArray("parts");
  }

  private static JsonNode responseObject(Turn result) {
    JsonNode parsed = Json.tryParse(result.text());
    if (parsed != null && parsed.isObject()) {
      return parsed;
    }
    ObjectNode wrapped = Json.object();
    wrapped.put(result.isError() ? "error" : "output", result.text());
    return wrapped;
  }

  /** A copy of a JSON Schema reduced to Vertex's Schema subset (see the class comment). */
  static ObjectNode schema(JsonNode in) {
    ObjectNode out = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (!SCHEMA_KEYS.contains(key)) {
        continue;
      }
      switch (key) {
        case "type" -> putType(out, value);
        case "items" -> {
          if (value.isObject()) {
            out.set("items", schema(value));
          }
        }
        case "properties" -> {
          if (value.isObject()) {
            ObjectNode props = out.putObject("properties");
            value.fields().forEachRemaining(p -> {
              if (p.getValue().isObject()) {
                props.set(p.getKey(), schema(p.getValue()));
              }
            });
          }
        }
        case "anyOf" -> {
          if (value.isArray()) {
            ArrayNode list = out.putArray("anyOf");
            value.forEach(s -> {
              if (s.isObject()) {
                list.add(schema(s));
              }
            });
          }
        }
        case "enum" -> {
          boolean allStrings = value.isArray();
          if (allStrings) {
            for (JsonNode x : value) {
              allStrings &= x.isTextual();
            }
          }
          if (allStrings) {
            out.set("enum", value.deepCopy());
          }
        }
        default -> out.set(key, value.deepCopy());
      }
    }
    return out;
  }

  private static void putType(ObjectNode out, JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isTextual()) {
      names.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(x -> names.add(x.asText()));
    }
    boolean nullable = names.removeIf(n -> n.equalsIgnoreCase("null"));
    if (names.size() == 1 && TYPES.contains(names.get(0).toUpperCase(Locale.ROOT))) {
      out.put("type", names.get(0).toUpperCase(Locale.ROOT));
    }
    if (nullable) {
      out.put("nullable", true);
    }
  }

  /**
   * Rules (Vertex tuning docs and the v1 Content/Tool types): keys systemInstruction, contents, tools;
   * contents is a non-empty array whose roles are user or model, alternate, start with user and end
   * with model; each content has a non-empty {@code parts} array; a part holds exactly one of
   * {@code text} (string), {@code functionCall} ({@code name} string, {@code args} object; model
   * only) or {@code functionResponse} ({@code name} string, {@code response} object; user only); the
   * calls of a model content that is not last are answered by responses of the same names, one each,
   * in the next content, and every response answers a call of the content before; systemInstruction
   * has text parts; tools hold functionDeclarations whose names match Vertex's name rule and whose
   * parameters use only Vertex Schema keys and types.
   */
  @Override
  public List<String> validate(JsonNode row) {
    Violations v = new Violations();
    if (v.object(row, "row") == null) {
      return v.list();
    }
    v.onlyKeys(row, Set.of("systemInstruction", "contents", "tools"), "row");
    if (row.has("systemInstruction")) {
      JsonNode si = v.object(row.get("systemInstruction"), "systemInstruction");
      if (si != null) {
        v.onlyKeys(si, Set.of("role", "parts"), "systemInstruction");
        JsonNode parts = v.array(si.get("parts"), "systemInstruction.parts");
        if (parts != null) {
          for (int i = 0; i < parts.size(); i++) {
            JsonNode part = v.object(parts.get(i), "systemInstruction.parts[" + i + "]");
            if (part != null) {
              v.onlyKeys(part, Set.of("text"), "systemInstruction.parts[" + i + "]");
              v.string(part.get("text"), "systemInstruction.parts[" + i + "].text");
            }
          }
        }
      }
    }
    JsonNode contents = v.array(row.get("contents"), "contents");
    if (contents != null) {
      validateContents(contents, v);
    }
    if (row.has("tools")) {
      JsonNode tools = v.array(row.get("tools"), "tools");
      for (int i = 0; tools != null && i < tools.size(); i++) {
        String tp = "tools[" + i + "]";
        JsonNode tool = v.object(tools.get(i), tp);
        if (tool == null) {
          continue;
        }
        v.onlyKeys(tool, Set.of("functionDeclarations"), tp);
        JsonNode decls = v.array(tool.get("functionDeclarations"), tp + ".functionDeclarations");
        for (int d = 0; decls != null && d < decls.size(); d++) {
          String dp = tp + ".functionDeclarations[" + d + "]";
          JsonNode decl = v.object(decls.get(d), dp);
          if (decl == null) {
            continue;
          }
          v.onlyKeys(decl, Set.of("name", "description", "parameters"), dp);
          String name = v.string(decl.get("name"), dp + ".name");
          if (name != null && !FUNCTION_NAME.matcher(name).matches()) {
            v.add(dp + ".name", "expected a letter or underscore, then letters, digits, _ . -, at most 64");
          }
          if (decl.has("description")) {
            v.string(decl.get("description"), dp + ".description");
          }
          if (decl.has("parameters")) {
            validateSchema(decl.get("parameters"), dp + ".parameters", v);
          }
        }
      }
    }
    return v.list();
  }

  private static void validateContents(JsonNode contents, Violations v) {
    if (contents.isEmpty()) {
      v.add("contents", "expected at least one user and one model content");
      return;
    }
    List<String> pendingCalls = new ArrayList<>();  // names called by the previous model content
    String previousRole = null;
    for (int i = 0; i < contents.size(); i++) {
      String path = "contents[" + i + "]";
      JsonNode c = v.object(contents.get(i), path);
      if (c == null) {
        previousRole = null;
        continue;
      }
      v.onlyKeys(c, Set.of("role", "parts"), path);
      String role = v.string(c.get("role"), path + ".role");
      if (role != null && !role.equals("user") && !role.equals("model")) {
        v.add(path + ".role", "expected user or model");
      }
      String expected = i % 2 == 0 ? "user" : "model";
      if (role != null && !role.equals(expected)) {
        v.add(path + ".role", "expected " + expected + " (roles alternate, starting with user)");
      }
      if (role != null && role.equals(previousRole)) {
        v.add(path + ".role", "expected a different role than the previous content (merge them)");
      }
      List<String> calls = new ArrayList<>();
      List<String> responses = new ArrayList<>();
      JsonNode parts = v.array(c.get("parts"), path + ".parts");
      if (parts != null && parts.isEmpty()) {
        v.add(path + ".parts", "expected at least one part");
      }
      for (int p = 0; parts != null && p < parts.size(); p++) {
        String pp = path + ".parts[" + p + "]";
        JsonNode part = v.object(parts.get(p), pp);
        if (part == null) {
          continue;
        }
        if (part.size() != 1) {
          v.add(pp, "expected exactly one of text, functionCall, functionResponse");
        }
        if (part.has("text")) {
          v.string(part.get("text"), pp + ".text");
        } else if (part.has("functionCall")) {
          if (!"model".equals(role)) {
            v.add(pp, "functionCall parts belong to model contents");
          }
          JsonNode call = v.object(part.get("functionCall"), pp + ".functionCall");
          if (call != null) {
            v.onlyKeys(call, Set.of("name", "args", "id"), pp + ".functionCall");
            String name = v.string(call.get("name"), pp + ".functionCall.name");
            if (call.has("args") && !call.get("args").isObject()) {
              v.add(pp + ".functionCall.args", "expected a JSON object");
            }
            if (name != null) {
              calls.add(name);
            }
          }
        } else if (part.has("functionResponse")) {
          if (!"user".equals(role)) {
            v.add(pp, "functionResponse parts belong to user contents");
          }
          JsonNode resp = v.object(part.get("functionResponse"), pp + ".functionResponse");
          if (resp != null) {
            v.onlyKeys(resp, Set.of("name", "response", "id"), pp + ".functionResponse");
            String name = v.string(resp.get("name"), pp + ".functionResponse.name");
            if (resp.get("response") == null || !resp.get("response").isObject()) {
              v.add(pp + ".functionResponse.response", "expected a JSON object");
            }
            if (name != null) {
              responses.add(name);
            }
          }
        } else {
          v.add(pp, "expected a text, functionCall or functionResponse part");
        }
      }
      List<String> unanswered = new ArrayList<>(pendingCalls);
      for (String r : responses) {
        if (!unanswered.remove(r)) {
          v.add(path, "a functionResponse must answer a functionCall of the same name in the previous content");
        }
      }
      if (!unanswered.isEmpty()) {
        v.add("contents[" + (i - 1) + "]", "every functionCall must be answered in the next content");
      }
      pendingCalls = calls;
      previousRole = role;
    }
    JsonNode last = contents.get(contents.size() - 1);
    if (!"model".equals(last.path("role").asText(null))) {
      v.add("contents", "expected the last content to be the model's");
    }
  }

  private static void validateSchema(JsonNode schema, String path, Violations v) {
    if (!schema.isObject()) {
      v.add(path, "expected a Schema object");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (!SCHEMA_KEYS.contains(key)) {
        v.add(path, "a key Vertex's Schema does not support");
        continue;
      }
      switch (key) {
        case "type" -> {
          if (!value.isTextual() || !TYPES.contains(value.asText())) {
            v.add(path + ".type", "expected one of STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT");
          }
        }
        case "items" -> validateSchema(value, path + ".items", v);
        case "properties" -> {
          if (!value.isObject()) {
            v.add(path + ".properties", "expected an object of schemas");
          } else {
            value.fields().forEachRemaining(p -> validateSchema(p.getValue(), path + ".properties.*", v));
          }
        }
        case "anyOf" -> {
          if (!value.isArray()) {
            v.add(path + ".anyOf", "expected an array of schemas");
          } else {
            value.forEach(s -> validateSchema(s, path + ".anyOf[]", v));
          }
        }
        case "enum", "required", "propertyOrdering" -> {
          boolean ok = value.isArray();
          for (JsonNode x : value) {
            ok &= x.isTextual();
          }
          if (!ok) {
            v.add(path + "." + key, "expected an array of strings");
          }
        }
        default -> {
          // Other supported keys carry plain values.
        }
      }
    }
  }
}
