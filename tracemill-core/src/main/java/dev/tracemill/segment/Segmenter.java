package dev.tracemill.segment;

import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns one call into its training units, one per choice: the prompt followed by that choice's
 * completion. Tool results are linked to their calls by id (the result takes the call's tool name);
 * the unit's type follows from what it holds.
 */
public final class Segmenter {
  private Segmenter() {}

  /** The conversation of choice {@code index}: prompt events then the choice's events. */
  public static List<Event> conversation(Call call, int index) {
    List<Event> prompt = call.prompt();
    List<Event> choice = call.choices().get(index);
    List<Event> events = new ArrayList<>(prompt.size() + choice.size());
    events.addAll(prompt);
    events.addAll(choice);
    return events;
  }

  public static List<Unit> units(Call call) {
    int n = call.choices().size();
    List<Unit> units = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Event> events = linkToolResults(conversation(call, i));
      Map<String, String> tags = new HashMap<>(call.metadata());
      if (n > 1) {
        tags.put("choice", Integer.toString(i));
      }
      units.add(new Unit(unitId(call, i, n), typeOf(events), events, call.tools(), outcomeOf(call, i),
          call.source(), call.callType(), call.session(), tags));
    }
    return units;
  }

  static UnitType typeOf(List<Event> events) {
    int users = 0;
    for (Event e : events) {
      switch (e.kind()) {
        case TOOL_CALL, TOOL_RESULT -> {
          return UnitType.TRAJECTORY;
        }
        case USER -> users++;
        case SYSTEM, ASSISTANT, ERROR, FEEDBACK -> { }
      }
    }
    return users > 1 ? UnitType.THREAD : UnitType.QA;
  }

  private static Outcome outcomeOf(Call call, int choice) {
    for (Event e : call.choices().get(choice)) {
      if (e.kind() == Event.Kind.ERROR) {
        return Outcome.FAILURE;
      }
    }
    return call.outcome();
  }

  private static List<Event> linkToolResults(List<Event> events) {
    Map<String, String> names = null;
    List<Event> out = events;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.kind() == Event.Kind.TOOL_CALL) {
        if (names == null) {
          names = new HashMap<>();
        }
        ToolCall c = (ToolCall) e;
        names.put(c.id(), c.name());
      } else if (e.kind() == Event.Kind.TOOL_RESULT && names != null) {
        ToolResult r = (ToolResult) e;
        String name = names.get(r.callId());
        if (r.name() == null && name != null) {
          if (out == events) {
            out = new ArrayList<>(events);
          }
          out.set(i, r.withName(name));
        }
      }
    }
    return out;
  }

  /** A stable id: the same input path, line, part and choice always give the same id. */
  static String unitId(Call call, int choice, int choices) {
    SourceRef source = call.source();
    String key = source.file() + ":" + source.line() + (source.part() > 0 ? "/" + source.part() : "")
        + (choices > 1 ? "#" + choice : "");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "u" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
