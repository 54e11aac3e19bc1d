package dev.tracemill.curate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.Feedback;
import dev.tracemill.model.Json;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UserMsg;
import dev.tracemill.segment.LongHashSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Exact deduplication: SHA-256 over the canonical JSON of a unit's content (events without metadata
 * or reasoning, every object's keys in sorted order, plus the tool definitions), keeping the first
 * unit seen. The JSON is streamed into the digest, never built as text; only the first 64 bits of each
 * digest are kept, so memory is 8 to 16 bytes per unit whatever the text size.
 */
public final class ExactDedup {
  /** What two units must share to be duplicates. */
  public enum Field {
    /** Everything before the final assistant turn. */
    PROMPT,
    /** The whole conversation. */
    FULL
  }

  private final Field field;
  private final LongHashSet seen = new LongHashSet();
  private final MessageDigest sha256;

  public ExactDedup(Field field) {
    this.field = Objects.requireNonNull(field, "field is null");
    this.sha256 = newSha256();
  }

  /** True the first time a unit's content is seen; false for a duplicate. */
  public boolean firstSeen(Unit unit) {
    return firstSeen(hash(unit));
  }

  /** As {@link #firstSeen(Unit)}, for a {@link #hash} computed earlier. */
  public boolean firstSeen(long hash) {
    return seen.add(hash);
  }

  /** The first 64 bits of the SHA-256 of the unit's canonical content. */
  public long hash(Unit unit) {
    sha256.reset();
    try (OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
      write(unit, field, digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ByteBuffer.wrap(sha256.digest()).getLong();
  }

  /** The canonical JSON text that is hashed, for tests and debugging. */
  public static String canonicalContent(Unit unit, Field field) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(unit, field, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void write(Unit unit, Field field, OutputStream out) throws IOException {
    List<Event> events = unit.events();
    int end = events.size();
    if (field == Field.PROMPT) {
      int last = Responses.finalAssistantIndex(events);
      end = last < 0 ? events.size() : last;
    }
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("events");
      for (int i = 0; i < end; i++) {
        event(g, events.get(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("tools");
      for (ToolDef t : unit.tools()) {
        g.writeStartObject();
        if (t.description() != null) {
          g.writeStringField("description", t.description());
        }
        g.writeStringField("name", t.name());
        if (t.parametersSchema() != null) {
          g.writeFieldName("parameters");
          g.writeTree(Json.canonical(t.parametersSchema()));
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** One event as an object with sorted keys: the same names as the model's JSON form. */
  private static void event(JsonGenerator g, Event e) throws IOException {
    g.writeStartObject();
    switch (e.kind()) {
      case SYSTEM -> {
        kind(g, e);
        g.writeStringField("text", ((SystemMsg) e).text());
      }
      case USER -> {
        kind(g, e);
        g.writeStringField("text", ((UserMsg) e).text());
      }
      case ASSISTANT -> {
        kind(g, e);
        g.writeStringField("text", ((AssistantMsg) e).text());
      }
      case TOOL_CALL -> {
        ToolCall c = (ToolCall) e;
        if (c.arguments() != null) {
          g.writeFieldName("arguments");
          g.writeTree(Json.canonical(c.arguments()));
        }
        g.writeStringField("id", c.id());
        kind(g, e);
        g.writeStringField("name", c.name());
        g.writeStringField("raw_arguments", c.rawArguments());
      }
      case TOOL_RESULT -> {
        ToolResult r = (ToolResult) e;
        g.writeStringField("call_id", r.callId());
        g.writeStringField("content", r.content());
        if (r.isError()) {
          g.writeBooleanField("is_error", true);
        }
        kind(g, e);
        if (r.name() != null) {
          g.writeStringField("name", r.name());
        }
      }
      case ERROR -> {
        ErrorEvent err = (ErrorEvent) e;
        if (err.code() != null) {
          g.writeStringField("code", err.code());
        }
        kind(g, e);
        g.writeStringField("message", err.message());
      }
      case FEEDBACK -> {
        Feedback f = (Feedback) e;
        if (f.correction() != null) {
          g.writeStringField("correction", f.correction());
        }
        kind(g, e);
        if (f.rating() != null) {
          g.writeNumberField("rating", f.rating());
        }
        if (f.thumbsUp() != null) {
          g.writeBooleanField("thumbs_up", f.thumbsUp());
        }
      }
    }
    g.writeEndObject();
  }

  private static void kind(JsonGenerator g, Event e) throws IOException {
    g.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
