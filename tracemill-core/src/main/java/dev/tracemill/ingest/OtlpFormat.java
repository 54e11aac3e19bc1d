package dev.tracemill.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.ingest.OtelSpans.RawEvent;
import dev.tracemill.ingest.OtelSpans.RawSpan;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * OTLP/JSON exports: the OpenTelemetry Collector's file exporter (one {@code ExportTraceServiceRequest}
 * or {@code ExportLogsServiceRequest} per line) or such requests as documents. Spans are
 * {@code resourceSpans[].scopeSpans[].spans[]} with hex ids, int64 times as strings and
 * {@code AnyValue} attributes; log records are {@code resourceLogs[].scopeLogs[].logRecords[]}.
 * What a span says is read by {@link OtelSpans} (GenAI semantic conventions, OpenInference, Vercel AI
 * SDK); the spans of a trace, and the traces of a session, are rebuilt into trajectories by
 * {@link TraceRebuilder} through {@link TraceBuffer}.
 *
 * <p><b>Records:</b> every model call ({@code chat}...), tool ({@code execute_tool}) and agent
 * ({@code invoke_agent}) span, and every GenAI event log record. Other spans (HTTP, database, chains)
 * only give the trace its shape and are not records. A record is accepted as the call of its
 * trajectory, folded into one ({@code part_of_a_rebuilt_trace}) or quarantined (malformed content,
 * a model call whose content was not captured). A document is read whole, so it must fit in
 * {@link ReadOptions#maxRecordBytes()}; a line that does not parse is quarantined as one record.
 */
public final class OtlpFormat implements LogFormat {
  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public String description() {
    return "OTLP/JSON traces and GenAI event logs; each trace rebuilt into agent trajectories";
  }

  @Override
  public int sniff(Sample sample) {
    if (!sample.looksLikeJson()) {
      return 0;
    }
    String head = sample.head();
    return head.contains("\"resourceSpans\"") || head.contains("\"resourceLogs\"") ? 90 : 0;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    read(file, options, sink, new TraceBuffer(sink));
  }

  static void read(InputFile file, ReadOptions options, RecordSink sink, TraceBuffer buffer) throws IOException {
    if (isJsonLines(file, options)) {
      JsonLines.forEachLine(file, options, sink,
          (node, where) -> new Walk(file.name(), n -> where.line(), sink, buffer).root(node, where));
    } else {
      readDocument(file, options, sink, (root, lines) ->
          new Walk(file.name(), n -> lines.getOrDefault(n, 1L), sink, buffer)
              .root(root, new SourceRef(file.name(), lines.getOrDefault(root, 1L))));
    }
    buffer.finish();
  }

  /**
   * True when the first non-blank line is a whole JSON value, too long to be a document's head, or a
   * broken line that starts like a JSON Lines record ({@code {"} with its first key on the line; a
   * pretty printer puts a lone {@code {} there), so that a truncated first line costs one record, not
   * the file.
   */
  static boolean isJsonLines(InputFile file, ReadOptions options) throws IOException {
    if (LangSmithFormat.isJsonLines(file, options)) {
      return true;
    }
    try (InputStream in = file.open()) {
      LineReader lines = new LineReader(in, options.maxRecordBytes());
      LineReader.Line line;
      while ((line = lines.next()) != null) {
        if (!line.isBlank()) {
          String text = new String(line.bytes(), 0, line.length(), java.nio.charset.StandardCharsets.UTF_8).strip();
          return text.startsWith("{\"") && text.length() > 2 && text.indexOf('"', 2) > 0;
        }
      }
      return false;
    }
  }

  interface DocumentHandler {
    void handle(JsonNode root, Map<JsonNode, Long> lines);
  }

  /** Parses a whole document, remembering where each object starts; malformed input is one quarantine. */
  static void readDocument(InputFile file, ReadOptions options, RecordSink sink, DocumentHandler handler)
      throws IOException {
    byte[] bytes;
    try (InputStream in = file.open()) {
      bytes = in.readNBytes(options.maxRecordBytes() + 1);
    }
    if (bytes.length > options.maxRecordBytes()) {
      sink.quarantine(new SourceRef(file.name(), 1), "document is longer than the limit of "
          + options.maxRecordBytes() + " bytes; a trace document is read whole, so raise"
          + " --max-record-bytes or export JSON Lines (one request or span per line)");
      return;
    }
    // Several documents one after another (console exporters print one pretty-printed span each) are
    // read in turn; a syntax error ends the file there, as one quarantine.
    try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
      while (p.nextToken() != null) {
        Map<JsonNode, Long> lines = new IdentityHashMap<>();
        JsonNode root = LangSmithFormat.value(p, lines);
        handler.handle(root, lines);
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      sink.quarantine(new SourceRef(file.name(), line), JsonLines.parseFailure(e, false)
          + " (the rest of the document was not read)");
    }
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

    void root(JsonNode root, SourceRef where) {
      if (root.isArray()) {
        for (JsonNode r : root) {
          root(r, at(r));
        }
        return;
      }
      if (!root.isObject() || !(root.has("resourceSpans") || root.has("resourceLogs"))) {
        sink.quarantine(where, "expected an OTLP export request with resourceSpans or resourceLogs, found "
            + (root.isObject() ? "an object without them" : JsonLines.describe(root)));
        return;
      }
      for (JsonNode rs : elements(root, "resourceSpans", where)) {
        for (JsonNode ss : scoped(rs, "scopeSpans", "instrumentationLibrarySpans")) {
          for (JsonNode span : elements(ss, "spans", where)) {
            span(span);
          }
        }
      }
      for (JsonNode rl : elements(root, "resourceLogs", where)) {
        for (JsonNode sl : scoped(rl, "scopeLogs", "instrumentationLibraryLogs")) {
          for (JsonNode log : elements(sl, "logRecords", where)) {
            log(log);
          }
        }
      }
    }

    private static List<JsonNode> scoped(JsonNode parent, String field, String legacy) {
      List<JsonNode> out = new ArrayList<>();
      for (String f : new String[] {field, legacy}) {
        JsonNode v = parent.get(f);
        if (v != null && v.isArray()) {
          v.forEach(out::add);
        }
      }
      return out;
    }

    private List<JsonNode> elements(JsonNode parent, String field, SourceRef where) {
      JsonNode v = parent.get(field);
      List<JsonNode> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isArray()) {
        sink.quarantine(where, field + ": expected an array, found " + JsonLines.describe(v));
        return out;
      }
      v.forEach(out::add);
      return out;
    }

    private void span(JsonNode s) {
      SourceRef where = at(s);
      if (!s.isObject()) {
        sink.quarantine(where, "expected a span object, found " + JsonLines.describe(s));
        return;
      }
      try {
        JsonNode status = s.path("status");
        JsonNode code = status.path("code");
        boolean error = code.asInt(0) == 2 || "STATUS_CODE_ERROR".equals(code.asText());
        List<RawEvent> events = new ArrayList<>();
        for (JsonNode e : s.path("events")) {
          events.add(new RawEvent(Json.text(e, "name"), attributes(e.get("attributes"), "events.attributes"),
              null, time(e.get("timeUnixNano"))));
        }
        buffer.add(new RawSpan(id(s.get("traceId")), id(s.get("spanId")), id(s.get("parentSpanId")),
            Json.text(s, "name"), time(s.get("startTimeUnixNano")), time(s.get("endTimeUnixNano")),
            attributes(s.get("attributes"), "attributes"), events, error, Json.text(status, "message"),
            buffer.nextOrder(), where));
      } catch (BadRecordException e) {
        sink.quarantine(where, e.getMessage());
      }
    }

    private void log(JsonNode r) {
      SourceRef where = at(r);
      if (!r.isObject()) {
        sink.quarantine(where, "expected a log record object, found " + JsonLines.describe(r));
        return;
      }
      try {
        Map<String, JsonNode> attributes = attributes(r.get("attributes"), "attributes");
        String name = Json.text(r, "eventName");
        if (name == null || name.isEmpty()) {
          name = OtelSpans.text(attributes, "event.name");
        }
        if (name == null || !name.startsWith("gen_ai.")) {
          return; // An application log line, not a GenAI event: not a record.
        }
        JsonNode body = r.has("body") ? anyValue(r.get("body"), "body") : null;
        Instant time = time(r.get("timeUnixNano"));
        buffer.add(new TraceBuffer.RawLog(id(r.get("traceId")), id(r.get("spanId")),
            new RawEvent(name, attributes, body, time), buffer.nextOrder(), where));
      } catch (BadRecordException e) {
        sink.quarantine(where, e.getMessage());
      }
    }
  }

  /** {@code [{key, value: AnyValue}]} as a map of dotted keys to plain JSON values. */
  static Map<String, JsonNode> attributes(JsonNode list, String path) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new BadRecordException(path + ": expected an array of {key, value}, found " + JsonLines.describe(list));
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode kv = list.get(i);
      String key = Json.text(kv, "key");
      if (key == null) {
        throw new BadRecordException(path + "[" + i + "].key: expected a string");
      }
      out.put(key, anyValue(kv.get("value"), path + "[" + i + "].value"));
    }
    return out;
  }

  /** An OTLP {@code AnyValue} as plain JSON; int64 values written as strings become numbers. */
  static JsonNode anyValue(JsonNode v, String path) {
    if (v == null || v.isNull() || (v.isObject() && v.isEmpty())) {
      return Json.NODES.nullNode();
    }
    if (!v.isObject()) {
      return v; // Some exporters write plain JSON values.
    }
    if (v.has("stringValue")) {
      return Json.NODES.textNode(v.get("stringValue").asText());
    }
    if (v.has("boolValue")) {
      return Json.NODES.booleanNode(v.get("boolValue").asBoolean());
    }
    if (v.has("intValue")) {
      JsonNode i = v.get("intValue");
      if (i.isIntegralNumber()) {
        return i;
      }
      try {
        return Json.NODES.numberNode(new BigInteger(i.asText().strip()).longValueExact());
      } catch (ArithmeticException | NumberFormatException e) {
        throw new BadRecordException(path + ".intValue: expected an int64, found " + JsonLines.describe(i));
      }
    }
    if (v.has("doubleValue")) {
      JsonNode d = v.get("doubleValue");
      return d.isNumber() ? d : Json.NODES.numberNode(parseDouble(d, path));
    }
    if (v.has("bytesValue")) {
      return Json.NODES.textNode(v.get("bytesValue").asText());
    }
    if (v.has("arrayValue")) {
      ArrayNode out = Json.array();
      JsonNode values = v.path("arrayValue").path("values");
      for (int i = 0; i < values.size(); i++) {
        out.add(anyValue(values.get(i), path + ".arrayValue.values[" + i + "]"));
      }
      return out;
    }
    if (v.has("kvlistValue")) {
      ObjectNode out = Json.object();
      JsonNode values = v.path("kvlistValue").path("values");
      for (int i = 0; i < values.size(); i++) {
        JsonNode kv = values.get(i);
        String key = Json.text(kv, "key");
        if (key != null) {
          out.set(key, anyValue(kv.get("value"), path + ".kvlistValue.values[" + i + "].value"));
        }
      }
      return out;
    }
    throw new BadRecordException(path + ": expected an AnyValue (stringValue, intValue, ...), found an object"
        + " without one");
  }

  private static double parseDouble(JsonNode d, String path) {
    try {
      return Double.parseDouble(d.asText());
    } catch (NumberFormatException e) {
      throw new BadRecordException(path + ".doubleValue: expected a number");
    }
  }

  /** Epoch nanoseconds (a string or a number) as an instant; null when absent or zero. */
  static Instant time(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      BigInteger nanos = v.isIntegralNumber() ? v.bigIntegerValue() : new BigInteger(v.asText().strip());
      if (nanos.signum() <= 0) {
        return null;
      }
      BigInteger[] qr = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
      return Instant.ofEpochSecond(qr[0].longValueExact(), qr[1].longValue());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new BadRecordException("expected a time in Unix nanoseconds, found " + JsonLines.describe(v));
    }
  }

  private static final java.util.regex.Pattern ZEROS = java.util.regex.Pattern.compile("0+");
  private static final java.util.regex.Pattern HEX_ID =
      java.util.regex.Pattern.compile("[0-9a-fA-F]{16}|[0-9a-fA-F]{32}");
  private static final java.util.regex.Pattern BASE64_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9+/]{11}=|[A-Za-z0-9+/]{22}==");

  /** A trace or span id as lower-case hex: OTLP/JSON writes hex; protobuf's JSON mapping writes base64. */
  static String id(JsonNode v) {
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      return null;
    }
    String s = v.asText();
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    if (ZEROS.matcher(s).matches()) {
      return null;
    }
    if (HEX_ID.matcher(s).matches()) {
      return s.toLowerCase(java.util.Locale.ROOT);
    }
    if (BASE64_ID.matcher(s).matches()) {
      return HexFormat.of().formatHex(Base64.getDecoder().decode(s));
    }
    return s;
  }
}
