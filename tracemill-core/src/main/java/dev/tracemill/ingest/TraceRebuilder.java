package dev.tracemill.ingest;

import static java.util.Objects.requireNonNull;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.Feedback;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the spans of one trace (or of the traces of one session) into agent trajectories: ordered
 * event streams, one {@link Call} each. Any trace reader can use it (OTLP, OpenInference, Langfuse):
 * it maps its spans to {@link Span}s and hands each group to {@link #rebuild}.
 *
 * <p><b>Order.</b> Spans form a tree through {@code parent}; a span whose parent is not in the group
 * is a root. The tree is walked depth first, siblings by start time (by input order when a sibling has
 * no start time), roots likewise, so traces of one session follow each other in time.
 *
 * <p><b>Scopes.</b> Every span belongs to the nearest {@link Kind#AGENT} span at or above it (or to
 * the group when there is none). Each scope builds its own trajectories, so a sub-agent's
 * conversation becomes a call of its own instead of being mixed into its parent's.
 *
 * <p><b>Model calls.</b> A {@link Kind#LLM} span's {@code input} (the conversation sent) is compared
 * with the scope's current trajectory, event by event on role and text (tool calls on name and
 * arguments, results on content):
 * <ul>
 *   <li>it extends the trajectory: the new turns and the span's {@code output} are appended (turns
 *       that several nested spans repeat are not duplicated);
 *   <li>it is a prefix of the trajectory and its output is what follows there: a nested span that
 *       repeats a call already read (a framework's wrapper span); nothing is added;
 *   <li>a later trace of the same session whose input starts with a user turn and holds no system
 *       turn: applications that log only the new turn per request; it is appended;
 *   <li>anything else (another prompt, a branch): the current trajectory ends and a new one starts.
 * </ul>
 *
 * <p><b>Tools.</b> A {@link Kind#TOOL} span's {@link ToolRun} is linked to the call it answers: by id
 * when the id names a call of the trajectory that is not answered yet (the oldest such call when ids
 * are reused), else by order: the oldest unanswered call of that tool name. Parallel calls are
 * answered in any order. Its result is held until the next model call: when that call's input
 * carries a result for the same call, the model's view wins; otherwise the span's result is put in
 * right before the new turns. A run that repeats a call whose held result was an error (a retry)
 * replaces that result. A tool run that answers no call of the trajectory (environment feedback with
 * no model request, a tool run after the last model call) adds no event: it is folded.
 *
 * <p><b>Agents.</b> An agent span with messages of its own counts as a model call only when its scope
 * has no model call at all (an agent framework that logs just its input and final answer).
 *
 * <p><b>Calls.</b> A trajectory becomes one call: everything before the last model call's output is
 * the prompt, that output (and its error) the single choice. Its source is the last model span's,
 * with {@link SourceRef#part} numbered so that several calls from one line get distinct unit ids.
 * Every other record of the group is folded into the call ({@link Rebuilt#folded}); spans of kind
 * {@link Kind#OTHER} are structure only and never records.
 *
 * <p>One instance serves one input file (it numbers parts per line); it is not thread safe.
 */
public final class TraceRebuilder {
  /** The reason booked for every record folded into a rebuilt call. */
  public static final String FOLDED = "part_of_a_rebuilt_trace";

  /** What a span did, as far as the trajectory is concerned. */
  public enum Kind { LLM, TOOL, AGENT, OTHER }

  /**
   * A tool execution: which call it answers ({@code callId} and {@code name} may each be null when the
   * trace does not say), the arguments as logged (may be null), the result text and whether it failed.
   */
  public record ToolRun(String callId, String name, String arguments, String result, boolean isError) {
    public ToolRun {
      requireNonNull(result, "result is null");
    }
  }

  /**
   * One span as a trace reader understood it. {@code order} is its position in the input (a tie
   * breaker that keeps the result deterministic). {@code input} is the conversation a model call sent
   * (or an agent's input), {@code output} what it answered (an assistant turn and its tool calls);
   * {@code error} is set when the span failed. {@code callType} names the application step (the
   * agent or span name), {@code metadata} is copied to the call. {@code moreChoices} are further
   * alternative answers of the same request ({@code n > 1}); they become extra choices of the call
   * when the span ends its trajectory, and are otherwise left out.
   */
  public record Span(
      String trace,
      String id,
      String parent,
      String session,
      Kind kind,
      String callType,
      Instant start,
      long order,
      SourceRef source,
      List<Event> input,
      List<Event> output,
      List<ToolDef> tools,
      ToolRun tool,
      ErrorEvent error,
      Map<String, String> metadata,
      List<List<Event>> moreChoices) {

    /** A span with a single answer. */
    public Span(String trace, String id, String parent, String session, Kind kind, String callType,
        Instant start, long order, SourceRef source, List<Event> input, List<Event> output, List<ToolDef> tools,
        ToolRun tool, ErrorEvent error, Map<String, String> metadata) {
      this(trace, id, parent, session, kind, callType, start, order, source, input, output, tools, tool, error,
          metadata, List.of());
    }

    public Span {
      requireNonNull(kind, "kind is null");
      requireNonNull(source, "source is null");
      input = input == null ? List.of() : List.copyOf(input);
      output = output == null ? List.of() : List.copyOf(output);
      tools = tools == null ? List.of() : List.copyOf(tools);
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
      moreChoices = moreChoices == null ? List.of() : moreChoices.stream().map(List::copyOf).toList();
      if (kind == Kind.TOOL) {
        requireNonNull(tool, "a TOOL span needs a tool run");
      }
    }

    /** True for spans that are input records; {@link Kind#OTHER} spans only give the tree its shape. */
    public boolean isRecord() {
      return kind != Kind.OTHER;
    }

    boolean hasMessages() {
      return !input.isEmpty() || !output.isEmpty();
    }
  }

  /** What became of one group: the rebuilt calls, and the records folded into them. */
  public record Rebuilt(List<Call> calls, List<SourceRef> folded) {
    public Rebuilt {
      calls = List.copyOf(calls);
      folded = List.copyOf(folded);
    }
  }

  private final Map<SourceRef, Integer> parts = new HashMap<>();

  /** Rebuilds one group (the spans of one trace, or of one session); spans may come in any order. */
  public Rebuilt rebuild(List<Span> spans) {
    List<Span> ordered = treeOrder(spans);
    Map<Span, Span> scopeOf = scopes(ordered, spans);
    Map<Span, Scope> scopes = new LinkedHashMap<>();
    Scope root = new Scope(null);
    for (Span s : ordered) {
      Span owner = scopeOf.get(s);
      Scope scope = owner == null ? root : scopes.computeIfAbsent(owner, Scope::new);
      switch (s.kind()) {
        case LLM -> scope.model(s);
        case TOOL -> scope.tool(s);
        case AGENT, OTHER -> { }
      }
    }
    // Agents that logged messages but no model call inside them stand for their model calls.
    for (Span s : ordered) {
      if (s.kind() == Kind.AGENT && s.hasMessages()) {
        Scope own = scopes.computeIfAbsent(s, Scope::new);
        if (own.done.isEmpty() && own.current == null) {
          own.model(s);
        }
      }
    }
    List<Trajectory> all = new ArrayList<>();
    root.close();
    all.addAll(root.done);
    for (Scope scope : scopes.values()) {
      scope.close();
      all.addAll(scope.done);
    }
    all.sort(Comparator.comparingLong(t -> t.last.order()));
    List<Call> calls = new ArrayList<>();
    Set<Span> used = new HashSet<>();
    for (Trajectory t : all) {
      Span agent = t.scope.agent;
      calls.add(t.toCall(nextPart(t.last.source()), agent == null ? null : agent.callType()));
      used.add(t.last);
    }
    List<SourceRef> folded = new ArrayList<>();
    List<Span> inOrder = new ArrayList<>(spans);
    inOrder.sort(Comparator.comparingLong(Span::order));
    for (Span s : inOrder) {
      if (s.isRecord() && !used.contains(s)) {
        folded.add(s.source());
      }
    }
    return new Rebuilt(calls, folded);
  }

  private SourceRef nextPart(SourceRef source) {
    SourceRef line = new SourceRef(source.file(), source.line());
    int n = parts.merge(line, 1, Integer::sum) - 1;
    return line.part(n);
  }

  /** Depth first from the roots, siblings in start order. */
  private static List<Span> treeOrder(List<Span> spans) {
    Map<String, Span> byId = new HashMap<>();
    for (Span s : spans) {
      if (s.id() != null) {
        byId.putIfAbsent(key(s.trace(), s.id()), s);
      }
    }
    Map<Span, List<Span>> children = new HashMap<>();
    List<Span> roots = new ArrayList<>();
    for (Span s : spans) {
      Span parent = s.parent() == null ? null : byId.get(key(s.trace(), s.parent()));
      if (parent == null || parent == s) {
        roots.add(s);
      } else {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(s);
      }
    }
    List<Span> out = new ArrayList<>(spans.size());
    Set<Span> seen = new HashSet<>();
    sortSiblings(roots);
    ArrayList<Span> stack = new ArrayList<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.add(roots.get(i));
    }
    while (!stack.isEmpty()) {
      Span s = stack.remove(stack.size() - 1);
      if (!seen.add(s)) {
        continue;
      }
      out.add(s);
      List<Span> kids = children.getOrDefault(s, new ArrayList<>());
      sortSiblings(kids);
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.add(kids.get(i));
      }
    }
    // A parent cycle leaves spans unreached; they keep their input order at the end.
    for (Span s : spans) {
      if (!seen.contains(s)) {
        seen.add(s);
        out.add(s);
      }
    }
    return out;
  }

  private static String key(String trace, String id) {
    return (trace == null ? "" : trace) + "/" + id;
  }

  private static void sortSiblings(List<Span> siblings) {
    boolean allTimed = siblings.stream().allMatch(s -> s.start() != null);
    Comparator<Span> byOrder = Comparator.comparingLong(Span::order);
    siblings.sort(allTimed ? Comparator.comparing(Span::start).thenComparing(byOrder) : byOrder);
  }

  /** The nearest agent span at or above each span (absent when none). */
  private static Map<Span, Span> scopes(List<Span> ordered, List<Span> spans) {
    Map<String, Span> byId = new HashMap<>();
    for (Span s : spans) {
      if (s.id() != null) {
        byId.putIfAbsent(key(s.trace(), s.id()), s);
      }
    }
    Map<Span, Span> out = new HashMap<>();
    for (Span s : ordered) {
      Span agent = null;
      Span at = s;
      Set<Span> path = new HashSet<>();
      while (at != null && path.add(at)) {
        if (at.kind() == Kind.AGENT) {
          agent = at;
          break;
        }
        at = at.parent() == null ? null : byId.get(key(at.trace(), at.parent()));
      }
      if (agent != null) {
        out.put(s, agent);
      }
    }
    return out;
  }

  /** The trajectories of one agent (or of the group's top level). */
  private static final class Scope {
    final Span agent;
    Trajectory current;
    final List<Trajectory> done = new ArrayList<>();

    Scope(Span agent) {
      this.agent = agent;
    }

    void model(Span s) {
      if (current == null || !current.take(s)) {
        close();
        current = new Trajectory(this, s);
      }
    }

    void tool(Span s) {
      if (current != null) {
        current.tool(s.tool());
      }
    }

    void close() {
      if (current != null) {
        done.add(current);
        current = null;
      }
    }
  }

  /** One ordered event stream and the model span whose output ends it. */
  private static final class Trajectory {
    final Scope scope;
    final List<Event> events = new ArrayList<>();
    /** How many of {@code events} come before the last model span's output. */
    int promptEnd;
    Span last;
    final Map<String, ToolDef> tools = new LinkedHashMap<>();
    /** Results of tool spans not yet confirmed by a model call's input, with the calls they answer. */
    final List<ToolCall> heldCalls = new ArrayList<>();
    final List<ToolResult> heldResults = new ArrayList<>();
    /** The results in {@code events} that came from tool spans, not from a model call's input. */
    final Set<Event> fromToolSpans = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    String session;

    Trajectory(Scope scope, Span first) {
      this.scope = scope;
      append(first, first.input(), Map.of());
    }

    /** Appends {@code s} when it continues this trajectory; false when it starts another one. */
    boolean take(Span s) {
      List<Event> input = s.input();
      Map<String, String> ids = new HashMap<>();
      int[] lcp = commonPrefix(events, input, ids, fromToolSpans);
      if (lcp[0] == events.size()) {
        append(s, input.subList(lcp[1], input.size()), ids);
        return true;
      }
      if (lcp[1] == input.size() && repeats(lcp[0], s.output())) {
        return true;
      }
      boolean laterTrace = last.trace() != null && s.trace() != null && !last.trace().equals(s.trace());
      boolean newTurnOnly = !input.isEmpty() && input.get(0) instanceof UserMsg
          && input.stream().noneMatch(e -> e instanceof SystemMsg);
      if (lcp[1] == 0 && laterTrace && newTurnOnly && s.session() != null && s.session().equals(session)) {
        append(s, input, Map.of());
        return true;
      }
      return false;
    }

    private boolean repeats(int from, List<Event> output) {
      if (from + output.size() > events.size()) {
        return false;
      }
      for (int i = 0; i < output.size(); i++) {
        if (!sameTurn(events.get(from + i), output.get(i))) {
          return false;
        }
      }
      return true;
    }

    private void append(Span s, List<Event> newInput, Map<String, String> ids) {
      List<Event> tail = new ArrayList<>();
      for (Event e : newInput) {
        tail.add(renamed(e, ids));
      }
      // Tool results the model saw itself win over the tool spans' own record of them.
      for (Event e : tail) {
        if (e instanceof ToolResult r) {
          for (int i = 0; i < heldResults.size(); i++) {
            if (heldResults.get(i).callId().equals(r.callId())) {
              heldCalls.remove(i);
              heldResults.remove(i);
              break;
            }
          }
        }
      }
      events.addAll(heldResults);
      fromToolSpans.addAll(heldResults);
      heldCalls.clear();
      heldResults.clear();
      events.addAll(tail);
      promptEnd = events.size();
      for (Event e : s.output()) {
        events.add(renamed(e, ids));
      }
      if (s.error() != null) {
        events.add(s.error());
      }
      for (ToolDef t : s.tools()) {
        tools.putIfAbsent(t.name(), t);
      }
      if (session == null) {
        session = s.session();
      }
      last = s;
    }

    private static Event renamed(Event e, Map<String, String> ids) {
      if (e instanceof ToolResult r && ids.containsKey(r.callId())) {
        return new ToolResult(ids.get(r.callId()), r.name(), r.content(), r.isError(), r.meta());
      }
      return e;
    }

    void tool(ToolRun run) {
      ToolCall call = answered(run);
      if (call == null) {
        return;
      }
      ToolResult result = new ToolResult(call.id(), call.name(), run.result(), run.isError(), call.meta());
      for (int i = 0; i < heldCalls.size(); i++) {
        if (heldCalls.get(i) == call) {
          // A retry of a run that failed replaces its result; a second success does not.
          if (heldResults.get(i).isError()) {
            heldResults.set(i, result);
          }
          return;
        }
      }
      heldCalls.add(call);
      heldResults.add(result);
    }

    /**
     * The call {@code run} answers, among the calls no result answers yet (a result answers the oldest
     * open call with its id, so reused ids pair up in order): by id, else the oldest of its name. A
     * held error result leaves its call open for a retry.
     */
    private ToolCall answered(ToolRun run) {
      List<ToolCall> open = new ArrayList<>();
      for (Event e : events) {
        if (e instanceof ToolCall c) {
          open.add(c);
        } else if (e instanceof ToolResult r) {
          for (int i = 0; i < open.size(); i++) {
            if (open.get(i).id().equals(r.callId())) {
              open.remove(i);
              break;
            }
          }
        }
      }
      for (int i = 0; i < heldCalls.size(); i++) {
        if (!heldResults.get(i).isError()) {
          ToolCall done = heldCalls.get(i);
          open.removeIf(c -> c == done);
        }
      }
      if (run.callId() != null) {
        for (ToolCall c : open) {
          if (c.id().equals(run.callId())) {
            return c;
          }
        }
      }
      for (ToolCall c : open) {
        if (run.name() == null || c.name().equals(run.name())) {
          return c;
        }
      }
      return null;
    }

    Call toCall(SourceRef source, String agentName) {
      List<Event> prompt = events.subList(0, promptEnd);
      List<Event> choice = events.subList(promptEnd, events.size());
      Outcome outcome = last.error() != null ? Outcome.FAILURE
          : choice.isEmpty() ? Outcome.UNKNOWN : Outcome.SUCCESS;
      Map<String, String> metadata = new LinkedHashMap<>(last.metadata());
      String callType = agentName != null ? agentName : last.callType();
      List<List<Event>> choices = new ArrayList<>();
      choices.add(choice);
      choices.addAll(last.moreChoices());
      return new Call(source, prompt, choices, new ArrayList<>(tools.values()), outcome, callType,
          session, metadata);
    }
  }

  /**
   * How far {@code input} repeats {@code events}: {@code [i, j]}, the events and input turns matched.
   * Results that came from tool spans may be missing from the input and are stepped over. Call id
   * renames (the input's id to the trajectory's) land in {@code ids}.
   */
  static int[] commonPrefix(List<Event> events, List<Event> input, Map<String, String> ids, Set<Event> optional) {
    int i = 0;
    int j = 0;
    while (i < events.size() && j < input.size()) {
      Event a = events.get(i);
      Event b = input.get(j);
      if (!sameTurn(a, b)) {
        if (optional.contains(a)) {
          i++;
          continue;
        }
        break;
      }
      if (a instanceof ToolCall ca && b instanceof ToolCall cb && !ca.id().equals(cb.id())) {
        ids.put(cb.id(), ca.id());
      }
      i++;
      j++;
    }
    while (i < events.size() && j == input.size() && optional.contains(events.get(i))) {
      i++;
    }
    return new int[] {i, j};
  }

  /**
   * Whether two events are the same turn as far as a conversation goes: role and text (whitespace at
   * the ends aside), tool calls by name and arguments, results by content. Ids are not compared: a
   * log that has none gets ids invented per span.
   */
  static boolean sameTurn(Event a, Event b) {
    if (a.kind() != b.kind()) {
      return false;
    }
    return switch (a.kind()) {
      case SYSTEM -> ((SystemMsg) a).text().strip().equals(((SystemMsg) b).text().strip());
      case USER -> ((UserMsg) a).text().strip().equals(((UserMsg) b).text().strip());
      case ASSISTANT -> ((AssistantMsg) a).text().strip().equals(((AssistantMsg) b).text().strip());
      case TOOL_CALL -> sameCall((ToolCall) a, (ToolCall) b);
      case TOOL_RESULT -> ((ToolResult) a).content().strip().equals(((ToolResult) b).content().strip());
      case ERROR -> ((ErrorEvent) a).message().equals(((ErrorEvent) b).message());
      case FEEDBACK -> ((Feedback) a).equals(b);
    };
  }

  private static boolean sameCall(ToolCall a, ToolCall b) {
    if (!a.name().equals(b.name())) {
      return false;
    }
    if (a.arguments() != null && b.arguments() != null) {
      return Json.canonical(a.arguments()).equals(Json.canonical(b.arguments()));
    }
    return a.rawArguments().strip().equals(b.rawArguments().strip());
  }
}
