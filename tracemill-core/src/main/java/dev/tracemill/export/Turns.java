package dev.tracemill.export;

import static java.util.Objects.requireNonNull;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit's events grouped into chat turns, the shape every exporter starts from. {@link ErrorEvent}s
 * and {@link Feedback} never become turns. Turns after the last assistant turn are dropped: they carry
 * nothing a trainer can learn from.
 *
 * <p>An assistant turn is <em>trainable</em> unless it is the final answer of a unit whose outcome is
 * FAILURE (kept with {@code --no-success-only}: the answer the log marks as failed is never learned,
 * the successful turns before it still are), or it is a failed attempt: it calls tools and every one
 * of those calls got an error result.
 *
 * <p>While grouping, the first structural problem is remembered as a skip reason ({@link #check}): a
 * result for an unknown call id, a result that does not directly follow the assistant turn that made
 * its call, a second result for the same call, or two calls sharing an id.
 *
 * @see dev.tracemill.model.ErrorEvent
 * @see dev.tracemill.model.Feedback
 */
final class Turns {
  enum Role { SYSTEM, USER, ASSISTANT, TOOL }

  /**
   * One chat turn. {@code text} is the system/user/assistant text or a tool result's content;
   * {@code reasoning} is null unless the assistant turn logged reasoning; {@code calls} is empty unless
   * the assistant turn calls tools; {@code callId}, {@code toolName} and {@code isError} are set only on
   * tool turns ({@code toolName} resolved from the call when the result has none).
   */
  record Turn(Role role, String text, String reasoning, List<ToolCall> calls, boolean trainable,
      String callId, String toolName, boolean isError) {
    Turn {
      requireNonNull(role, "role is null");
      requireNonNull(text, "text is null");
      calls = List.copyOf(calls);
    }

    static Turn of(Role role, String text) {
      return new Turn(role, text, null, List.of(), false, null, null, false);
    }

    boolean hasCalls() {
      return !calls.isEmpty();
    }
  }

  private final List<Turn> turns;
  private final String problem;
  private final boolean toolActivity;

  private Turns(List<Turn> turns, String problem, boolean toolActivity) {
    this.turns = List.copyOf(turns);
    this.problem = problem;
    this.toolActivity = toolActivity;
  }

  static Turns of(Unit unit) {
    List<Event> events = unit.events();
    Map<String, Boolean> errorByCall = new HashMap<>();
    for (Event e : events) {
      if (e instanceof ToolResult r) {
        errorByCall.merge(r.callId(), r.isError(), Boolean::logicalAnd);
      }
    }
    int failedAnswer = -1;
    if (unit.outcome() == Outcome.FAILURE) {
      for (int i = events.size() - 1; i >= 0 && failedAnswer < 0; i--) {
        if (events.get(i).kind() == Event.Kind.ASSISTANT) {
          failedAnswer = i;
        }
      }
    }
    List<Turn> out = new ArrayList<>();
    String problem = null;
    boolean toolActivity = false;
    Map<String, String> callNames = new HashMap<>();
    Set<String> answered = new HashSet<>();
    Set<String> openCalls = new HashSet<>();  // calls of the latest assistant turn, while only tool turns follow
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      switch (e.kind()) {
        case SYSTEM -> {
          out.add(Turn.of(Role.SYSTEM, ((SystemMsg) e).text()));
          openCalls.clear();
        }
        case USER -> {
          out.add(Turn.of(Role.USER, ((UserMsg) e).text()));
          openCalls.clear();
        }
        case ASSISTANT -> {
          AssistantMsg m = (AssistantMsg) e;
          boolean failedAnswerTurn = i == failedAnswer;
          List<ToolCall> calls = new ArrayList<>();
          while (i + 1 < events.size() && events.get(i + 1) instanceof ToolCall c) {
            calls.add(c);
            i++;
          }
          openCalls.clear();
          for (ToolCall c : calls) {
            toolActivity = true;
            if (callNames.putIfAbsent(c.id(), c.name()) != null && problem == null) {
              problem = "duplicate_tool_call_id";
            }
            openCalls.add(c.id());
          }
          boolean failedAttempt = !calls.isEmpty()
              && calls.stream().allMatch(c -> errorByCall.getOrDefault(c.id(), false));
          out.add(new Turn(Role.ASSISTANT, m.text(), m.reasoning(), calls, !failedAnswerTurn && !failedAttempt,
              null, null, false));
        }
        case TOOL_CALL -> {
          // A call not directly behind an assistant message breaks the event-order invariant.
          toolActivity = true;
          if (problem == null) {
            problem = "tool_call_without_assistant_turn";
          }
        }
        case TOOL_RESULT -> {
          ToolResult r = (ToolResult) e;
          toolActivity = true;
          String name = r.name() != null ? r.name() : callNames.get(r.callId());
          if (problem == null) {
            if (!callNames.containsKey(r.callId())) {
              problem = "tool_result_without_call";
            } else if (!openCalls.contains(r.callId())) {
              problem = "tool_result_out_of_order";
            } else if (!answered.add(r.callId())) {
              problem = "duplicate_tool_result";
            }
          }
          out.add(new Turn(Role.TOOL, r.content(), null, List.of(), false, r.callId(),
              name == null ? "" : name, r.isError()));
        }
        case ERROR, FEEDBACK -> {
          // Never exported: an API error or a judgement is not something the model said.
        }
      }
    }
    int lastAssistant = -1;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).role() == Role.ASSISTANT) {
        lastAssistant = i;
      }
    }
    return new Turns(out.subList(0, lastAssistant + 1), problem, toolActivity);
  }

  /** The turns up to and including the last assistant turn. */
  List<Turn> all() {
    return turns;
  }

  /** Whether the unit calls tools or holds tool results (tool definitions alone do not count). */
  boolean hasToolActivity() {
    return toolActivity;
  }

  /**
   * The first reason every target shares for skipping this unit, or null: a structural problem found
   * while grouping, {@code no_assistant_turn}, {@code empty_assistant_turn} (no text and no calls),
   * {@code no_trainable_assistant_turn}, {@code tool_arguments_not_json} (a call whose arguments are
   * not a JSON object) or {@code tool_call_without_result} (a call left unanswered by an assistant turn
   * that is not the last).
   */
  String check() {
    if (problem != null) {
      return problem;
    }
    if (turns.isEmpty()) {
      return "no_assistant_turn";
    }
    boolean anyTrainable = false;
    for (Turn t : turns) {
      if (t.role() == Role.ASSISTANT) {
        if (t.text().isEmpty() && !t.hasCalls()) {
          return "empty_assistant_turn";
        }
        anyTrainable |= t.trainable();
      }
    }
    if (!anyTrainable) {
      return "no_trainable_assistant_turn";
    }
    for (Turn t : turns) {
      for (ToolCall c : t.calls()) {
        if (c.arguments() == null || !c.arguments().isObject()) {
          return "tool_arguments_not_json";
        }
      }
    }
    for (int i = 0; i < turns.size(); i++) {
      Turn t = turns.get(i);
      if (!t.hasCalls() || i == turns.size() - 1) {
        continue;
      }
      Set<String> missing = new HashSet<>();
      t.calls().forEach(c -> missing.add(c.id()));
      for (int j = i + 1; j < turns.size() && turns.get(j).role() == Role.TOOL; j++) {
        missing.remove(turns.get(j).callId());
      }
      if (!missing.isEmpty()) {
        return "tool_call_without_result";
      }
    }
    return null;
  }

  /**
   * The turns up to and including the last trainable assistant turn, for targets that cannot mark a
   * turn as not trained: trailing failed attempts would otherwise be learned as the final answer.
   */
  List<Turn> upToLastTrainable() {
    int last = -1;
    for (int i = 0; i < turns.size(); i++) {
      if (turns.get(i).role() == Role.ASSISTANT && turns.get(i).trainable()) {
        last = i;
      }
    }
    return turns.subList(0, last + 1);
  }

  /** The texts of the system turns before the first other turn. */
  static List<String> leadingSystem(List<Turn> turns) {
    List<String> out = new ArrayList<>();
    for (Turn t : turns) {
      if (t.role() != Role.SYSTEM) {
        break;
      }
      out.add(t.text());
    }
    return out;
  }

  /** Whether a system turn follows any other turn. */
  static boolean systemMidConversation(List<Turn> turns) {
    boolean started = false;
    for (Turn t : turns) {
      if (t.role() != Role.SYSTEM) {
        started = true;
      } else if (started) {
        return true;
      }
    }
    return false;
  }

  /**
   * For strict-alternation targets: the non-system turns with consecutive user turns joined into one,
   * their texts separated by a blank line ({@code "\n\n"}).
   */
  static List<Turn> dialogueJoiningUsers(List<Turn> turns) {
    List<Turn> out = new ArrayList<>();
    for (Turn t : turns) {
      if (t.role() == Role.SYSTEM) {
        continue;
      }
      int last = out.size() - 1;
      if (t.role() == Role.USER && last >= 0 && out.get(last).role() == Role.USER) {
        out.set(last, Turn.of(Role.USER, out.get(last).text() + "\n\n" + t.text()));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /** The tool turns directly after {@code turns.get(assistantIndex)}, ordered as its calls are. */
  static List<Turn> resultsOf(List<Turn> turns, int assistantIndex) {
    Turn a = turns.get(assistantIndex);
    List<String> order = a.calls().stream().map(ToolCall::id).toList();
    List<Turn> out = new ArrayList<>();
    for (int j = assistantIndex + 1; j < turns.size() && turns.get(j).role() == Role.TOOL; j++) {
      out.add(turns.get(j));
    }
    out.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.callId())));
    return out;
  }
}
