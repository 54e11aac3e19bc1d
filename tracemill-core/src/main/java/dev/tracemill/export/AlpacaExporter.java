package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.export.Turns.Turn;
import dev.tracemill.model.Json;
import dev.tracemill.model.Unit;
import java.util.List;
import java.util.Set;

/**
 * LLaMA-Factory alpaca rows: {@code {"instruction", "input", "output", "system", "history"}} in that
 * key order. {@code instruction} is the last user message, {@code input} is always "",
 * {@code output} the final assistant text, {@code system} the leading system message(s) joined by a
 * blank line ("" when none), {@code history} the earlier {@code [user, assistant]} pairs, oldest first.
 *
 * <p>Alpaca has strict user/assistant pairs: consecutive user messages are joined by a blank line;
 * two assistant turns in a row skip the unit ({@code not_alternating}), as does a conversation that
 * starts with the assistant ({@code starts_with_assistant}) or a system message after the first turn
 * ({@code system_message_mid_conversation}). Units that call tools or hold tool results skip
 * ({@code tools_not_supported}); unused tool definitions are dropped. Reasoning is dropped. Every
 * history answer is learned, so the conversation ends at the last trainable assistant turn.
 */
final class AlpacaExporter implements Exporter {
  private static final Set<String> KEYS = Set.of("instruction", "input", "output", "system", "history");

  @Override
  public String name() {
    return "alpaca";
  }

  @Override
  public String description() {
    return "LLaMA-Factory alpaca rows: {instruction, input, output, system, history}; no tools";
  }

  @Override
  public ExportResult export(Unit unit) {
    Turns t = Turns.of(unit);
    if (t.hasToolActivity()) {
      return ExportResult.skip("tools_not_supported");
    }
    String reason = t.check();
    if (reason != null) {
      return ExportResult.skip(reason);
    }
    List<Turn> turns = t.upToLastTrainable();
    if (Turns.systemMidConversation(turns)) {
      return ExportResult.skip("system_message_mid_conversation");
    }
    List<Turn> dialogue = Turns.dialogueJoiningUsers(turns);
    reason = StrictDialogue.checkPairs(dialogue);
    if (reason != null) {
      return ExportResult.skip(reason);
    }
    int n = dialogue.size();
    ObjectNode row = Json.object();
    row.put("instruction", dialogue.get(n - 2).text());
    row.put("input", "");
    row.put("output", dialogue.get(n - 1).text());
    row.put("system", String.join("\n\n", Turns.leadingSystem(turns)));
    ArrayNode history = row.putArray("history");
    for (int i = 0; i + 2 < n; i += 2) {
      ArrayNode pair = history.addArray();
      pair.add(dialogue.get(i).text());
      pair.add(dialogue.get(i + 1).text());
    }
    return validate(row).isEmpty() ? ExportResult.row(row) : ExportResult.skip("invalid_row");
  }

  /**
   * Rules (LLaMA-Factory's alpaca converter): an object with exactly the five keys; instruction,
   * input, output and system are strings; instruction and output are not empty (the converter needs a
   * user turn and a string response); history is an array of two-string arrays.
   */
  @Override
  public List<String> validate(JsonNode row) {
    Violations v = new Violations();
    if (v.object(row, "row") == null) {
      return v.list();
    }
    v.onlyKeys(row, KEYS, "row");
    String instruction = v.string(row.get("instruction"), "instruction");
    if (instruction != null && instruction.isEmpty()) {
      v.add("instruction", "expected a non-empty string");
    }
    v.string(row.get("input"), "input");
    String output = v.string(row.get("output"), "output");
    if (output != null && output.isEmpty()) {
      v.add("output", "expected a non-empty string");
    }
    v.string(row.get("system"), "system");
    JsonNode history = v.array(row.get("history"), "history");
    if (history != null) {
      for (int i = 0; i < history.size(); i++) {
        JsonNode pair = history.get(i);
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
          v.add("history[" + i + "]", "expected a [user, assistant] pair of strings");
        }
      }
    }
    return v.list();
  }
}
