package dev.tracemill.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.bench.LogCall.Msg;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * rulechef's {@code TrainingDataLogger}: {@code {"messages": [..., assistant], "call_type", "metadata",
 * "timestamp"}}. The logger writes a line only after a text response arrived, so failed calls and agent
 * steps that answered with tool calls have no line here; an agent run appears as its final call, with the
 * OpenAI-shaped tool messages the caller passed kept as they were.
 */
final class LoggerFormat extends LineFormat {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long RUN_MICROS = 6L * 3600 * 1_000_000;

  LoggerFormat(ObjectMapper mapper) {
    super(mapper);
  }

  @Override
  boolean fits(LogCall call) {
    return call.response() != null && call.response().toolCalls().isEmpty();
  }

  @Override
  void write(LogCall call, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeArrayFieldStart("messages");
    for (Msg m : call.messages()) {
      writeMessage(m, gen, false);
    }
    gen.writeStartObject();
    gen.writeStringField("role", "assistant");
    gen.writeStringField("content", call.response().content());
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeStringField("call_type", call.callType());
    gen.writeObjectFieldStart("metadata");
    // run_metadata first, then the per-call metadata, as the logger merges them.
    gen.writeStringField("model", call.model());
    gen.writeStringField("run_id", String.format(Locale.ROOT, "run_%03d", call.epochMicros() / RUN_MICROS % 1000));
    if (call.sessionId() != null) {
      gen.writeStringField("session_id", call.sessionId());
    }
    for (Map.Entry<String, Object> e : call.metadata().entrySet()) {
      gen.writeFieldName(e.getKey());
      gen.writeObject(e.getValue());
    }
    gen.writeEndObject();
    gen.writeStringField("timestamp", isoformat(call.epochMicros()));
    gen.writeEndObject();
  }

  /** Python's {@code datetime.now(timezone.utc).isoformat()}: microseconds unless zero, then {@code +00:00}. */
  static String isoformat(long epochMicros) {
    long seconds = Math.floorDiv(epochMicros, 1_000_000L);
    int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
    String base = SECONDS.format(Instant.ofEpochSecond(seconds));
    return micros == 0 ? base + "+00:00" : base + String.format(Locale.ROOT, ".%06d+00:00", micros);
  }
}
