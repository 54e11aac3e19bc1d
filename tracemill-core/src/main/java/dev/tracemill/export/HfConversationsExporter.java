package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.export.Turns.Role;
import dev.tracemill.export.Turns.Turn;
import dev.tracemill.model.Json;
import dev.tracemill.model.Unit;
import java.util.List;
import java.util.Set;

/**
 * Plain chat rows in the Hugging Face role/content convention: {@code {"conversations": [{"role",
 * "content"}]}} (keys in that order) with roles system, user and assistant only. No public spec
 * defines this name; tracemill defines it as the portable lowest common denominator: an optional
 * single system message first (leading system messages joined by a blank line), then strict
 * user/assistant alternation that starts with user and ends with assistant.
 *
 * <p>Consecutive user messages are joined by a blank line; two assistant turns in a row skip the unit
 * ({@code not_alternating}); so do a first turn by the assistant ({@code starts_with_assistant}), a
 * system message after the first turn ({@code system_message_mid_conversation}) and units that call
 * tools or hold tool results ({@code tools_not_supported}). Reasoning is dropped. There is no per-turn
 * weight, so the conversation ends at the last trainable assistant turn.
 */
final class HfConversationsExporter implements Exporter {
  @Override
  public String name() {
    return "hf-conversations";
  }

  @Override
  public String description() {
    return "Plain {conversations: [{role, content}]} rows, strict user/assistant; no tools";
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
    ObjectNode row = Json.object();
    ArrayNode conversations = row.putArray("conversations");
    List<String> system = Turns.leadingSystem(turns);
    if (!system.isEmpty()) {
      message(conversations, "system", String.join("\n\n", system));
    }
    for (Turn turn : dialogue) {
      message(conversations, turn.role() == Role.USER ? "user" : "assistant", turn.text());
    }
    return validate(row).isEmpty() ? ExportResult.row(row) : ExportResult.skip("invalid_row");
  }

  private static void message(ArrayNode into, String role, String content) {
    ObjectNode m = into.addObject();
    m.put("role", role);
    m.put("content", content);
  }

  /**
   * Rules: only the {@code conversations} key; each message has exactly a string {@code role} and a
   * string {@code content}; system only at position 0; after it user and assistant alternate, starting
   * with user and ending with assistant; user and assistant content is not empty.
   */
  @Override
  public List<String> validate(JsonNode row) {
    Violations v = new Violations();
    if (v.object(row, "row") == null) {
      return v.list();
    }
    v.onlyKeys(row, Set.of("conversations"), "row");
    JsonNode conv = v.array(row.get("conversations"), "conversations");
    if (conv == null) {
      return v.list();
    }
    int start = 0;
    if (!conv.isEmpty() && "system".equals(conv.get(0).path("role").asText(null))) {
      start = 1;
    }
    if (conv.size() - start < 2) {
      v.add("conversations", "expected at least one user and one assistant message");
    }
    for (int i = 0; i < conv.size(); i++) {
      String path = "conversations[" + i + "]";
      JsonNode m = v.object(conv.get(i), path);
      if (m == null) {
        continue;
      }
      v.onlyKeys(m, Set.of("role", "content"), path);
      String role = v.string(m.get("role"), path + ".role");
      String content = v.string(m.get("content"), path + ".content");
      if (i < start || role == null) {
        continue;
      }
      String expected = (i - start) % 2 == 0 ? "user" : "assistant";
      if (!expected.equals(role)) {
        v.add(path + ".role", "expected " + expected + " (system only first, then user/assistant alternating)");
      }
      if (content != null && content.isEmpty()) {
        v.add(path + ".content", "expected a non-empty string");
      }
    }
    if (conv.size() > start && (conv.size() - start) % 2 != 0) {
      v.add("conversations", "expected the last message to be the assistant's");
    }
    return v.list();
  }
}
