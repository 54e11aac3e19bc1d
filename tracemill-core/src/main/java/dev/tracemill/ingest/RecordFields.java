package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Usage;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Typed access to the fields that several log shapes share (timestamps, token usage, session ids,
 * errors). Every method takes the JSON path of the field for its error messages and throws
 * {@link BadRecordException} when a present field has the wrong type; absent and null fields read as
 * null. Messages never quote values.
 */
final class RecordFields {
  /** The message of the error event added when a request was logged without any response. */
  static final String NO_RESPONSE = "the log holds no response for this request";

  private RecordFields() {}

  /** {@code meta} with one more attribute. */
  static EventMeta withAttribute(EventMeta meta, String key, String value) {
    java.util.Map<String, String> attributes = new java.util.TreeMap<>(meta.attributes());
    attributes.put(key, value);
    return new EventMeta(meta.session(), meta.trace(), meta.span(), meta.parent(), meta.timestamp(),
        meta.model(), meta.usage(), meta.latencyMs(), meta.source(), attributes);
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** A string field, null when absent or null. */
  static String text(JsonNode parent, String field, String path) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadRecordException(join(path, field) + ": expected a string, found " + JsonLines.describe(v));
    }
    return v.asText();
  }

  /** An identifier: a string or an integer (written as text), null when absent or null. */
  static String id(JsonNode parent, String field, String path) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual() || v.isIntegralNumber()) {
      return v.asText();
    }
    throw new BadRecordException(join(path, field) + ": expected a string or an integer id, found "
        + JsonLines.describe(v));
  }

  /** An object field, null when absent or null. */
  static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new BadRecordException(join(path, field) + ": expected an object, found " + JsonLines.describe(v));
    }
    return v;
  }

  /** An array field, null when absent or null. */
  static JsonNode array(JsonNode parent, String field, String path) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new BadRecordException(join(path, field) + ": expected an array, found " + JsonLines.describe(v));
    }
    return v;
  }

  /** A whole number of milliseconds (fractions are truncated), null when absent or null. */
  static Long millis(JsonNode parent, String field, String path) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() < 0) {
      throw new BadRecordException(join(path, field) + ": expected a non-negative number of milliseconds, found "
          + JsonLines.describe(v));
    }
    return v.longValue();
  }

  /**
   * A point in time: an ISO-8601 string (with or without offset; no offset means UTC; a space instead
   * of {@code T} is accepted) or an epoch number, read as seconds below 10^11 and as milliseconds above.
   */
  static Instant instant(JsonNode parent, String field, String path) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      double d = v.asDouble();
      if (d < 0) {
        throw new BadRecordException(join(path, field) + ": expected a non-negative epoch time");
      }
      return d < 1e11
          ? Instant.ofEpochMilli(Math.round(d * 1000))
          : Instant.ofEpochMilli(v.longValue());
    }
    if (!v.isTextual()) {
      throw new BadRecordException(join(path, field) + ": expected an ISO-8601 date-time or an epoch number, found "
          + JsonLines.describe(v));
    }
    String s = v.asText().strip();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + "T" + s.substring(11);
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e2) {
        throw new BadRecordException(join(path, field) + ": expected an ISO-8601 date-time");
      }
    }
  }

  /**
   * Token usage from an OpenAI {@code usage} object ({@code prompt_tokens}, {@code completion_tokens},
   * {@code total_tokens}) or the {@code input_tokens}/{@code output_tokens} spelling (Responses API,
   * LangChain {@code usage_metadata}); null when absent.
   */
  static Usage usage(JsonNode parent, String field, String path) {
    JsonNode u = object(parent, field, path);
    if (u == null) {
      return null;
    }
    String p = join(path, field);
    Long in = count(u, u.has("prompt_tokens") ? "prompt_tokens" : "input_tokens", p);
    Long out = count(u, u.has("completion_tokens") ? "completion_tokens" : "output_tokens", p);
    Long total = count(u, "total_tokens", p);
    Usage usage = new Usage(in, out, total);
    return usage.isUnknown() ? null : usage;
  }

  private static Long count(JsonNode u, String field, String path) {
    JsonNode v = u.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw new BadRecordException(join(path, field) + ": expected a non-negative integer, found "
          + JsonLines.describe(v));
    }
    return v.asLong();
  }

  /**
   * The first of {@code session_id}, {@code conversation_id}, {@code thread_id} found on {@code node}
   * (each a string or an integer), or null.
   */
  static String session(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      return null;
    }
    for (String field : new String[] {"session_id", "conversation_id", "thread_id"}) {
      String s = id(node, field, path);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /**
   * The event for an {@code error} field: a string (the message) or an object with {@code message},
   * {@code code} and {@code type} (OpenAI's error body, possibly wrapped in another {@code error});
   * null when absent, null, or false.
   */
  static ErrorEvent error(JsonNode parent, String field, String path, EventMeta meta) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull() || (v.isBoolean() && !v.asBoolean())) {
      return null;
    }
    String p = join(path, field);
    if (v.isTextual()) {
      return new ErrorEvent(v.asText(), null, meta);
    }
    if (v.isBoolean()) {
      return new ErrorEvent("the call failed", null, meta);
    }
    if (!v.isObject()) {
      throw new BadRecordException(p + ": expected a string or an object, found " + JsonLines.describe(v));
    }
    if (v.get("error") != null && v.get("error").isObject()) {
      return error(v, "error", p, meta);
    }
    String message = text(v, "message", p);
    String code = id(v, "code", p);
    String type = text(v, "type", p);
    if (code == null) {
      code = type;
    }
    if (message == null) {
      message = type != null ? "the call failed with an error of type " + type : "the call failed";
    }
    return new ErrorEvent(message, code, meta);
  }
}
