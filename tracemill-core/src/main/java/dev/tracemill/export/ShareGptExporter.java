package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.export.Turns.Role;
import dev.tracemill.export.Turns.Turn;
import dev.tracemill.model.Json;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.Unit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * LLaMA-Factory ShareGPT rows: {@code {"conversations": [{"from", "value"}], "system": string,
 * "tools": string}}, keys in that order, {@code system} and {@code tools} always present ("" when the
 * unit has none, which LLaMA-Factory treats as absent). {@code tools} is the JSON text of
 * {@code [{name, description, parameters}]}.
 *
 * <p>Mapping: leading system messages (joined by a blank line) go to {@code system}; user messages are
 * {@code human} (consecutive ones joined by a blank line); an assistant turn without calls is
 * {@code gpt}; an assistant turn with calls is ONE {@code function_call} whose value is the JSON text
 * of {@code {"name", "arguments"}} (one call) or of a list of them (parallel calls), which is what
 * LLaMA-Factory's FunctionFormatter parses; that turn's results become ONE {@code observation}: the
 * content itself for one result, else the JSON text of a list with one element per result in call
 * order (a result that is a JSON object or array is embedded as JSON, any other as a string).
 *
 * <p>Dropped: assistant text in a turn that also calls tools (a function_call value can only hold the
 * calls; the calls are what the turn does), reasoning, error flags of results. Skipped: a system message
 * after the first turn ({@code system_message_mid_conversation}), a first turn by the assistant
 * ({@code starts_with_assistant}), and anything that breaks LLaMA-Factory's alternation (human or
 * observation at even positions, gpt or function_call at odd ones, even count), such as two assistant
 * answers in a row or a user message right after tool results ({@code not_alternating}). There is no
 * per-turn weight, so the conversation ends at the last trainable assistant turn.
 */
final class ShareGptExporter implements Exporter {
  private static final Set<String> FROM = Set.of("human", "gpt", "function_call", "observation");

  @Override
  public String name() {
    return "sharegpt";
  }

  @Override
  public String description() {
    return "LLaMA-Factory ShareGPT rows: {conversations[from, value], system, tools}";
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
    List<Turn> dialogue = Turns.dialogueJoiningUsers(turns);
    if (dialogue.get(0).role() != Role.USER) {
      return ExportResult.skip("starts_with_assistant");
    }
    ObjectNode row = Json.object();
    ArrayNode conv = row.putArray("conversations");
    for (int i = 0; i < dialogue.size(); i++) {
      Turn turn = dialogue.get(i);
      switch (turn.role()) {
        case USER -> add(conv, "human", turn.text());
        case ASSISTANT -> {
          if (!turn.hasCalls()) {
            add(conv, "gpt", turn.text());
            continue;
          }
          add(conv, "function_call", Json.write(callsValue(turn.calls())));
          List<Turn> results = Turns.resultsOf(dialogue, i);
          if (!results.isEmpty()) {
            add(conv, "observation", observationValue(results));
            i += results.size();
          }
        }
        case SYSTEM, TOOL -> throw new IllegalStateException(
            "dialogue holds a " + turn.role() + " turn where only user and assistant turns remain");
      }
    }
    if (!alternates(conv)) {
      return ExportResult.skip("not_alternating");
    }
    row.put("system", String.join("\n\n", Turns.leadingSystem(turns)));
    row.put("tools", unit.tools().isEmpty() ? "" : Json.write(dev.tracemill.model.ModelJson.tools(unit.tools())));
    return validate(row).isEmpty() ? ExportResult.row(row) : ExportResult.skip("invalid_row");
  }

  private static JsonNode callsValue(List<ToolCall> calls) {
    ArrayNode list = Json.array();
    for (ToolCall c : calls) {
      ObjectNode o = list.addObject();
      o.put("name", c.name());
      o.set("arguments", c.arguments().deepCopy());
    }
    return list.size() == 1 ? list.get(0) : list;
  }

  private static String observationValue(List<Turn> results) {
    if (results.size() == 1) {
      return results.get(0).text();
    }
    ArrayNode list = Json.array();
    for (Turn r : results) {
      JsonNode parsed = Json.tryParse(r.text());
      if (parsed != null && (parsed.isObject() || parsed.isArray())) {
        list.add(parsed);
      } else {
        list.add(r.text());
      }
    }
    return Json.write(list);
  }

  private static void add(ArrayNode conv, String from, String value) {
    ObjectNode m = conv.addObject();
    m.put("from", from);
    m.put("value", value);
  }

  private static boolean alternates(ArrayNode conv) {
    for (int i = 0; i < conv.size(); i++) {
      String from = conv.get(i).get("from").asText();
      boolean even = i % 2 == 0;
      if (even != (from.equals("human") || from.equals("observation"))) {
        return false;
      }
    }
    return conv.size() % 2 == 0;
  }

  /**
   * Rules (LLaMA-Factory's SharegptDatasetConverter and FunctionFormatter): keys conversations, system,
   * tools; each message has exactly string {@code from} and {@code value}; no system message inside
   * conversations (the system prompt is the column); human or observation at even positions, gpt or
   * function_call at odd ones, an even number of messages; an observation follows a function_call; a
   * function_call value is JSON text of {@code {"name": string, "arguments": object}} or a non-empty
   * list of those; system is a string; tools is "" or the JSON text of a list of objects with a string
   * {@code name}.
   */
  @Override
  public List<String> validate(JsonNode row) {
    Violations v = new Violations();
    if (v.object(row, "row") == null) {
      return v.list();
    }
    v.onlyKeys(row, Set.of("conversations", "system", "tools"), "row");
    JsonNode conv = v.array(row.get("conversations"), "conversations");
    if (conv != null) {
      if (conv.isEmpty()) {
        v.add("conversations", "expected at least one human and one gpt message");
      }
      String previous = null;
      for (int i = 0; i < conv.size(); i++) {
        String path = "conversations[" + i + "]";
        JsonNode m = v.object(conv.get(i), path);
        if (m == null) {
          previous = null;
          continue;
        }
        v.onlyKeys(m, Set.of("from", "value"), path);
        String from = v.string(m.get("from"), path + ".from");
        String value = v.string(m.get("value"), path + ".value");
        if (from == null) {
          previous = null;
          continue;
        }
        if (!FROM.contains(from)) {
          v.add(path + ".from", "expected human, gpt, function_call or observation");
        } else if (i % 2 == 0 && !(from.equals("human") || from.equals("observation"))) {
          v.add(path + ".from", "expected human or observation at an even position (Invalid role tag)");
        } else if (i % 2 == 1 && !(from.equals("gpt") || from.equals("function_call"))) {
          v.add(path + ".from", "expected gpt or function_call at an odd position (Invalid role tag)");
        }
        if (from.equals("observation") && !"function_call".equals(previous)) {
          v.add(path + ".from", "an observation must follow a function_call");
        }
        if (from.equals("function_call") && value != null && !isCallsValue(Json.tryParse(value))) {
          v.add(path + ".value", "expected JSON text of {\"name\", \"arguments\": object} or a list of them");
        }
        previous = from;
      }
      if (conv.size() % 2 != 0) {
        v.add("conversations", "expected an even number of messages, ending with gpt or function_call (Invalid message count)");
      }
    }
    v.string(row.get("system"), "system");
    String tools = v.string(row.get("tools"), "tools");
    if (tools != null && !tools.isEmpty()) {
      JsonNode parsed = Json.tryParse(tools);
      boolean ok = parsed != null && parsed.isArray();
      if (ok) {
        for (JsonNode tool : parsed) {
          ok &= tool.isObject() && tool.path("name").isTextual();
        }
      }
      if (!ok) {
        v.add("tools", "expected \"\" or the JSON text of a list of tools with a string name");
      }
    }
    return v.list();
  }

  private static boolean isCallsValue(JsonNode value) {
    if (value == null) {
      return false;
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        return false;
      }
      for (JsonNode call : value) {
        if (!isCall(call)) {
          return false;
        }
      }
      return true;
    }
    return isCall(value);
  }

  private static boolean isCall(JsonNode call) {
    return call.isObject() && call.path("name").isTextual() && call.path("arguments").isObject();
  }

  /**
   * {@code dataset_info.json} for LLaMA-Factory: one entry per split file, named
   * {@code tracemill_<split>}, in split-name order.
   */
  @Override
  public Map<String, JsonNode> extraFiles(Map<String, SplitFile> splitFiles) {
    ObjectNode info = Json.object();
    for (Map.Entry<String, SplitFile> e : new TreeMap<>(splitFiles).entrySet()) {
      ObjectNode entry = info.putObject("tracemill_" + e.getKey());
      entry.put("file_name", e.getValue().fileName());
      entry.put("formatting", "sharegpt");
      ObjectNode columns = entry.putObject("columns");
      columns.put("messages", "conversations");
      columns.put("system", "system");
      columns.put("tools", "tools");
      ObjectNode tags = entry.putObject("tags");
      tags.put("role_tag", "from");
      tags.put("content_tag", "value");
      tags.put("user_tag", "human");
      tags.put("assistant_tag", "gpt");
      tags.put("observation_tag", "observation");
      tags.put("function_tag", "function_call");
      tags.put("system_tag", "system");
    }
    return Map.of("dataset_info.json", info);
  }
}
