package dev.tracemill.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.bench.LogCall.Msg;
import dev.tracemill.bench.LogCall.ToolCallSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders one {@link LogCall} as one log line (without the newline), or says it has no line in this format. */
abstract class LineFormat {
  private final ObjectMapper mapper;

  LineFormat(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The format for a {@code --format} name; the message lists the known names. */
  static LineFormat named(String name, ObjectMapper mapper) {
    return switch (name) {
      case "openai" -> new OpenAiFormat(mapper);
      case "logger" -> new LoggerFormat(mapper);
      default -> throw new IllegalArgumentException("unknown format '" + name + "'; use openai or logger");
    };
  }

  /** The JSON text of the line, or null when a log of this format would not contain such a call. */
  final String render(LogCall call) {
    if (!fits(call)) {
      return null;
    }
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator gen = mapper.createGenerator(out)) {
      write(call, gen);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render a generated call", e);
    }
    return out.toString();
  }

  abstract boolean fits(LogCall call);

  abstract void write(LogCall call, JsonGenerator gen) throws IOException;

  /** An OpenAI chat message; {@code partsAllowed} false flattens part arrays to a plain string. */
  static void writeMessage(Msg m, JsonGenerator gen, boolean partsAllowed) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("role", m.role());
    if (m.toolCallId() != null) {
      gen.writeStringField("tool_call_id", m.toolCallId());
    }
    if (m.content() == null) {
      gen.writeNullField("content");
    } else if (m.asParts() && partsAllowed) {
      gen.writeArrayFieldStart("content");
      gen.writeStartObject();
      gen.writeStringField("type", "text");
      gen.writeStringField("text", m.content());
      gen.writeEndObject();
      gen.writeEndArray();
    } else {
      gen.writeStringField("content", m.content());
    }
    if (!m.toolCalls().isEmpty()) {
      gen.writeArrayFieldStart("tool_calls");
      for (ToolCallSpec tc : m.toolCalls()) {
        gen.writeStartObject();
        gen.writeStringField("id", tc.id());
        gen.writeStringField("type", "function");
        gen.writeObjectFieldStart("function");
        gen.writeStringField("name", tc.name());
        gen.writeStringField("arguments", tc.argumentsJson());
        gen.writeEndObject();
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }
    gen.writeEndObject();
  }

  static void writeMap(Map<String, Object> map, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      gen.writeFieldName(e.getKey());
      gen.writeObject(e.getValue());
    }
    gen.writeEndObject();
  }
}
