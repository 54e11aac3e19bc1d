package dev.tracemill.ingest;

import dev.tracemill.ingest.OtelSpans.RawEvent;
import dev.tracemill.ingest.OtelSpans.RawSpan;
import dev.tracemill.ingest.TraceRebuilder.Span;
import dev.tracemill.model.Call;
import dev.tracemill.model.SourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the spans (and GenAI log records) of one file until their trace is complete, then rebuilds
 * each trace, or each session's traces together, with {@link TraceRebuilder}.
 *
 * <p><b>Memory bound.</b> At most {@link #LIMIT} spans and log records, holding at most
 * {@link #LIMIT_CHARS} characters of attribute text, are held. Past either, the trace
 * that arrived first (with every held trace of its session) is rebuilt at once; spans of it that come
 * later are rebuilt on their own, so one conversation can end in two calls (the pipeline's prefix
 * collapse still merges them when the later one repeats the history). OTLP has no end-of-trace
 * signal, so everything else is rebuilt when the file ends.
 *
 * <p><b>Log records.</b> GenAI event records ({@code gen_ai.user.message}, ..., {@code gen_ai.choice},
 * {@code gen_ai.client.inference.operation.details}) are grouped by the span they name. When that span
 * is in the file, they become its events; otherwise they stand for a model call of their own, whose
 * record is the first {@code gen_ai.choice} (else the last record). Either way every other log record
 * is folded.
 */
final class TraceBuffer {
  /** The most spans and log records held at once. */
  static final int LIMIT = 20_000;
  /** The most characters of attribute and event text held at once (about 128 MiB of strings). */
  static final long LIMIT_CHARS = 64L << 20;

  record RawLog(String trace, String span, RawEvent event, long order, SourceRef source) {}

  private final RecordSink sink;
  private final TraceRebuilder rebuilder = new TraceRebuilder();
  private final int limit;
  private final long limitChars;
  private long heldChars;
  /** By trace id, in order of first arrival. */
  private final LinkedHashMap<String, Group> traces = new LinkedHashMap<>();
  /** The held traces of each session, so that flushing one session does not scan every trace. */
  private final Map<String, List<String>> bySession = new HashMap<>();
  private int held;
  private long order;

  private static final class Group {
    final List<RawSpan> spans = new ArrayList<>();
    final List<RawLog> logs = new ArrayList<>();
    String session;
    long chars;
  }

  TraceBuffer(RecordSink sink) {
    this(sink, LIMIT, LIMIT_CHARS);
  }

  TraceBuffer(RecordSink sink, int limit, long limitChars) {
    this.sink = sink;
    this.limit = limit;
    this.limitChars = limitChars;
  }

  long nextOrder() {
    return order++;
  }

  void add(RawSpan span) {
    String key = span.trace() == null ? "span:" + span.id() + ":" + span.order() : span.trace();
    Group g = group(key);
    g.spans.add(span);
    long w = chars(span.attributes());
    for (RawEvent e : span.events()) {
      w += chars(e.attributes()) + chars(e.body());
    }
    g.chars += w;
    heldChars += w;
    if (g.session == null) {
      for (String k : OtelSpans.SESSION_KEYS) {
        String s = OtelSpans.text(span.attributes(), k);
        if (s != null) {
          g.session = s;
          bySession.computeIfAbsent(s, x -> new ArrayList<>()).add(key);
          break;
        }
      }
    }
    held++;
    evict();
  }

  void add(RawLog log) {
    Group g = group(log.trace() == null ? "" : log.trace());
    g.logs.add(log);
    long w = chars(log.event().attributes()) + chars(log.event().body());
    g.chars += w;
    heldChars += w;
    held++;
    evict();
  }

  private static long chars(Map<String, com.fasterxml.jackson.databind.JsonNode> attributes) {
    long n = 0;
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : attributes.entrySet()) {
      n += e.getKey().length() + chars(e.getValue());
    }
    return n;
  }

  private static long chars(com.fasterxml.jackson.databind.JsonNode v) {
    if (v == null) {
      return 0;
    }
    if (v.isTextual()) {
      return v.textValue().length();
    }
    long n = 8;
    for (com.fasterxml.jackson.databind.JsonNode c : v) {
      n += chars(c);
    }
    return n;
  }

  private Group group(String trace) {
    return traces.computeIfAbsent(trace, t -> new Group());
  }

  private void evict() {
    while ((held > limit || heldChars > limitChars) && !traces.isEmpty()) {
      String first = traces.keySet().iterator().next();
      flushWithSession(first);
    }
  }

  /** Rebuilds everything still held; call once when the file ends. */
  void finish() {
    while (!traces.isEmpty()) {
      flushWithSession(traces.keySet().iterator().next());
    }
  }

  private void flushWithSession(String trace) {
    Group first = traces.get(trace);
    List<Group> together = new ArrayList<>();
    if (first.session == null) {
      together.add(traces.remove(trace));
    } else {
      // In order of first arrival: the session's list was filled as its traces were first seen.
      for (String key : bySession.remove(first.session)) {
        Group g = traces.remove(key);
        if (g != null) {
          together.add(g);
        }
      }
    }
    List<RawSpan> spans = new ArrayList<>();
    List<RawLog> logs = new ArrayList<>();
    String session = first.session;
    for (Group g : together) {
      spans.addAll(g.spans);
      logs.addAll(g.logs);
      held -= g.spans.size() + g.logs.size();
      heldChars -= g.chars;
    }
    rebuild(spans, logs, session);
  }

  private void rebuild(List<RawSpan> raw, List<RawLog> logs, String session) {
    Map<String, List<RawLog>> bySpan = new LinkedHashMap<>();
    for (RawLog l : logs) {
      bySpan.computeIfAbsent(l.trace() + "/" + l.span(), k -> new ArrayList<>()).add(l);
    }
    Map<String, Integer> spanAt = new HashMap<>();
    List<RawSpan> all = new ArrayList<>(raw);
    for (int i = 0; i < all.size(); i++) {
      spanAt.putIfAbsent(all.get(i).trace() + "/" + all.get(i).id(), i);
    }
    for (Map.Entry<String, List<RawLog>> e : bySpan.entrySet()) {
      List<RawLog> group = e.getValue();
      List<RawEvent> events = new ArrayList<>();
      group.forEach(l -> events.add(l.event()));
      Integer at = spanAt.get(e.getKey());
      RawLog chosen = null;
      if (at != null) {
        RawSpan s = all.get(at);
        List<RawEvent> merged = new ArrayList<>(s.events());
        merged.addAll(events);
        all.set(at, new RawSpan(s.trace(), s.id(), s.parent(), s.name(), s.start(), s.end(), s.attributes(),
            merged, s.error(), s.statusMessage(), s.order(), s.source()));
      } else {
        for (RawLog l : group) {
          if (chosen == null && "gen_ai.choice".equals(l.event().name())) {
            chosen = l;
          }
        }
        chosen = chosen == null ? group.get(group.size() - 1) : chosen;
        Map<String, com.fasterxml.jackson.databind.JsonNode> attributes = new LinkedHashMap<>();
        for (RawLog l : group) {
          if ("gen_ai.client.inference.operation.details".equals(l.event().name())) {
            attributes.putAll(l.event().attributes());
          }
        }
        if (session != null && !attributes.containsKey("session.id")) {
          attributes.put("session.id", com.fasterxml.jackson.databind.node.TextNode.valueOf(session));
        }
        all.add(new RawSpan(chosen.trace(), chosen.span(), null, null, group.get(0).event().time(),
            null, attributes, events, false, null, chosen.order(), chosen.source()));
      }
      for (RawLog l : group) {
        if (l != chosen) {
          sink.folded(l.source(), TraceRebuilder.FOLDED);
        }
      }
    }
    List<Span> spans = new ArrayList<>();
    for (RawSpan r : all) {
      Span s;
      try {
        s = OtelSpans.span(r);
      } catch (BadRecordException ex) {
        if (OtelSpans.kind(r) == TraceRebuilder.Kind.OTHER) {
          continue;
        }
        sink.quarantine(r.source(), spanLabel(r) + ex.getMessage());
        continue;
      }
      if (s.session() == null && session != null) {
        s = new Span(s.trace(), s.id(), s.parent(), session, s.kind(), s.callType(), s.start(), s.order(),
            s.source(), s.input(), s.output(), s.tools(), s.tool(), s.error(), s.metadata(), s.moreChoices());
      }
      spans.add(s);
    }
    TraceRebuilder.Rebuilt rebuilt = rebuilder.rebuild(spans);
    for (Call c : rebuilt.calls()) {
      sink.accept(c);
    }
    for (SourceRef f : rebuilt.folded()) {
      sink.folded(f, TraceRebuilder.FOLDED);
    }
  }

  private static String spanLabel(RawSpan r) {
    return r.id() == null ? "" : "span " + r.id() + ": ";
  }
}
