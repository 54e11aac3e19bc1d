package dev.tracemill.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LiteLLM's {@code StandardLoggingPayload}: what every LiteLLM logging callback receives (and what
 * the GCS, S3 and custom loggers write), one object per line, a single payload document, or the
 * payload wrapped as {@code {"standard_logging_object": {...}}}.
 *
 * <p>{@code messages} is the request's OpenAI messages (a plain string is one user message);
 * {@code response} the {@code ModelResponse} ({@code choices}), mapped as the {@code openai} format
 * maps it; tools come from {@code model_parameters.tools}/{@code functions} (LiteLLM keeps every
 * request parameter there). Calls of the Responses API ({@code call_type} responses/aresponses) are
 * read with {@link ResponsesItems}. Calls that are not chat (embeddings, images, audio, moderation,
 * rerank) are quarantined with their call type named.
 *
 * <p>Session: {@code metadata.requester_metadata} or {@code metadata.spend_logs_metadata}
 * ({@code session_id}, {@code conversation_id}, {@code thread_id}), else {@code trace_id} (LiteLLM's
 * {@code litellm_session_id}/{@code litellm_trace_id}, which groups a session's calls). Time from
 * {@code startTime}, latency from {@code endTime - startTime} (epoch seconds or LiteLLM's
 * {@code "YYYY-MM-DD HH:MM:SS.ffffff"}, read as UTC), usage from {@code prompt_tokens},
 * {@code completion_tokens} and {@code total_tokens}. {@code status: "failure"} is a FAILURE with the
 * error from {@code error_information.error_message} or {@code error_str}. {@code request_tags} and
 * {@code custom_llm_provider} go into the call's metadata; the API key hash, user and IP fields are
 * not read.
 */
public final class LiteLlmFormat implements LogFormat {
  private static final Set<String> NOT_CHAT_PREFIXES =
      Set.of("embedding", "aembedding", "image_generation", "aimage_generation", "transcription",
          "atranscription", "speech", "aspeech", "moderation", "amoderation", "rerank", "arerank");

  @Override
  public String name() {
    return "litellm";
  }

  @Override
  public String description() {
    return "LiteLLM StandardLoggingPayload (callback, GCS, S3 logs): JSONL or one JSON per call";
  }

  @Override
  public int sniff(Sample sample) {
    JsonNode line = sample.firstLine();
    if (line != null) {
      JsonNode p = line.path("standard_logging_object").isObject() ? line.get("standard_logging_object") : line;
      return looksLikePayload(p) ? 97 : 0;
    }
    String head = sample.head();
    return sample.looksLikeJson() && head.contains("\"call_type\"") && head.contains("\"model_parameters\"")
        && (head.contains("\"response_cost\"") || head.contains("\"startTime\"")) ? 97 : 0;
  }

  private static boolean looksLikePayload(JsonNode p) {
    return p.has("call_type") && p.has("model_parameters")
        && (p.has("response_cost") || p.has("startTime") || p.has("hidden_params"));
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    if (isJsonLines(file, options)) {
      JsonLines.read(file, options, sink, LiteLlmFormat::map);
      return;
    }
    byte[] bytes;
    try (InputStream in = file.open()) {
      bytes = in.readNBytes(options.maxRecordBytes() + 1);
    }
    SourceRef where = new SourceRef(file.name(), 1);
    if (bytes.length > options.maxRecordBytes()) {
      sink.quarantine(where, "document is longer than the limit of " + options.maxRecordBytes()
          + " bytes (raise --max-record-bytes to read it)");
      return;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      sink.quarantine(new SourceRef(file.name(), line), JsonLines.parseFailure(e, false));
      return;
    }
    if (root == null || root.isMissingNode()) {
      return;
    }
    if (root.isArray()) {
      JsonDocuments.read(file, null, options, sink, LiteLlmFormat::map);
      return;
    }
    try {
      sink.accept(map(root, where));
    } catch (BadRecordException e) {
      sink.quarantine(where, e.getMessage());
    }
  }

  private static boolean isJsonLines(InputFile file, ReadOptions options) throws IOException {
    return JsonLines.firstLineIsJson(file, options, false, true);
  }

  static Call map(JsonNode r, SourceRef where) {
    String path = "";
    JsonNode p = r;
    if (r.path("standard_logging_object").isObject()) {
      p = r.get("standard_logging_object");
      path = "standard_logging_object";
    }
    String callType = RecordFields.text(p, "call_type", path);
    if (callType != null && NOT_CHAT_PREFIXES.contains(callType)) {
      throw new BadRecordException(RecordFields.join(path, "call_type") + ": " + callType
          + " is not a chat call; only completion and responses calls are read");
    }
    JsonNode md = RecordFields.object(p, "metadata", path);
    String session = null;
    for (String holder : new String[] {"requester_metadata", "spend_logs_metadata"}) {
      if (session == null && md != null) {
        session = RecordFields.session(TraceMessages.decode(md.get(holder)), "metadata." + holder);
      }
    }
    if (session == null) {
      session = RecordFields.session(md, RecordFields.join(path, "metadata"));
    }
    if (session == null) {
      session = RecordFields.id(p, "trace_id", path);
    }
    Instant start = RecordFields.instant(p, "startTime", path);
    Instant end = RecordFields.instant(p, "endTime", path);
    Long latency = start != null && end != null && !end.isBefore(start) ? Duration.between(start, end).toMillis() : null;
    String model = RecordFields.text(p, "model", path);
    JsonNode response = TraceMessages.decode(p.get("response"));
    if (response != null && response.isObject() && response.path("model").isTextual()) {
      model = response.get("model").asText();
    }
    Long in = count(p, "prompt_tokens");
    Long out = count(p, "completion_tokens");
    Long total = count(p, "total_tokens");
    Usage usage = new Usage(in, out, total);
    EventMeta base = EventMeta.of(where).withSession(session);
    if (RecordFields.id(p, "id", path) != null) {
      base = new EventMeta(session, RecordFields.id(p, "trace_id", path), RecordFields.id(p, "id", path), null,
          null, null, Usage.UNKNOWN, null, where, Map.of());
    }
    EventMeta answerMeta = base.withModel(model).withUsage(usage.isUnknown() ? null : usage).withTimestamp(start)
        .withLatencyMs(latency);
    JsonNode params = RecordFields.object(p, "model_parameters", path);
    String paramsPath = RecordFields.join(path, "model_parameters");

    boolean responsesApi = callType != null && callType.contains("responses");
    List<Event> prompt;
    List<List<Event>> choices;
    boolean filtered = false;
    JsonNode messages = TraceMessages.decode(p.get("messages"));
    String messagesPath = RecordFields.join(path, "messages");
    List<ToolDef> tools;
    if (responsesApi) {
      ResponsesItems items = new ResponsesItems();
      JsonNode input = messages != null && messages.isObject() && messages.has("input") ? messages.get("input") : messages;
      prompt = items.input(params == null ? null : params.get("instructions"), input, messagesPath, base);
      List<Event> answer = response != null && response.path("output").isArray()
          ? items.items(response.get("output"), RecordFields.join(path, "response.output"), answerMeta)
          : List.of();
      choices = answer.isEmpty() ? List.of() : List.of(answer);
      tools = ResponsesItems.tools(params == null ? null : params.get("tools"), RecordFields.join(paramsPath, "tools"));
    } else {
      OpenAiMessages mapper = new OpenAiMessages();
      if (messages == null || messages.isNull()) {
        prompt = List.of();
      } else if (messages.isTextual()) {
        prompt = List.of(new dev.tracemill.model.UserMsg(messages.asText(), base));
      } else if (messages.isObject() && messages.has("messages")) {
        prompt = mapper.messages(messages.get("messages"), messagesPath + ".messages", base);
      } else {
        prompt = mapper.messages(messages, messagesPath, base);
      }
      if (response != null && response.isObject() && response.has("choices")) {
        OpenAiFormat.Completion c = OpenAiFormat.completion(mapper, response, RecordFields.join(path, "response"), answerMeta);
        choices = c.choices();
        filtered = c.filtered();
      } else if (response != null && response.isTextual() && !response.asText().isEmpty()) {
        choices = List.of(List.of(new AssistantMsg(response.asText(), null, answerMeta)));
      } else {
        choices = List.of();
      }
      tools = params == null ? List.of() : OpenAiMessages.tools(params, paramsPath);
    }
    ErrorEvent error = null;
    if ("failure".equals(Json.text(p, "status"))) {
      JsonNode info = p.get("error_information");
      String message = info == null ? null : Json.text(info, "error_message");
      if (message == null || message.isEmpty()) {
        message = Json.text(p, "error_str");
      }
      String code = info == null ? null : Json.text(info, "error_code");
      if (code == null || code.isEmpty()) {
        code = info == null ? null : Json.text(info, "error_class");
      }
      error = new ErrorEvent(message == null || message.isEmpty() ? "the call failed" : message,
          code == null || code.isEmpty() ? null : code, answerMeta);
    }
    OpenAiFormat.Completion completion = new OpenAiFormat.Completion(choices, filtered);
    Map<String, String> metadata = new LinkedHashMap<>();
    String provider = Json.text(p, "custom_llm_provider");
    if (provider != null && !provider.isEmpty()) {
      metadata.put("provider", provider);
    }
    JsonNode tags = p.get("request_tags");
    if (tags != null && tags.isArray() && !tags.isEmpty()) {
      List<String> t = new ArrayList<>();
      tags.forEach(n -> t.add(n.asText()));
      metadata.put("request_tags", String.join(",", t));
    }
    if (Boolean.TRUE.equals(p.path("cache_hit").isBoolean() ? p.get("cache_hit").asBoolean() : null)) {
      metadata.put("cache_hit", "true");
    }
    return new Call(where, prompt, completion.withError(error, answerMeta), tools, completion.outcome(error),
        callType, session, metadata);
  }

  private static Long count(JsonNode p, String field) {
    JsonNode v = p.get(field);
    return v != null && v.isIntegralNumber() && v.asLong() >= 0 ? v.asLong() : null;
  }
}
