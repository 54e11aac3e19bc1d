package dev.tracemill.export;

import dev.tracemill.export.Turns.Role;
import dev.tracemill.export.Turns.Turn;
import java.util.List;

/** Shared checks for targets that need user/assistant pairs with no tools (alpaca, hf-conversations). */
final class StrictDialogue {
  private StrictDialogue() {}

  /**
   * Null when {@code dialogue} (system turns removed, users joined) is user, assistant, user, ...,
   * assistant; else {@code starts_with_assistant} or {@code not_alternating}.
   */
  static String checkPairs(List<Turn> dialogue) {
    if (dialogue.isEmpty() || dialogue.get(0).role() != Role.USER) {
      return "starts_with_assistant";
    }
    for (int i = 0; i < dialogue.size(); i++) {
      Role expected = i % 2 == 0 ? Role.USER : Role.ASSISTANT;
      if (dialogue.get(i).role() != expected) {
        return "not_alternating";
      }
    }
    return dialogue.size() % 2 == 0 ? null : "not_alternating";
  }
}
