package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Redacts JSON values (tool-call arguments, tool results that parse as JSON) so that they stay valid
 * JSON of the same structure.
 *
 * <p>Each string value is scanned with {@code ScanContext(where, key)}, the key being the name of the
 * field that holds it (for an array element, the field that holds the array; null at the top level),
 * so that detectors can use it ({@code "ssn": "..."}). Field names are scanned too, as free text: a map
 * keyed by e-mail address must not keep the addresses.
 *
 * <p>Integer numbers are scanned through their decimal text, so that a phone or card number stored as
 * a number is found. A redacted number is written back as a number when its replacement is still a
 * plain integer (a phone or card surrogate: digits for digits, same count), and as a string otherwise
 * (a tag, {@code [REDACTED]}): the JSON stays valid and the value's type changes only when it must.
 * Fractions, booleans and null are left alone.
 */
public final class JsonRedactor {
  private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]*)");

  private final List<Detector> detectors;
  /** The spans of every detector in a text; {@link #spans} unless the caller caches them. */
  private final BiFunction<String, ScanContext, List<Span>> scan;
  private final Redactor redactor;

  public JsonRedactor(DetectorSet detectors, Redactor redactor) {
    this.detectors = requireNonNull(detectors, "detectors is null").detectors();
    this.scan = this::spans;
    this.redactor = requireNonNull(redactor, "redactor is null");
  }

  /**
   * A redactor that asks {@code scan} for the spans of every detector of {@code detectors} in a text
   * (the privacy stage passes its cache of recent detections: applications send the same tool schemas
   * with every call).
   */
  JsonRedactor(DetectorSet detectors, BiFunction<String, ScanContext, List<Span>> scan, Redactor redactor) {
    this.detectors = requireNonNull(detectors, "detectors is null").detectors();
    this.scan = requireNonNull(scan, "scan is null");
    this.redactor = requireNonNull(redactor, "redactor is null");
  }

  /**
   * A redacted copy of {@code value}; {@code value} is not changed. Counts, drop reasons and audit
   * pairs go to {@code ctx}.
   */
  public JsonNode redact(JsonNode value, Where where, RedactionContext ctx) {
    requireNonNull(value, "value is null");
    requireNonNull(where, "where is null");
    requireNonNull(ctx, "ctx is null");
    return walk(value, null, where, ctx);
  }

  /**
   * {@code json} with its string values, field names and integers redacted in place, every other
   * character (spacing, order, escapes of unchanged strings) kept; or null when {@code json} is not
   * one JSON value, so that the caller redacts it as plain text instead.
   */
  public String redactText(String json, Where where, RedactionContext ctx) {
    requireNonNull(json, "json is null");
    requireNonNull(where, "where is null");
    requireNonNull(ctx, "ctx is null");
    if (Json.tryParse(json) == null) {
      return null;
    }
    List<int[]> ranges = new ArrayList<>();
    List<String> replacements = new ArrayList<>();
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      // Per open container: the key its values are scanned under.
      Deque<String[]> frames = new ArrayDeque<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        String[] frame = frames.peek();
        int start = (int) p.currentTokenLocation().getCharOffset();
        switch (t) {
          case START_OBJECT -> frames.push(new String[] {null, "object"});
          case START_ARRAY -> frames.push(new String[] {frame == null ? null : frame[0], "array"});
          case END_OBJECT, END_ARRAY -> frames.pop();
          case FIELD_NAME -> {
            String name = p.currentName();
            frame[0] = name;
            String redacted = redactString(name, new ScanContext(where, null), ctx);
            if (!redacted.equals(name)) {
              ranges.add(new int[] {start, stringEnd(json, start)});
              replacements.add(Json.write(Json.NODES.textNode(redacted)));
            }
          }
          case VALUE_STRING -> {
            String value = p.getText();
            String redacted = redactString(value, new ScanContext(where, frame == null ? null : frame[0]), ctx);
            if (!redacted.equals(value)) {
              ranges.add(new int[] {start, stringEnd(json, start)});
              replacements.add(Json.write(Json.NODES.textNode(redacted)));
            }
          }
          case VALUE_NUMBER_INT -> {
            String digits = p.getText();
            String redacted = redactString(digits, new ScanContext(where, frame == null ? null : frame[0]), ctx);
            if (!redacted.equals(digits)) {
              ranges.add(new int[] {start, start + digits.length()});
              replacements.add(INTEGER.matcher(redacted).matches() ? redacted
                  : Json.write(Json.NODES.textNode(redacted)));
            }
          }
          default -> {
            // Fractions, booleans and null hold no personal data.
          }
        }
      }
    } catch (IOException e) {
      return null;
    }
    StringBuilder out = new StringBuilder(json);
    for (int i = ranges.size() - 1; i >= 0; i--) {
      out.replace(ranges.get(i)[0], ranges.get(i)[1], replacements.get(i));
    }
    return out.toString();
  }

  /** {@code node} redacted as a JSON value whose strings are scanned under {@code key}; see the class comment. */
  JsonNode walk(JsonNode node, String key, Where where, RedactionContext ctx) {
    if (node.isObject()) {
      ObjectNode out = Json.object();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String name = redactString(f.getKey(), new ScanContext(where, null), ctx);
        String unique = name;
        for (int n = 2; !unique.equals(f.getKey()) && out.has(unique); n++) {
          unique = name + "_" + n;
        }
        out.set(unique, walk(f.getValue(), f.getKey(), where, ctx));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      for (JsonNode item : node) {
        out.add(walk(item, key, where, ctx));
      }
      return out;
    }
    if (node.isTextual()) {
      String redacted = redactString(node.textValue(), new ScanContext(where, key), ctx);
      return redacted.equals(node.textValue()) ? node : Json.NODES.textNode(redacted);
    }
    if (node.isIntegralNumber()) {
      String digits = node.bigIntegerValue().toString();
      String redacted = redactString(digits, new ScanContext(where, key), ctx);
      if (redacted.equals(digits)) {
        return node;
      }
      if (!INTEGER.matcher(redacted).matches()) {
        return Json.NODES.textNode(redacted);
      }
      // The node type the parser would give the same text, so both walks agree.
      BigInteger value = new BigInteger(redacted);
      return value.bitLength() < 32 ? Json.NODES.numberNode(value.intValue())
          : value.bitLength() < 64 ? Json.NODES.numberNode(value.longValue()) : Json.NODES.numberNode(value);
    }
    return node;
  }

  /** {@code text} with the spans of every detector replaced; the same instance when none is found. */
  String redactString(String text, ScanContext context, RedactionContext ctx) {
    if (text.isEmpty()) {
      return text;
    }
    List<Span> spans = scan.apply(text, context);
    return spans.isEmpty() ? text : redactor.redact(text, spans, ctx).text();
  }

  private List<Span> spans(String text, ScanContext context) {
    List<Span> spans = new ArrayList<>();
    for (Detector d : detectors) {
      spans.addAll(d.detect(text, context));
    }
    return spans;
  }

  /** The end of the JSON string token that opens at {@code start} (just past its closing quote). */
  private static int stringEnd(String json, int start) {
    int i = start + 1;
    while (json.charAt(i) != '"') {
      i += json.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  @Override
  public String toString() {
    return "JsonRedactor[" + detectors.size() + " detectors, " + redactor + "]";
  }
}
