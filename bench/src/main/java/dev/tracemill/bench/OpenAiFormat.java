package dev.tracemill.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.bench.LogCall.ApiError;
import dev.tracemill.bench.LogCall.Msg;
import java.io.IOException;

/**
 * A request/response logger around the OpenAI Chat Completions API:
 * {@code {"request": {...}, "response": {...}, "session_id"?: "...", "metadata": {...}}}, or
 * {@code "error"} in place of {@code "response"} for a failed call.
 */
final class OpenAiFormat extends LineFormat {
  OpenAiFormat(ObjectMapper mapper) {
    super(mapper);
  }

  @Override
  boolean fits(LogCall call) {
    return true;
  }

  @Override
  void write(LogCall call, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeObjectFieldStart("request");
    gen.writeStringField("model", call.model());
    gen.writeArrayFieldStart("messages");
    for (Msg m : call.messages()) {
      writeMessage(m, gen, true);
    }
    gen.writeEndArray();
    if (!call.tools().isEmpty()) {
      gen.writeArrayFieldStart("tools");
      for (ToolSpec t : call.tools()) {
        writeTool(t, gen);
      }
      gen.writeEndArray();
    }
    if (call.temperature() != null) {
      gen.writeNumberField("temperature", call.temperature());
    }
    gen.writeEndObject();
    if (call.response() != null) {
      writeResponse(call, gen);
    } else {
      ApiError error = call.error();
      gen.writeObjectFieldStart("error");
      gen.writeStringField("message", error.message());
      gen.writeStringField("type", error.type());
      gen.writeNullField("param");
      if (error.code() == null) {
        gen.writeNullField("code");
      } else {
        gen.writeStringField("code", error.code());
      }
      gen.writeEndObject();
    }
    if (call.sessionId() != null) {
      gen.writeStringField("session_id", call.sessionId());
    }
    gen.writeFieldName("metadata");
    writeMap(call.metadata(), gen);
    gen.writeEndObject();
  }

  private static void writeResponse(LogCall call, JsonGenerator gen) throws IOException {
    gen.writeObjectFieldStart("response");
    gen.writeStringField("id", call.responseId());
    gen.writeStringField("object", "chat.completion");
    gen.writeNumberField("created", call.epochMicros() / 1_000_000L);
    gen.writeStringField("model", Scenarios.snapshot(call.model()));
    gen.writeArrayFieldStart("choices");
    gen.writeStartObject();
    gen.writeNumberField("index", 0);
    gen.writeFieldName("message");
    writeMessage(call.response(), gen, false);
    gen.writeStringField("finish_reason", call.finishReason());
    gen.writeEndObject();
    gen.writeEndArray();
    long prompt = 0;
    for (Msg m : call.messages()) {
      prompt += 4 + tokens(m);
    }
    for (ToolSpec t : call.tools()) {
      prompt += 20 + (t.description().length() + 40L * t.params().size()) / 4;
    }
    long completion = tokens(call.response());
    gen.writeObjectFieldStart("usage");
    gen.writeNumberField("prompt_tokens", prompt);
    gen.writeNumberField("completion_tokens", completion);
    gen.writeNumberField("total_tokens", prompt + completion);
    gen.writeEndObject();
    gen.writeEndObject();
  }

  /** About four characters a token: close enough for usage figures that only need to look plausible. */
  private static long tokens(Msg m) {
    long chars = m.content() == null ? 0 : m.content().length();
    for (LogCall.ToolCallSpec tc : m.toolCalls()) {
      chars += tc.name().length() + tc.argumentsJson().length();
    }
    return Math.max(1, (chars + 3) / 4);
  }

  private static void writeTool(ToolSpec t, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "function");
    gen.writeObjectFieldStart("function");
    gen.writeStringField("name", t.name());
    gen.writeStringField("description", t.description());
    gen.writeObjectFieldStart("parameters");
    gen.writeStringField("type", "object");
    gen.writeObjectFieldStart("properties");
    for (ToolSpec.Param p : t.params()) {
      gen.writeObjectFieldStart(p.name());
      gen.writeStringField("type", p.jsonType());
      gen.writeStringField("description", p.description());
      gen.writeEndObject();
    }
    gen.writeEndObject();
    gen.writeArrayFieldStart("required");
    for (ToolSpec.Param p : t.params()) {
      if (p.required()) {
        gen.writeString(p.name());
      }
    }
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeEndObject();
    gen.writeEndObject();
  }
}
