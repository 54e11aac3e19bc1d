package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.export.Turns.Role;
import dev.tracemill.export.Turns.Turn;
import dev.tracemill.model.Json;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.Unit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI chat fine-tuning rows ({@code FineTuneChatRequestInput}): {@code {"messages": [...],
 * "tools": [...]}}.
 *
 * <p>Key order: row {@code messages, tools}; system/user {@code role, content}; assistant
 * {@code role, content, tool_calls, weight}; tool {@code role, tool_call_id, content}. An assistant
 * turn that only calls tools has no {@code content} key (as in OpenAI's tool example). Call
 * {@code arguments} is the logged argument text, a JSON string that must parse to an object. Every
 * turn is kept; an assistant turn that is not trainable (a failed attempt, or any turn of a FAILURE
 * unit) gets {@code "weight": 0}, trainable turns carry no weight (the default, 1). Reasoning is
 * dropped: the fine-tuning schema has no field for it. System messages after the first turn are kept
 * (the chat format allows them).
 */
final class OpenAiExporter implements Exporter {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public String description() {
    return "OpenAI chat fine-tuning rows: {messages, tools}, weight 0 on untrainable turns";
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
    for (Turn turn : t.all()) {
      ObjectNode m = messages.addObject();
      switch (turn.role()) {
        case SYSTEM, USER -> {
          m.put("role", turn.role() == Role.SYSTEM ? "system" : "user");
          m.put("content", turn.text());
        }
        case ASSISTANT -> {
          m.put("role", "assistant");
          if (!turn.text().isEmpty() || !turn.hasCalls()) {
            m.put("content", turn.text());
          }
          if (turn.hasCalls()) {
            ArrayNode calls = m.putArray("tool_calls");
            for (ToolCall c : turn.calls()) {
              ObjectNode call = calls.addObject();
              call.put("id", c.id());
              call.put("type", "function");
              ObjectNode f = call.putObject("function");
              f.put("name", c.name());
              f.put("arguments", c.rawArguments());
            }
          }
          if (!turn.trainable()) {
            m.put("weight", 0);
          }
        }
        case TOOL -> {
          m.put("role", "tool");
          m.put("tool_call_id", turn.callId());
          m.put("content", turn.text());
        }
      }
    }
    if (!unit.tools().isEmpty()) {
      row.set("tools", TrlExporter.openAiStyleTools(unit.tools()));
    }
    return validate(row).isEmpty() ? ExportResult.row(row) : ExportResult.skip("invalid_row");
  }

  /**
   * The OpenAI Cookbook data-prep checks, extended for tools as the API accepts them: the row is an
   * object with a non-empty {@code messages} array (and optional {@code tools},
   * {@code parallel_tool_calls}); each message has a known role and only that role's keys; content is
   * a string, except that an assistant message with {@code tool_calls} may leave it out (or null);
   * {@code weight} appears only on assistant messages and is the integer 0 or 1; tool calls are
   * {@code {"id": string, "type":"function","function":{"name": string, "arguments": string holding a
   * JSON object}}} with ids unique in the row; a tool message follows an assistant message with tool
   * calls (or another tool message), answers one of its call ids, and answers it once; the calls of an
   * assistant message that is not last are all answered; at least one assistant message is trained
   * (weight absent or 1).
   */
  @Override
  public List<String> validate(JsonNode row) {
    Violations v = new Violations();
    if (v.object(row, "row") == null) {
      return v.list();
    }
    v.onlyKeys(row, Set.of("messages", "tools", "parallel_tool_calls"), "row");
    JsonNode messages = v.array(row.get("messages"), "messages");
    if (messages != null) {
      if (messages.isEmpty()) {
        v.add("messages", "expected at least one message (missing_messages_list)");
      }
      boolean anyAssistant = false;
      boolean anyTrained = false;
      Set<String> seenIds = new java.util.HashSet<>();
      Set<String> open = null;  // unanswered call ids of the latest assistant message, while tool messages may follow
      int openAt = -1;
      for (int i = 0; i < messages.size(); i++) {
        String path = "messages[" + i + "]";
        JsonNode m = v.object(messages.get(i), path);
        if (m == null) {
          continue;
        }
        String role = v.string(m.get("role"), path + ".role");
        if (role == null) {
          continue;
        }
        if (!ROLES.contains(role)) {
          v.add(path + ".role", "expected system, user, assistant or tool (unrecognized_role)");
          continue;
        }
        if (!role.equals("tool") && open != null && !open.isEmpty()) {
          v.add("messages[" + openAt + "].tool_calls", "every call must be answered by a tool message");
        }
        if (!role.equals("tool")) {
          open = null;
        }
        switch (role) {
          case "system", "user" -> {
            v.onlyKeys(m, Set.of("role", "content", "name"), path);
            v.string(m.get("content"), path + ".content");
          }
          case "tool" -> {
            v.onlyKeys(m, Set.of("role", "tool_call_id", "content"), path);
            v.string(m.get("content"), path + ".content");
            String id = v.string(m.get("tool_call_id"), path + ".tool_call_id");
            if (open == null) {
              v.add(path, "a tool message must follow an assistant message with tool_calls");
            } else if (id != null && !open.remove(id)) {
              v.add(path + ".tool_call_id", "expected the id of a not yet answered call of the preceding assistant message");
            }
          }
          default -> {
            anyAssistant = true;
            v.onlyKeys(m, Set.of("role", "content", "tool_calls", "weight", "name"), path);
            JsonNode weight = m.get("weight");
            if (weight != null && !(weight.isIntegralNumber() && (weight.asInt() == 0 || weight.asInt() == 1))) {
              v.add(path + ".weight", "expected the integer 0 or 1");
            }
            if (weight == null || weight.asInt(1) == 1) {
              anyTrained = true;
            }
            JsonNode calls = m.get("tool_calls");
            JsonNode content = m.get("content");
            if (calls == null) {
              if (content == null || !content.isTextual() || content.asText().isEmpty()) {
                v.add(path + ".content", "expected a non-empty string when there are no tool_calls (missing_content)");
              }
              continue;
            }
            if (content != null && !content.isNull() && !content.isTextual()) {
              v.add(path + ".content", "expected a string or null");
            }
            if (v.array(calls, path + ".tool_calls") == null) {
              continue;
            }
            if (calls.isEmpty()) {
              v.add(path + ".tool_calls", "expected at least one call when present");
            }
            open = new LinkedHashSet<>();
            openAt = i;
            for (int c = 0; c < calls.size(); c++) {
              String cp = path + ".tool_calls[" + c + "]";
              JsonNode call = v.object(calls.get(c), cp);
              if (call == null) {
                continue;
              }
              v.onlyKeys(call, Set.of("id", "type", "function"), cp);
              String id = v.string(call.get("id"), cp + ".id");
              if (id != null && !seenIds.add(id)) {
                v.add(cp + ".id", "expected an id not used by another call in the row");
              } else if (id != null) {
                open.add(id);
              }
              if (!"function".equals(call.path("type").asText(null))) {
                v.add(cp + ".type", "expected \"function\"");
              }
              JsonNode f = v.object(call.get("function"), cp + ".function");
              if (f == null) {
                continue;
              }
              v.string(f.get("name"), cp + ".function.name");
              String args = v.string(f.get("arguments"), cp + ".function.arguments");
              if (args != null && !Violations.isJsonObjectText(args)) {
                v.add(cp + ".function.arguments", "expected a string holding a JSON object");
              }
            }
          }
        }
      }
      if (open != null && !open.isEmpty() && openAt != messages.size() - 1) {
        v.add("messages[" + openAt + "].tool_calls", "every call must be answered by a tool message");
      }
      if (!messages.isEmpty() && !anyAssistant) {
        v.add("messages", "expected at least one assistant message (example_missing_assistant_message)");
      } else if (anyAssistant && !anyTrained) {
        v.add("messages", "expected at least one assistant message with weight 1 or no weight");
      }
    }
    if (row.has("tools")) {
      TrlExporter.validateFunctionTools(row.get("tools"), "tools", v);
    }
    if (row.has("parallel_tool_calls") && !row.get("parallel_tool_calls").isBoolean()) {
      v.add("parallel_tool_calls", "expected a boolean");
    }
    return v.list();
  }
}
