package dev.tracemill.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.UserMsg;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extractor-style LLM call logs ({@code llm_calls}): one record per call, shaped
 * {@code {"success": bool, "prompt"?: str, "current_batch_content"?: str,
 * "response": {"answer": str, "prompt"?: str}}}. The input is JSON Lines, or one JSON document holding
 * the records as a top-level array or under an {@code "llm_calls"} array (streamed by
 * {@link JsonDocuments}).
 *
 * <p>The prompt is the first non-empty of top-level {@code prompt}, {@code response.prompt} and
 * {@code current_batch_content}; a record without one becomes a call with no user turn, and one
 * without an answer a call with an empty choice, so that the pipeline filters them with a reason
 * instead of this reader hiding them. {@code success} gives the outcome (missing means unknown).
 * {@code call_type} and {@code session_id} fill the call's fields; every other top-level field is
 * kept as metadata.
 */
public final class LlmCallsFormat implements LogFormat {
  static final String ARRAY_FIELD = "llm_calls";
  private static final Set<String> CONSUMED =
      Set.of("success", "prompt", "current_batch_content", "response", "call_type", "session_id");

  @Override
  public String name() {
    return "llm_calls";
  }

  @Override
  public String description() {
    return "Extractor call logs {success, prompt, response.answer}: JSONL, array or {llm_calls}";
  }

  @Override
  public int sniff(Sample sample) {
    if (sample.firstLine() != null && looksLikeCall(sample.firstLine())) {
      return 90;
    }
    if (!sample.looksLikeJson()) {
      return 0;
    }
    if (sample.head().contains("\"" + ARRAY_FIELD + "\"")) {
      return 80;
    }
    JsonNode first = firstArrayElement(sample.head());
    return first != null && looksLikeCall(first) ? 80 : 0;
  }

  private static boolean looksLikeCall(JsonNode record) {
    JsonNode response = record.get("response");
    return response != null && response.isObject() && response.has("answer")
        && (record.has("success") || record.has("prompt") || record.has("current_batch_content"));
  }

  /** The first element of a top-level array within the head, or null when it is not all there. */
  private static JsonNode firstArrayElement(String head) {
    try (JsonParser parser = JsonDocuments.ELEMENTS.createParser(head)) {
      if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      return JsonDocuments.ELEMENTS.readTree(parser);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    if (isDocument(file)) {
      JsonDocuments.read(file, ARRAY_FIELD, options, sink, LlmCallsFormat::map);
    } else {
      JsonLines.read(file, options, sink, LlmCallsFormat::map);
    }
  }

  /**
   * True when the file is one JSON document rather than JSON Lines: it starts with an array, or its
   * first object has an {@code llm_calls} field or spans several lines (a pretty-printed document of
   * another shape, which is then one quarantine instead of one per line). A first value that does not
   * parse means JSON Lines, whose reader quarantines that line.
   */
  private static boolean isDocument(InputFile file) throws IOException {
    try (InputStream in = file.open(); JsonParser parser = Json.MAPPER.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_ARRAY) {
        return true;
      }
      if (first != JsonToken.START_OBJECT) {
        return false;
      }
      int startLine = parser.currentTokenLocation().getLineNr();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        if (parser.currentName().equals(ARRAY_FIELD)) {
          return true;
        }
        parser.nextToken();
        parser.skipChildren();
      }
      return parser.currentTokenLocation().getLineNr() > startLine;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  static Call map(JsonNode record, SourceRef where) {
    Outcome outcome = outcome(record.get("success"));
    JsonNode response = record.get("response");
    if (response != null && !response.isNull() && !response.isObject()) {
      throw new BadRecordException("response: expected an object, found " + JsonLines.describe(response));
    }
    String prompt = firstNonEmpty(
        text(record, "prompt", "prompt"),
        text(response, "prompt", "response.prompt"),
        text(record, "current_batch_content", "current_batch_content"));
    String answer = answer(response);

    String session = text(record, "session_id", "session_id");
    Map<String, String> metadata = Json.flatStrings(record);
    metadata.keySet().removeAll(CONSUMED);
    Instant timestamp = AnthropicFormat.instant(record.get("timestamp"));
    EventMeta meta = EventMeta.of(where).withSession(session).withTimestamp(timestamp);

    List<Event> user = prompt == null ? List.of() : List.of(new UserMsg(prompt, meta));
    List<Event> choice = answer == null
        ? List.of()
        : List.of(new AssistantMsg(answer, null, meta.withModel(scalar(record.get("model")))));
    return new Call(where, user, List.of(choice), List.of(), outcome,
        text(record, "call_type", "call_type"), session, metadata);
  }

  private static Outcome outcome(JsonNode success) {
    if (success == null || success.isNull()) {
      return Outcome.UNKNOWN;
    }
    if (!success.isBoolean()) {
      throw new BadRecordException("success: expected a boolean, found " + JsonLines.describe(success));
    }
    return success.asBoolean() ? Outcome.SUCCESS : Outcome.FAILURE;
  }

  /** The answer text; a structured (object or array) answer is kept as compact JSON text. */
  private static String answer(JsonNode response) {
    if (response == null || response.isNull()) {
      return null;
    }
    JsonNode answer = response.get("answer");
    if (answer == null || answer.isNull()) {
      return null;
    }
    if (answer.isContainerNode()) {
      return answer.isEmpty() ? null : Json.write(answer);
    }
    if (!answer.isTextual()) {
      throw new BadRecordException("response.answer: expected a string, found " + JsonLines.describe(answer));
    }
    return answer.asText().isEmpty() ? null : answer.asText();
  }

  private static String text(JsonNode node, String field, String path) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new BadRecordException(path + ": expected a string, found " + JsonLines.describe(value));
    }
    return value.asText();
  }

  private static String scalar(JsonNode value) {
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static String firstNonEmpty(String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }
}
