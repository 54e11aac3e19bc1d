package dev.tracemill.curate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Event;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Unit;
import dev.tracemill.segment.LongHashSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Exact deduplication: SHA-256 over the canonical JSON of a unit's content (events without metadata,
 * keys sorted, plus the tool definitions), keeping the first unit seen. Only the first 64 bits of each
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
    this.field = java.util.Objects.requireNonNull(field, "field is null");
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** True the first time a unit's content is seen; false for a duplicate. */
  public boolean firstSeen(Unit unit) {
    byte[] digest = sha256.digest(canonicalContent(unit, field).getBytes(StandardCharsets.UTF_8));
    return seen.add(ByteBuffer.wrap(digest).getLong());
  }

  /** The canonical JSON text that is hashed: content only, no ids, sources or timestamps. */
  public static String canonicalContent(Unit unit, Field field) {
    List<Event> events = unit.events();
    int end = events.size();
    if (field == Field.PROMPT) {
      int last = Responses.finalAssistantIndex(events);
      end = last < 0 ? events.size() : last;
    }
    ObjectNode root = Json.object();
    ArrayNode out = root.putArray("events");
    for (int i = 0; i < end; i++) {
      ObjectNode e = ModelJson.event(events.get(i));
      e.remove("meta");
      e.remove("reasoning");
      out.add(Json.canonical(e));
    }
    root.set("tools", Json.canonical(ModelJson.tools(unit.tools())));
    return Json.write(root);
  }
}
