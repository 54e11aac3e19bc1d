package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a log says about an event besides its content. Every field but {@code source} and
 * {@code attributes} may be null when the log does not say. Attributes are sorted so that
 * serialisation is deterministic.
 */
public record EventMeta(
    String session,
    String trace,
    String span,
    String parent,
    Instant timestamp,
    String model,
    Usage usage,
    Long latencyMs,
    SourceRef source,
    Map<String, String> attributes) {

  public EventMeta {
    requireNonNull(source, "source is null");
    usage = usage == null ? Usage.UNKNOWN : usage;
    attributes = attributes == null || attributes.isEmpty()
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** Metadata that only knows where the event came from. */
  public static EventMeta of(SourceRef source) {
    return new EventMeta(null, null, null, null, null, null, Usage.UNKNOWN, null, source, Map.of());
  }

  public EventMeta withModel(String newModel) {
    return new EventMeta(session, trace, span, parent, timestamp, newModel, usage, latencyMs, source, attributes);
  }

  public EventMeta withUsage(Usage newUsage) {
    return new EventMeta(session, trace, span, parent, timestamp, model, newUsage, latencyMs, source, attributes);
  }

  public EventMeta withSession(String newSession) {
    return new EventMeta(newSession, trace, span, parent, timestamp, model, usage, latencyMs, source, attributes);
  }

  public EventMeta withTimestamp(Instant newTimestamp) {
    return new EventMeta(session, trace, span, parent, newTimestamp, model, usage, latencyMs, source, attributes);
  }

  public EventMeta withLatencyMs(Long newLatencyMs) {
    return new EventMeta(session, trace, span, parent, timestamp, model, usage, newLatencyMs, source, attributes);
  }
}
