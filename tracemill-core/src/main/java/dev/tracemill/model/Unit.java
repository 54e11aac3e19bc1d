package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training unit: an ordered conversation of canonical events with the tools it could use.
 * {@code id} is stable for the same input path, line and choice; {@code session} groups units that
 * must land in the same split (null when the log has no session); {@code tags} are sorted.
 *
 * <p>Event order invariant (readers keep it, exporters rely on it): every assistant turn is exactly one
 * {@link AssistantMsg} (its text may be empty) immediately followed by that turn's {@link ToolCall}s;
 * the {@link ToolResult}s answering them come after, before the next user or assistant turn.
 */
public record Unit(
    String id,
    UnitType type,
    List<Event> events,
    List<ToolDef> tools,
    Outcome outcome,
    SourceRef source,
    String callType,
    String session,
    Map<String, String> tags) {

  public Unit {
    requireNonNull(id, "id is null");
    requireNonNull(type, "type is null");
    events = List.copyOf(events);
    tools = tools == null ? List.of() : List.copyOf(tools);
    outcome = outcome == null ? Outcome.UNKNOWN : outcome;
    requireNonNull(source, "source is null");
    tags = tags == null || tags.isEmpty()
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }
}
