package dev.tracemill.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The declarative mapping of the {@code custom} input format: JSON pointers (RFC 6901) that say where
 * a record's parts are. Written in the config file's {@code input} section:
 *
 * <pre>
 * input:
 *   format: custom
 *   records: /simulations     # the array of records inside a JSON document; omit for JSON Lines
 *   messages: /traj           # an OpenAI-style messages array (or a "role: text" transcript string)
 *   tools: /tools             # optional: tool definitions
 *   session: /task_id         # optional: records with the same value are one session
 *   outcome: /reward          # optional: a number, boolean or string
 *   success_when: "&gt;= 1"      # optional: how an outcome value means success
 *   timestamp: /timestamp     # optional: ISO-8601 or epoch seconds/milliseconds
 *   metadata: {trial: /trial} # optional: name -> pointer, copied into unit tags
 * </pre>
 *
 * One extension to RFC 6901: an array index may be negative and counts from the end ({@code -1} is
 * the last element), so {@code /answer_generation/train_messages/-1} picks the last of several
 * conversations.
 *
 * <p>{@code success_when} is {@code OP VALUE} with OP one of {@code >= > <= < == !=} and VALUE a
 * number, {@code true}/{@code false}, or a quoted string ({@code 'ok'}). The comparison holding means
 * SUCCESS, not holding FAILURE; an absent or null outcome is UNKNOWN. Without {@code success_when}: a
 * boolean is itself, a number is SUCCESS at 1 and FAILURE at 0 (other values UNKNOWN), a string is
 * SUCCESS for success/pass/passed/true/ok and FAILURE for failure/fail/failed/false/error.
 */
public record CustomMapping(
    String format,
    String records,
    String messages,
    String tools,
    String session,
    String outcome,
    Condition successWhen,
    String timestamp,
    Map<String, String> metadata) {

  static final Set<String> KEYS = Set.of("format", "records", "messages", "tools", "session", "outcome",
      "success_when", "timestamp", "metadata");

  public CustomMapping {
    requireNonNull(format, "format is null");
    metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Whether this section configures the {@code custom} reader (else it only names a format). */
  public boolean isCustom() {
    return format.equals("custom");
  }

  /**
   * Reads the {@code input} section. Throws {@link IllegalArgumentException} naming the key for an
   * unknown key, a malformed pointer or condition, or a custom format without {@code messages}.
   */
  public static CustomMapping parse(JsonNode section) {
    if (section == null || !section.isObject()) {
      throw new IllegalArgumentException("input: expected a mapping with format and, for format: custom,"
          + " the pointers records, messages, tools, session, outcome, success_when, timestamp, metadata");
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("input: unknown key '" + key + "'. Valid keys: "
            + String.join(", ", List.of("format", "records", "messages", "tools", "session", "outcome",
                "success_when", "timestamp", "metadata")));
      }
    }
    String format = text(section, "format");
    if (format == null) {
      throw new IllegalArgumentException("input.format: expected a format name such as custom");
    }
    format = format.strip();
    String messages = pointer(section, "messages");
    if (format.equals("custom") && messages == null) {
      throw new IllegalArgumentException("input.messages: format custom needs a JSON pointer to the messages"
          + " of a record, for example /messages");
    }
    if (!format.equals("custom") && section.size() > 1) {
      throw new IllegalArgumentException("input: records, messages and the other pointers apply to format"
          + " custom only, not to " + format);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode md = section.get("metadata");
    if (md != null && !md.isNull()) {
      if (!md.isObject()) {
        throw new IllegalArgumentException("input.metadata: expected a mapping of tag name to JSON pointer");
      }
      md.fields().forEachRemaining(e -> {
        if (!e.getValue().isTextual()) {
          throw new IllegalArgumentException("input.metadata." + e.getKey() + ": expected a JSON pointer string");
        }
        metadata.put(e.getKey(), checkPointer(e.getValue().asText(), "input.metadata." + e.getKey()));
      });
    }
    String when = text(section, "success_when");
    return new CustomMapping(format, pointer(section, "records"), messages, pointer(section, "tools"),
        pointer(section, "session"), pointer(section, "outcome"), when == null ? null : Condition.parse(when),
        pointer(section, "timestamp"), metadata);
  }

  private static String text(JsonNode section, String key) {
    JsonNode v = section.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("input." + key + ": expected a string");
    }
    return v.asText();
  }

  private static String pointer(JsonNode section, String key) {
    String p = text(section, key);
    return p == null ? null : checkPointer(p, "input." + key);
  }

  private static String checkPointer(String p, String where) {
    if (!p.isEmpty() && !p.startsWith("/")) {
      throw new IllegalArgumentException(where + ": a JSON pointer starts with / (RFC 6901), got '" + p + "'");
    }
    return p;
  }

  /**
   * The value at {@code pointer} in {@code root}, or null when any step is missing. A negative array
   * index counts from the end.
   */
  public static JsonNode at(JsonNode root, String pointer) {
    JsonNode node = root;
    if (pointer.isEmpty()) {
      return node;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (node == null) {
        return null;
      }
      if (node.isObject()) {
        node = node.get(token);
      } else if (node.isArray()) {
        int i;
        try {
          i = Integer.parseInt(token);
        } catch (NumberFormatException e) {
          return null;
        }
        node = node.get(i < 0 ? node.size() + i : i);
      } else {
        return null;
      }
    }
    return node == null || node.isMissingNode() ? null : node;
  }

  /** What an outcome value means: the condition when set, else the defaults of the class comment. */
  public Outcome outcomeOf(JsonNode v) {
    if (v == null || v.isNull()) {
      return Outcome.UNKNOWN;
    }
    if (successWhen != null) {
      Boolean holds = successWhen.test(v);
      return holds == null ? Outcome.UNKNOWN : holds ? Outcome.SUCCESS : Outcome.FAILURE;
    }
    if (v.isBoolean()) {
      return v.asBoolean() ? Outcome.SUCCESS : Outcome.FAILURE;
    }
    if (v.isNumber()) {
      double d = v.asDouble();
      return d == 1 ? Outcome.SUCCESS : d == 0 ? Outcome.FAILURE : Outcome.UNKNOWN;
    }
    if (v.isTextual()) {
      String s = v.asText().strip().toLowerCase(Locale.ROOT);
      if (Set.of("success", "succeeded", "pass", "passed", "true", "ok").contains(s)) {
        return Outcome.SUCCESS;
      }
      if (Set.of("failure", "failed", "fail", "false", "error").contains(s)) {
        return Outcome.FAILURE;
      }
    }
    return Outcome.UNKNOWN;
  }

  /** {@code OP VALUE}: a comparison of the outcome value with a constant. */
  public record Condition(String op, JsonNode value) {
    private static final List<String> OPS = List.of(">=", "<=", "!=", "==", ">", "<");

    static Condition parse(String text) {
      String s = text.strip();
      for (String op : OPS) {
        if (s.startsWith(op)) {
          String rest = s.substring(op.length()).strip();
          JsonNode value;
          if ((rest.startsWith("'") && rest.endsWith("'") || rest.startsWith("\"") && rest.endsWith("\""))
              && rest.length() >= 2) {
            value = Json.NODES.textNode(rest.substring(1, rest.length() - 1));
          } else if (rest.equals("true") || rest.equals("false")) {
            value = Json.NODES.booleanNode(rest.equals("true"));
          } else {
            try {
              value = Json.NODES.numberNode(new BigDecimal(rest));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("input.success_when: expected a number, true, false or a quoted"
                  + " string after " + op + ", got '" + rest + "'");
            }
          }
          if (!value.isNumber() && !op.equals("==") && !op.equals("!=")) {
            throw new IllegalArgumentException("input.success_when: " + op + " compares numbers only");
          }
          return new Condition(op, value);
        }
      }
      throw new IllegalArgumentException("input.success_when: expected OP VALUE with OP one of "
          + String.join(" ", OPS) + " (for example \">= 1\" or \"== 'ok'\"), got '" + text + "'");
    }

    /** Whether {@code v} satisfies the condition; null when the two cannot be compared. */
    Boolean test(JsonNode v) {
      if (value.isNumber()) {
        BigDecimal x;
        if (v.isNumber()) {
          x = v.decimalValue();
        } else if (v.isBoolean()) {
          x = v.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
        } else {
          return null;
        }
        int c = x.compareTo(value.decimalValue());
        return switch (op) {
          case ">=" -> c >= 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          case "<" -> c < 0;
          case "==" -> c == 0;
          default -> c != 0;
        };
      }
      boolean equal = value.isBoolean()
          ? v.isBoolean() && v.asBoolean() == value.asBoolean()
          : v.isValueNode() && v.asText().equals(value.asText());
      if (value.isBoolean() && !v.isBoolean()) {
        return null;
      }
      return op.equals("==") == equal;
    }
  }

  /** The names of the metadata tags this mapping copies, in the order written. */
  public List<String> metadataNames() {
    return new ArrayList<>(metadata.keySet());
  }
}
