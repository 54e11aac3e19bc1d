package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.ingest.OtelSpans.RawEvent;
import dev.tracemill.ingest.OtelSpans.RawSpan;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Spans as plain JSON objects rather than OTLP: OpenInference exports (Phoenix, Arize), the
 * OpenTelemetry JS SDK's {@code ReadableSpan} JSON (Vercel AI SDK captures), or bare attribute maps as
 * instrumentation tests write them. A file is one span, an array of spans, an object with a
 * {@code spans} or {@code data} array, JSON Lines of any of these, or pretty-printed spans one after
 * another (the OpenTelemetry Python {@code ConsoleSpanExporter}: {@code context.trace_id} as
 * {@code 0x...} hex, {@code status.status_code}, ISO times).
 *
 * <p>A span's attributes are its {@code attributes} object (dotted keys, or nested objects as Phoenix
 * writes them, which are flattened to dotted keys), an OTLP {@code [{key, value}]} list, or, when it
 * has no {@code attributes}, the object's own keys. Ids come from {@code spanContext}/{@code context}
 * ({@code spanId}/{@code span_id}, {@code traceId}/{@code trace_id}) or top-level fields; the parent
 * from {@code parentSpanId}, {@code parent_id} or {@code parentSpanContext}; times from
 * {@code startTime} ({@code [seconds, nanos]}), {@code start_time} (ISO-8601) or
 * {@code startTimeUnixNano}. What the attributes say is read by {@link OtelSpans} and the spans are
 * rebuilt into trajectories as {@link OtlpFormat} does; records are counted the same way.
 */
public final class OpenInferenceFormat implements LogFormat {
  private static final Set<String> SPAN_KEYS = Set.of("name", "spanContext", "context", "span_id", "spanId",
      "trace_id", "traceId", "parent_id", "parentId", "parentSpanId", "parent_span_id", "parentSpanContext",
      "startTime", "endTime", "start_time", "end_time", "status", "status_code", "status_message", "events",
      "kind", "span_kind", "resource", "instrumentationLibrary", "instrumentationScope", "links", "duration",
      "ended", "droppedAttributesCount", "droppedEventsCount", "droppedLinksCount", "conversation");

  @Override
  public String name() {
    return "openinference";
  }

  @Override
  public String description() {
    return "Span JSON (OpenInference/Phoenix, OTel JS and Vercel AI SDK spans); traces rebuilt";
  }

  @Override
  public int sniff(Sample sample) {
    if (!sample.looksLikeJson()) {
      return 0;
    }
    String head = sample.head();
    if (head.contains("\"openinference.span.kind\"") || head.contains("\"llm.input_messages")
        || head.contains("\"openinference\"")) {
      return 80;
    }
    boolean spanShaped = head.contains("\"spanContext\"") || head.contains("\"span_id\"")
        || head.contains("\"spanId\"");
    if (spanShaped && (head.contains("\"ai.operationId\"") || head.contains("\"gen_ai."))) {
      return 75;
    }
    if (head.contains("\"gen_ai.operation.name\"") || head.contains("\"gen_ai.input.messages\"")
        || head.contains("\"gen_ai.prompt\"")) {
      return 60;
    }
    return 0;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    TraceBuffer buffer = new TraceBuffer(sink);
    if (OtlpFormat.isJsonLines(file, options)) {
      JsonLines.forEachLine(file, options, sink,
          (node, where) -> new Walk(file.name(), n -> where.line(), sink, buffer).root(node));
    } else {
      OtlpFormat.readDocument(file, options, sink, (root, lines) ->
          new Walk(file.name(), n -> lines.getOrDefault(n, 1L), sink, buffer).root(root));
    }
    buffer.finish();
  }

  private static final class Walk {
    private final String file;
    private final ToLongFunction<JsonNode> lineOf;
    private final RecordSink sink;
    private final TraceBuffer buffer;

    Walk(String file, ToLongFunction<JsonNode> lineOf, RecordSink sink, TraceBuffer buffer) {
      this.file = file;
      this.lineOf = lineOf;
      this.sink = sink;
      this.buffer = buffer;
    }

    private SourceRef at(JsonNode node) {
      return new SourceRef(file, lineOf.applyAsLong(node));
    }

    void root(JsonNode root) {
      if (root.isArray()) {
        for (JsonNode s : root) {
          span(s);
        }
      } else if (root.isObject() && (root.path("spans").isArray() || root.path("data").isArray())) {
        root(root.path("spans").isArray() ? root.get("spans") : root.get("data"));
      } else {
        span(root);
      }
    }

    private void span(JsonNode s) {
      SourceRef where = at(s);
      if (!s.isObject()) {
        sink.quarantine(where, "expected a span object, found " + JsonLines.describe(s));
        return;
      }
      try {
        Map<String, JsonNode> attributes = attributes(s);
        if (OtelSpans.kind(new RawSpan(null, null, null, null, null, null, attributes, List.of(), false, null,
            0, where)) == TraceRebuilder.Kind.OTHER && !hasIds(s)) {
          sink.quarantine(where, "expected a span: an object with attributes (gen_ai.*, llm.*,"
              + " openinference.span.kind, ai.*) and ids, found an object with neither");
          return;
        }
        JsonNode ctx = s.path("spanContext").isObject() ? s.get("spanContext") : s.path("context");
        String trace = OtlpFormat.id(first(ctx, s, "traceId", "trace_id"));
        String id = OtlpFormat.id(first(ctx, s, "spanId", "span_id"));
        JsonNode parentCtx = s.path("parentSpanContext");
        String parent = OtlpFormat.id(parentCtx.isObject() ? parentCtx.get("spanId")
            : first(null, s, "parentSpanId", "parent_id", "parentId", "parent_span_id"));
        JsonNode status = s.path("status");
        String code = status.path("code").asText(status.path("status_code").asText(s.path("status_code").asText("")));
        boolean error = code.equals("2") || code.equalsIgnoreCase("ERROR") || code.equals("STATUS_CODE_ERROR");
        String message = status.path("message").isTextual() ? status.get("message").asText()
            : status.path("description").isTextual() ? status.get("description").asText()
            : s.path("status_message").isTextual() ? s.get("status_message").asText() : null;
        List<RawEvent> events = new ArrayList<>();
        for (JsonNode e : s.path("events")) {
          JsonNode a = e.get("attributes");
          Map<String, JsonNode> ea = a != null && a.isArray() ? OtlpFormat.attributes(a, "events.attributes")
              : flat(a);
          events.add(new RawEvent(Json.text(e, "name"), ea, null, time(e, "time", "timestamp", "timeUnixNano")));
        }
        buffer.add(new RawSpan(trace, id, parent, Json.text(s, "name"),
            time(s, "startTime", "start_time", "startTimeUnixNano"), time(s, "endTime", "end_time", "endTimeUnixNano"),
            attributes, events, error, message, buffer.nextOrder(), where));
      } catch (BadRecordException e) {
        sink.quarantine(where, e.getMessage());
      }
    }

    private static boolean hasIds(JsonNode s) {
      return s.has("spanContext") || s.has("context") || s.has("span_id") || s.has("spanId");
    }
  }

  private static JsonNode first(JsonNode ctx, JsonNode s, String... fields) {
    for (String f : fields) {
      if (ctx != null && ctx.hasNonNull(f)) {
        return ctx.get(f);
      }
    }
    for (String f : fields) {
      if (s.hasNonNull(f)) {
        return s.get(f);
      }
    }
    return null;
  }

  private static Map<String, JsonNode> attributes(JsonNode s) {
    JsonNode a = s.get("attributes");
    if (a != null && a.isArray()) {
      return OtlpFormat.attributes(a, "attributes");
    }
    if (a != null && a.isObject()) {
      return flat(a);
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    s.fields().forEachRemaining(e -> {
      if (!SPAN_KEYS.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    });
    return flat(Json.MAPPER.valueToTree(out));
  }

  /** Nested objects (and arrays of objects) as dotted keys; scalars and arrays of scalars kept. */
  static Map<String, JsonNode> flat(JsonNode node) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(e.getKey(), e.getValue(), out));
    }
    return out;
  }

  private static void flatten(String key, JsonNode v, Map<String, JsonNode> out) {
    if (v.isObject() && !v.isEmpty()) {
      v.fields().forEachRemaining(e -> flatten(key + "." + e.getKey(), e.getValue(), out));
    } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()
        && !key.startsWith("gen_ai.") && !key.startsWith("ai.")) {
      for (int i = 0; i < v.size(); i++) {
        flatten(key + "." + i, v.get(i), out);
      }
    } else {
      out.put(key, v);
    }
  }

  private static Instant time(JsonNode s, String... fields) {
    for (String f : fields) {
      JsonNode v = s.get(f);
      if (v == null || v.isNull()) {
        continue;
      }
      if (v.isArray() && v.size() == 2) {
        return Instant.ofEpochSecond(v.get(0).asLong(), v.get(1).asLong());
      }
      if (v.isTextual() && !v.asText().matches("\\d+")) {
        try {
          return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
          try {
            return Instant.parse(v.asText() + "Z");
          } catch (DateTimeParseException e2) {
            throw new BadRecordException(f + ": expected an ISO-8601 time");
          }
        }
      }
      return OtlpFormat.time(v);
    }
    return null;
  }
}
