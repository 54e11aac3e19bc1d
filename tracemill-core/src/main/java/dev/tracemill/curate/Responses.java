package dev.tracemill.curate;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import java.util.List;

/** Where a unit's final answer is: the last assistant turn. */
public final class Responses {
  private Responses() {}

  /** Index of the last {@link AssistantMsg}, or -1 when the unit has no assistant turn. */
  public static int finalAssistantIndex(List<Event> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).kind() == Event.Kind.ASSISTANT) {
        return i;
      }
    }
    return -1;
  }

  /** The final answer's text, or null when there is no assistant turn. */
  public static String finalText(List<Event> events) {
    int i = finalAssistantIndex(events);
    return i < 0 ? null : ((AssistantMsg) events.get(i)).text();
  }

  /**
   * True when the unit ends with an answer: its last assistant turn comes after its last user message
   * and says something (non-blank text or at least one tool call).
   */
  public static boolean hasResponse(List<Event> events) {
    int i = finalAssistantIndex(events);
    if (i < 0) {
      return false;
    }
    for (int j = i + 1; j < events.size(); j++) {
      if (events.get(j).kind() == Event.Kind.USER) {
        return false;
      }
    }
    if (!((AssistantMsg) events.get(i)).text().isBlank()) {
      return true;
    }
    return i + 1 < events.size() && events.get(i + 1).kind() == Event.Kind.TOOL_CALL;
  }
}
