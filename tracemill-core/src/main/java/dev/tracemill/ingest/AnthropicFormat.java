package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Usage;
import dev.tracemill.model.UserMsg;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Anthropic Messages API calls logged as JSON Lines, one {@code {"request": ..., "response": ...}}
 * object per line, with optional top-level {@code metadata}, {@code session_id}, {@code call_type},
 * {@code timestamp}, {@code latency_ms} and {@code error}.
 *
 * <p>Content blocks map as follows: {@code text} to the turn's text (several joined with a newline);
 * {@code thinking} to {@link AssistantMsg#reasoning()}; {@code tool_use} to a {@link ToolCall} after
 * its turn's {@link AssistantMsg}; {@code tool_result} (user turns only) to a {@link ToolResult}
 * placed before the text of the same user turn, which becomes a {@link UserMsg}. Images, documents and
 * redacted thinking are dropped: they cannot be carried as text. Any other block type quarantines the
 * record, so a new API feature is noticed instead of silently lost.
 *
 * <p>An error response ({@code response.type == "error"}) or a top-level {@code error} makes the call
 * a {@link Outcome#FAILURE} whose choice holds an {@link ErrorEvent}; a message response is a
 * {@link Outcome#SUCCESS} whatever its {@code stop_reason} (kept as an attribute of the answer).
 */
public final class AnthropicFormat implements LogFormat {
  private static final Set<String> CONSUMED =
      Set.of("request", "response", "error", "metadata", "session_id", "call_type", "timestamp", "latency_ms");
  private static final Set<String> DROPPED_BLOCKS = Set.of("image", "document", "redacted_thinking");

  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public String description() {
    return "Anthropic Messages API call logs: {request, response} per line (JSONL)";
  }

  @Override
  public int sniff(Sample sample) {
    JsonNode first = sample.firstLine() != null ? sample.firstLine() : firstObjectLine(sample.head());
    if (first == null) {
      return 0;
    }
    JsonNode request = first.get("request");
    JsonNode response = first.get("response");
    if (request == null || !request.isObject() || !request.path("messages").isArray()) {
      return 0;
    }
    if (response != null && response.has("choices")) {
      return 0;
    }
    boolean anthropicResponse = response != null && response.isObject()
        && ("message".equals(Json.text(response, "type"))
            || "error".equals(Json.text(response, "type"))
            || response.path("content").isArray());
    boolean anthropicTools = false;
    for (JsonNode tool : request.path("tools")) {
      anthropicTools |= tool.has("input_schema");
    }
    return anthropicResponse || request.has("system") || anthropicTools ? 85 : 0;
  }

  /** The first of the head's first few lines that parses as a JSON object (the first may be broken). */
  private static JsonNode firstObjectLine(String head) {
    String[] lines = head.split("\n", 9);
    for (int i = 0; i < Math.min(lines.length, 8); i++) {
      JsonNode node = lines[i].isBlank() ? null : Json.tryParse(lines[i].strip());
      if (node != null && node.isObject()) {
        return node;
      }
    }
    return null;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    JsonLines.read(file, options, sink, AnthropicFormat::map);
  }

  static Call map(JsonNode record, SourceRef where) {
    JsonNode request = record.get("request");
    if (request == null || !request.isObject()) {
      throw new BadRecordException("request: expected an object, found " + JsonLines.describe(request));
    }
    String session = optionalText(record, "session_id", "session_id");
    Instant timestamp = instant(record.get("timestamp"));
    EventMeta base = EventMeta.of(where).withSession(session).withTimestamp(timestamp);

    List<Event> prompt = new ArrayList<>();
    system(request.get("system"), base, prompt);
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new BadRecordException("request.messages: expected an array, found " + JsonLines.describe(messages));
    }
    for (int i = 0; i < messages.size(); i++) {
      message(messages.get(i), "request.messages[" + i + "]", base, prompt);
    }

    List<Event> choice = new ArrayList<>();
    Outcome outcome = response(record, request, base, choice);

    Map<String, String> metadata = new TreeMap<>();
    JsonNode meta = record.get("metadata");
    if (meta != null && !meta.isNull()) {
      if (!meta.isObject()) {
        throw new BadRecordException("metadata: expected an object, found " + JsonLines.describe(meta));
      }
      metadata.putAll(Json.flatStrings(meta));
    }
    Json.flatStrings(record).forEach((key, value) -> {
      if (!CONSUMED.contains(key)) {
        metadata.put(key, value);
      }
    });
    if (timestamp == null && record.hasNonNull("timestamp")) {
      metadata.put("timestamp", record.get("timestamp").asText());
    }
    return new Call(where, prompt, List.of(choice), tools(request.get("tools")), outcome,
        optionalText(record, "call_type", "call_type"), session, metadata);
  }

  private static void system(JsonNode system, EventMeta meta, List<Event> out) {
    if (system == null || system.isNull()) {
      return;
    }
    String text;
    if (system.isTextual()) {
      text = system.asText();
    } else if (system.isArray()) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < system.size(); i++) {
        String path = "request.system[" + i + "]";
        JsonNode block = system.get(i);
        if (!"text".equals(blockType(block, path))) {
          throw new BadRecordException(path + ".type: expected a text block");
        }
        parts.add(requiredText(block, "text", path + ".text"));
      }
      text = String.join("\n", parts);
    } else {
      throw new BadRecordException("request.system: expected a string or a list of text blocks, found "
          + JsonLines.describe(system));
    }
    if (!text.isEmpty()) {
      out.add(new SystemMsg(text, meta));
    }
  }

  private static void message(JsonNode message, String path, EventMeta meta, List<Event> out) {
    if (message == null || !message.isObject()) {
      throw new BadRecordException(path + ": expected an object, found " + JsonLines.describe(message));
    }
    String role = requiredText(message, "role", path + ".role");
    JsonNode content = message.get("content");
    switch (role) {
      case "user" -> userTurn(content, path + ".content", meta, out);
      case "assistant" -> assistantTurn(content, path + ".content", meta, out);
      default -> throw new BadRecordException(path + ".role: expected \"user\" or \"assistant\"");
    }
  }

  /**
   * A user turn: tool results first (they answer the previous assistant turn), then its text as one
   * {@link UserMsg}. A turn with neither (only images) adds nothing.
   */
  private static void userTurn(JsonNode content, String path, EventMeta meta, List<Event> out) {
    if (content != null && content.isTextual()) {
      out.add(new UserMsg(content.asText(), meta));
      return;
    }
    requireBlocks(content, path);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String blockPath = path + "[" + i + "]";
      JsonNode block = content.get(i);
      String type = blockType(block, blockPath);
      switch (type) {
        case "text" -> texts.add(requiredText(block, "text", blockPath + ".text"));
        case "tool_result" -> out.add(toolResult(block, blockPath, meta));
        case "tool_use", "thinking" ->
            throw new BadRecordException(blockPath + ".type: " + type + " is only allowed in an assistant turn");
        default -> requireDroppable(type, blockPath);
      }
    }
    if (!texts.isEmpty()) {
      out.add(new UserMsg(String.join("\n", texts), meta));
    }
  }

  private static ToolResult toolResult(JsonNode block, String path, EventMeta meta) {
    String id = requiredText(block, "tool_use_id", path + ".tool_use_id");
    JsonNode isError = block.get("is_error");
    if (isError != null && !isError.isNull() && !isError.isBoolean()) {
      throw new BadRecordException(path + ".is_error: expected a boolean, found " + JsonLines.describe(isError));
    }
    JsonNode content = block.get("content");
    String text;
    if (content == null || content.isNull()) {
      text = "";
    } else if (content.isTextual()) {
      text = content.asText();
    } else if (content.isArray()) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < content.size(); i++) {
        String partPath = path + ".content[" + i + "]";
        JsonNode part = content.get(i);
        String type = blockType(part, partPath);
        if (type.equals("text")) {
          parts.add(requiredText(part, "text", partPath + ".text"));
        } else {
          requireDroppable(type, partPath);
        }
      }
      text = String.join("\n", parts);
    } else {
      throw new BadRecordException(path + ".content: expected a string or a list of blocks, found "
          + JsonLines.describe(content));
    }
    return new ToolResult(id, null, text, isError != null && isError.asBoolean(false), meta);
  }

  /** An assistant turn as one {@link AssistantMsg} followed by its tool calls. */
  private static void assistantTurn(JsonNode content, String path, EventMeta meta, List<Event> out) {
    if (content != null && content.isTextual()) {
      out.add(new AssistantMsg(content.asText(), null, meta));
      return;
    }
    requireBlocks(content, path);
    List<String> texts = new ArrayList<>();
    List<String> thoughts = new ArrayList<>();
    List<Event> calls = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String blockPath = path + "[" + i + "]";
      JsonNode block = content.get(i);
      String type = blockType(block, blockPath);
      switch (type) {
        case "text" -> texts.add(requiredText(block, "text", blockPath + ".text"));
        case "thinking" -> thoughts.add(requiredText(block, "thinking", blockPath + ".thinking"));
        case "tool_use" -> calls.add(toolCall(block, blockPath, meta));
        case "tool_result" ->
            throw new BadRecordException(blockPath + ".type: tool_result is only allowed in a user turn");
        default -> requireDroppable(type, blockPath);
      }
    }
    out.add(new AssistantMsg(String.join("\n", texts),
        thoughts.isEmpty() ? null : String.join("\n", thoughts), meta));
    out.addAll(calls);
  }

  private static ToolCall toolCall(JsonNode block, String path, EventMeta meta) {
    String id = requiredText(block, "id", path + ".id");
    String name = requiredText(block, "name", path + ".name");
    JsonNode input = block.get("input");
    if (input == null || input.isNull()) {
      input = Json.object();
    } else if (!input.isObject()) {
      throw new BadRecordException(path + ".input: expected an object, found " + JsonLines.describe(input));
    }
    return new ToolCall(id, name, input, Json.write(input), meta);
  }

  /** Fills {@code choice} from the response and says how the call ended. */
  private static Outcome response(JsonNode record, JsonNode request, EventMeta base, List<Event> choice) {
    JsonNode response = record.get("response");
    JsonNode topError = record.get("error");
    boolean failed = topError != null && !topError.isNull();
    if (response != null && !response.isNull() && !response.isObject()) {
      throw new BadRecordException("response: expected an object, found " + JsonLines.describe(response));
    }
    if ((response == null || response.isNull()) && !failed) {
      throw new BadRecordException("response: expected an object, found " + JsonLines.describe(response));
    }
    JsonNode answer = response == null || response.isNull() ? Json.object() : response;
    String model = optionalText(answer, "model", "response.model");
    if (model == null) {
      model = optionalText(request, "model", "request.model");
    }
    JsonNode latency = record.get("latency_ms");
    if (latency != null && !latency.isNull() && !latency.isNumber()) {
      throw new BadRecordException("latency_ms: expected a number, found " + JsonLines.describe(latency));
    }
    EventMeta meta = base.withModel(model)
        .withLatencyMs(latency == null || latency.isNull() ? null : latency.asLong());
    if (response != null && !response.isNull()) {
      String type = response.has("type") ? requiredText(response, "type", "response.type") : "message";
      switch (type) {
        case "message" -> message(response, meta, choice);
        case "error" -> {
          choice.add(error(response.get("error"), "response.error", meta));
          return Outcome.FAILURE;
        }
        default -> throw new BadRecordException("response.type: expected \"message\" or \"error\"");
      }
    }
    if (failed) {
      choice.add(error(topError, "error", meta));
      return Outcome.FAILURE;
    }
    return Outcome.SUCCESS;
  }

  /** A message response; one whose content is empty gives an empty choice. */
  private static void message(JsonNode response, EventMeta meta, List<Event> choice) {
    JsonNode content = response.get("content");
    if (content == null || !(content.isArray() || content.isTextual())) {
      throw new BadRecordException("response.content: expected a string or a list of blocks, found "
          + JsonLines.describe(content));
    }
    if (content.isArray() ? content.isEmpty() : content.asText().isEmpty()) {
      return;
    }
    Map<String, String> attributes = new TreeMap<>();
    String stopReason = optionalText(response, "stop_reason", "response.stop_reason");
    if (stopReason != null) {
      attributes.put("stop_reason", stopReason);
    }
    String id = optionalText(response, "id", "response.id");
    if (id != null) {
      attributes.put("response_id", id);
    }
    EventMeta answerMeta = new EventMeta(meta.session(), null, null, null, meta.timestamp(), meta.model(),
        usage(response.get("usage")), meta.latencyMs(), meta.source(), attributes);
    assistantTurn(content, "response.content", answerMeta, choice);
  }

  private static Usage usage(JsonNode usage) {
    if (usage == null || usage.isNull()) {
      return Usage.UNKNOWN;
    }
    if (!usage.isObject()) {
      throw new BadRecordException("response.usage: expected an object, found " + JsonLines.describe(usage));
    }
    Long in = count(usage, "input_tokens");
    Long out = count(usage, "output_tokens");
    Long total = in == null || out == null ? null : in + out;
    return new Usage(in, out, total);
  }

  private static Long count(JsonNode usage, String field) {
    JsonNode value = usage.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new BadRecordException("response.usage." + field + ": expected an integer, found "
          + JsonLines.describe(value));
    }
    return value.asLong();
  }

  private static ErrorEvent error(JsonNode error, String path, EventMeta meta) {
    if (error == null || error.isNull()) {
      return new ErrorEvent("the API returned an error", null, meta);
    }
    if (error.isTextual()) {
      return new ErrorEvent(error.asText(), null, meta);
    }
    if (!error.isObject()) {
      throw new BadRecordException(path + ": expected an object or a string, found " + JsonLines.describe(error));
    }
    String message = optionalText(error, "message", path + ".message");
    String code = optionalText(error, "type", path + ".type");
    return new ErrorEvent(message == null ? "the API returned an error" : message, code, meta);
  }

  private static List<ToolDef> tools(JsonNode tools) {
    List<ToolDef> out = new ArrayList<>();
    if (tools == null || tools.isNull()) {
      return out;
    }
    if (!tools.isArray()) {
      throw new BadRecordException("request.tools: expected an array, found " + JsonLines.describe(tools));
    }
    for (int i = 0; i < tools.size(); i++) {
      String path = "request.tools[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        throw new BadRecordException(path + ": expected an object, found " + JsonLines.describe(tool));
      }
      JsonNode schema = tool.get("input_schema");
      if (schema != null && !schema.isNull() && !schema.isObject()) {
        throw new BadRecordException(path + ".input_schema: expected an object, found " + JsonLines.describe(schema));
      }
      out.add(new ToolDef(requiredText(tool, "name", path + ".name"),
          optionalText(tool, "description", path + ".description"),
          schema == null || schema.isNull() ? null : schema));
    }
    return out;
  }

  private static void requireBlocks(JsonNode content, String path) {
    if (content == null || !content.isArray()) {
      throw new BadRecordException(path + ": expected a string or a list of blocks, found "
          + JsonLines.describe(content));
    }
  }

  private static String blockType(JsonNode block, String path) {
    if (block == null || !block.isObject()) {
      throw new BadRecordException(path + ": expected an object, found " + JsonLines.describe(block));
    }
    return requiredText(block, "type", path + ".type");
  }

  private static void requireDroppable(String type, String path) {
    if (!DROPPED_BLOCKS.contains(type)) {
      throw new BadRecordException(path + ".type: unknown block type");
    }
  }

  private static String requiredText(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new BadRecordException(path + ": expected a string, found " + JsonLines.describe(value));
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new BadRecordException(path + ": expected a string, found " + JsonLines.describe(value));
    }
    return value.asText();
  }

  /**
   * An ISO-8601 instant (with an offset) or epoch seconds/milliseconds; null when absent or in another
   * shape (local times without an offset are not guessed at).
   */
  static Instant instant(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      double n = value.asDouble();
      return n > 1e11 ? Instant.ofEpochMilli((long) n) : Instant.ofEpochMilli(Math.round(n * 1000));
    }
    if (!value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
