package dev.tracemill.segment;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.Json;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.util.List;

/**
 * 64-bit rolling hashes of a conversation's content (never of its metadata), chained event by event,
 * so that "call A's whole conversation is a prefix of call B's" becomes "A's full hash is one of B's
 * prefix hashes". Reasoning text, errors and feedback are left out: applications rarely send them
 * back in the history of the next call.
 */
final class ContentHash {
  private static final long SEED = 0x243F6A8885A308D3L;

  private ContentHash() {}

  static long start(String session) {
    return mix(SEED ^ (session == null ? 0 : chars(session, 0x5851F42D4C957F2DL)));
  }

  /** The chain value after {@code event}; unchanged for events that are not conversation content. */
  static long next(long chain, Event event) {
    long h = switch (event.kind()) {
      case SYSTEM -> chars(((SystemMsg) event).text(), 1);
      case USER -> chars(((UserMsg) event).text(), 2);
      case ASSISTANT -> chars(((AssistantMsg) event).text(), 3);
      case TOOL_CALL -> {
        ToolCall c = (ToolCall) event;
        String args = c.arguments() == null ? c.rawArguments() : Json.write(Json.canonical(c.arguments()));
        yield chars(args, chars(c.name(), chars(c.id(), 4)));
      }
      case TOOL_RESULT -> {
        ToolResult r = (ToolResult) event;
        yield chars(r.content(), chars(r.callId(), 5));
      }
      case ERROR, FEEDBACK -> 0;
    };
    return h == 0 ? chain : mix(chain * 31 + h);
  }

  /** True when {@code events[i]} ends an assistant turn (the next event is not one of its calls). */
  static boolean endsAssistantTurn(List<Event> events, int i) {
    Event.Kind kind = events.get(i).kind();
    if (kind != Event.Kind.ASSISTANT && kind != Event.Kind.TOOL_CALL) {
      return false;
    }
    return i + 1 == events.size() || events.get(i + 1).kind() != Event.Kind.TOOL_CALL;
  }

  private static long chars(String s, long seed) {
    long h = 0xCBF29CE484222325L ^ seed;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001B3L;
    }
    return mix(h ^ s.length());
  }

  /** splitmix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
