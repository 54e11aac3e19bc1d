package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.export.Turns.Role;
import dev.tracemill.export.Turns.Turn;
import dev.tracemill.model.Json;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TRL conversational language-modeling rows, as in TRL's {@code dataset_formats} "Tool Calling"
 * section: {@code {"messages": [...], "tools": [...]}}.
 *
 * <p>Key order: row {@code messages, tools}; system/user {@code role, content}; assistant
 * {@code role, content, reasoning_content, tool_calls}; tool {@code role, name, content}. Assistant
 * {@code content} is always a string ("" when the turn only calls tools) so that templates that
 * concatenate it never meet null. Tool-call {@code arguments} are JSON objects. There are no call ids:
 * TRL's documented shape and its tool-calling probe use none; tool messages are linked by
 * {@code name}. Reasoning goes to {@code reasoning_content}, the key TRL's bundled Qwen3 training
 * template reads. {@code tools} is present only when the unit has tool definitions.
 *
 * <p>TRL cannot mark a turn as not trained, so the conversation ends at the last trainable assistant
 * turn; failed attempts before it stay, as the context the recovery answers.
 */
final class TrlExporter implements Exporter {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  @Override
  public String name() {
    return "trl";
  }

  @Override
  public String description() {
    return "TRL conversational rows: {messages, tools}, tool-call arguments as JSON objects";
  }

  @Override
  public ExportResult export(Unit unit) {
    Turns t = Turns.of(unit);
    String reason = t.check();
    if (reason != null) {
      return ExportResult.skip(reason);
    }
    ObjectNode row = Json.object();
    ArrayNode messages = row.putArray("messages");
    for (Turn turn : t.upToLastTrainable()) {
      ObjectNode m = messages.addObject();
      switch (turn.role()) {
        case SYSTEM, USER -> {
          m.put("role", turn.role() == Role.SYSTEM ? "system" : "user");
          m.put("content", turn.text());
        }
        case ASSISTANT -> {
          m.put("role", "assistant");
          m.put("content", turn.text());
          if (turn.reasoning() != null) {
            m.put("reasoning_content", turn.reasoning());
          }
          if (turn.hasCalls()) {
            ArrayNode calls = m.putArray("tool_calls");
            for (ToolCall c : turn.calls()) {
              ObjectNode call = calls.addObject();
              call.put("type", "function");
              ObjectNode f = call.putObject("function");
              f.put("name", c.name());
              f.set("arguments", c.arguments().deepCopy());
            }
          }
        }
        case TOOL -> {
          m.put("role", "tool");
          m.put("name", turn.toolName());
          m.put("content", turn.text());
        }
      }
    }
    if (!unit.tools().isEmpty()) {
      row.set("tools", openAiStyleTools(unit.tools()));
    }
    return validate(row).isEmpty() ? ExportResult.row(row) : ExportResult.skip("invalid_row");
  }

  /** {@code [{"type":"function","function":{name, description, parameters}}]}, absent fields left out. */
  static ArrayNode openAiStyleTools(List<ToolDef> tools) {
    ArrayNode out = Json.array();
    for (ToolDef d : tools) {
      ObjectNode tool = out.addObject();
      tool.put("type", "function");
      ObjectNode f = tool.putObject("function");
      f.put("name", d.name());
      if (d.description() != null) {
        f.put("description", d.description());
      }
      if (d.parametersSchema() != null) {
        f.set("parameters", d.parametersSchema().deepCopy());
      }
    }
    return out;
  }

  /**
   * Rules: {@code messages} is a non-empty array of objects; roles are system, user, assistant or
   * tool; content is a string; at least one assistant message; {@code tool_calls} entries are
   * {@code {"type":"function","function":{"name": string, "arguments": object}}}; a tool message has a
   * string {@code name} and follows an assistant message with tool calls (possibly after other tool
   * messages) that calls a tool of that name; {@code tools}, when present, is an array of
   * {@code {"type":"function","function":{"name": string, ...}}} with object parameters.
   */
  @Override
  public List<String> validate(JsonNode row) {
    Violations v = new Violations();
    if (v.object(row, "row") == null) {
      return v.list();
    }
    v.onlyKeys(row, Set.of("messages", "tools"), "row");
    JsonNode messages = v.array(row.get("messages"), "messages");
    if (messages != null) {
      if (messages.isEmpty()) {
        v.add("messages", "expected at least one message");
      }
      boolean anyAssistant = false;
      Set<String> callable = null;  // names the latest assistant turn called, while tool messages may follow
      for (int i = 0; i < messages.size(); i++) {
        String path = "messages[" + i + "]";
        JsonNode m = v.object(messages.get(i), path);
        if (m == null) {
          callable = null;
          continue;
        }
        String role = v.string(m.get("role"), path + ".role");
        if (role != null && !ROLES.contains(role)) {
          v.add(path + ".role", "expected system, user, assistant or tool");
        }
        v.string(m.get("content"), path + ".content");
        if ("tool".equals(role)) {
          v.onlyKeys(m, Set.of("role", "name", "content"), path);
          String name = v.string(m.get("name"), path + ".name");
          if (callable == null) {
            v.add(path, "a tool message must follow an assistant message with tool_calls");
          } else if (name != null && !callable.contains(name)) {
            v.add(path + ".name", "expected the name of a tool the preceding assistant message called");
          }
          continue;
        }
        callable = null;
        if ("assistant".equals(role)) {
          anyAssistant = true;
          v.onlyKeys(m, Set.of("role", "content", "reasoning_content", "tool_calls"), path);
          if (m.has("reasoning_content")) {
            v.string(m.get("reasoning_content"), path + ".reasoning_content");
          }
          if (m.has("tool_calls")) {
            JsonNode calls = v.array(m.get("tool_calls"), path + ".tool_calls");
            if (calls != null) {
              if (calls.isEmpty()) {
                v.add(path + ".tool_calls", "expected at least one call when present");
              }
              callable = new HashSet<>();
              for (int c = 0; c < calls.size(); c++) {
                String cp = path + ".tool_calls[" + c + "]";
                JsonNode call = v.object(calls.get(c), cp);
                if (call == null) {
                  continue;
                }
                if (!"function".equals(call.path("type").asText(null))) {
                  v.add(cp + ".type", "expected \"function\"");
                }
                JsonNode f = v.object(call.get("function"), cp + ".function");
                if (f == null) {
                  continue;
                }
                String name = v.string(f.get("name"), cp + ".function.name");
                if (name != null) {
                  callable.add(name);
                }
                JsonNode args = f.get("arguments");
                if (args == null || !args.isObject()) {
                  v.add(cp + ".function.arguments", "expected a JSON object (not a string)");
                }
              }
            }
          }
        } else if (role != null) {
          v.onlyKeys(m, Set.of("role", "content"), path);
        }
      }
      if (!anyAssistant && !messages.isEmpty()) {
        v.add("messages", "expected at least one assistant message");
      }
    }
    if (row.has("tools")) {
      validateFunctionTools(row.get("tools"), "tools", v);
    }
    return v.list();
  }

  /** Checks a {@code [{"type":"function","function":{...}}]} tool list (TRL and OpenAI share it). */
  static void validateFunctionTools(JsonNode tools, String path, Violations v) {
    if (v.array(tools, path) == null) {
      return;
    }
    for (int i = 0; i < tools.size(); i++) {
      String tp = path + "[" + i + "]";
      JsonNode tool = v.object(tools.get(i), tp);
      if (tool == null) {
        continue;
      }
      if (!"function".equals(tool.path("type").asText(null))) {
        v.add(tp + ".type", "expected \"function\"");
      }
      JsonNode f = v.object(tool.get("function"), tp + ".function");
      if (f == null) {
        continue;
      }
      v.string(f.get("name"), tp + ".function.name");
      if (f.has("description")) {
        v.string(f.get("description"), tp + ".function.description");
      }
      if (f.has("parameters") && !f.get("parameters").isObject()) {
        v.add(tp + ".function.parameters", "expected a JSON Schema object");
      }
    }
  }
}
