package dev.tracemill.curate;

import static java.util.Objects.requireNonNull;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.Usage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of one unit, counted from its events:
 * <ul>
 *   <li>{@code turns}: user messages; {@code steps}: assistant turns (each model response is a step,
 *       whether it answers or calls tools);
 *   <li>{@code toolCalls}, {@code toolNames} (sorted, distinct);
 *   <li>{@code errors}: tool results marked as errors plus error events;
 *   <li>{@code retries}: calls to a tool whose previous call returned an error (the same tool called
 *       again after it failed);
 *   <li>{@code recovered}: some error was followed by a successful tool result or a non-empty
 *       assistant answer;
 *   <li>{@code maxDepth}: the deepest nesting of the spans the events came from (0 when the log has
 *       no span tree; 1 when an LLM span sits under an agent span; and so on);
 *   <li>{@code tokens} and {@code latencyMs}: sums over the events that report them, null when none
 *       does; {@code models}: the distinct models named, sorted.
 * </ul>
 */
public record UnitProfile(int turns, int steps, int toolCalls, Set<String> toolNames, int errors, int retries,
    boolean recovered, int maxDepth, Long tokens, Long latencyMs, Set<String> models) {

  public UnitProfile {
    toolNames = Set.copyOf(new TreeSet<>(requireNonNull(toolNames, "toolNames is null")));
    models = Set.copyOf(new TreeSet<>(requireNonNull(models, "models is null")));
  }

  /** This profile with the tool names {@code names} (a unit whose tools the privacy stage renamed). */
  public UnitProfile withToolNames(Set<String> names) {
    return new UnitProfile(turns, steps, toolCalls, names, errors, retries, recovered, maxDepth, tokens, latencyMs,
        models);
  }

  /** Distinct tools called. */
  public int distinctTools() {
    return toolNames.size();
  }

  /** The tool names in sorted order. */
  public List<String> sortedToolNames() {
    return List.copyOf(new TreeSet<>(toolNames));
  }

  /** The models in sorted order. */
  public List<String> sortedModels() {
    return List.copyOf(new TreeSet<>(models));
  }

  public static UnitProfile of(Unit unit) {
    int turns = 0;
    int steps = 0;
    int toolCalls = 0;
    int errors = 0;
    int retries = 0;
    boolean recovered = false;
    boolean pendingError = false;
    Set<String> names = new TreeSet<>();
    Set<String> failedTools = new HashSet<>();
    Map<String, String> callNames = new HashMap<>();
    Set<String> models = new TreeSet<>();
    Map<String, String> parents = new HashMap<>();
    long tokens = 0;
    boolean anyTokens = false;
    long latency = 0;
    boolean anyLatency = false;
    for (Event e : unit.events()) {
      EventMeta meta = e.meta();
      if (meta.model() != null && !meta.model().isBlank()) {
        models.add(meta.model());
      }
      if (meta.span() != null) {
        parents.putIfAbsent(meta.span(), meta.parent());
      }
      Usage u = meta.usage();
      Long t = u.totalTokens() != null ? u.totalTokens()
          : u.inputTokens() != null || u.outputTokens() != null
              ? (u.inputTokens() == null ? 0 : u.inputTokens()) + (u.outputTokens() == null ? 0 : u.outputTokens())
              : null;
      if (t != null) {
        tokens += t;
        anyTokens = true;
      }
      if (meta.latencyMs() != null) {
        latency += meta.latencyMs();
        anyLatency = true;
      }
      switch (e.kind()) {
        case USER -> turns++;
        case ASSISTANT -> {
          steps++;
          if (pendingError && !((AssistantMsg) e).text().isBlank()) {
            recovered = true;
            pendingError = false;
          }
        }
        case TOOL_CALL -> {
          ToolCall c = (ToolCall) e;
          toolCalls++;
          names.add(c.name());
          callNames.put(c.id(), c.name());
          if (failedTools.remove(c.name())) {
            retries++;
          }
        }
        case TOOL_RESULT -> {
          ToolResult r = (ToolResult) e;
          String tool = r.name() != null ? r.name() : callNames.get(r.callId());
          if (r.isError()) {
            errors++;
            pendingError = true;
            if (tool != null) {
              failedTools.add(tool);
            }
          } else if (pendingError) {
            recovered = true;
            pendingError = false;
          }
        }
        case ERROR -> {
          errors++;
          pendingError = true;
        }
        case SYSTEM, FEEDBACK -> { }
      }
    }
    return new UnitProfile(turns, steps, toolCalls, names, errors, retries, recovered, depth(parents),
        anyTokens ? tokens : null, anyLatency ? latency : null, models);
  }

  /** The longest chain of parent links among the spans seen (cycles and unknown parents end it). */
  private static int depth(Map<String, String> parents) {
    int max = 0;
    for (String span : parents.keySet()) {
      int d = 0;
      String p = parents.get(span);
      Set<String> seen = new HashSet<>();
      while (p != null && parents.containsKey(p) && seen.add(p) && d < 64) {
        d++;
        p = parents.get(p);
      }
      max = Math.max(max, d);
    }
    return max;
  }
}
