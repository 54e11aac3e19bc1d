package dev.tracemill.ingest;

import static dev.tracemill.ingest.RecordFields.join;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolDef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI Chat Completions request/response pairs, one JSON object per line:
 * {@code {"request": {create params}, "response": {chat.completion}}} with optional top-level
 * {@code metadata}, {@code session_id}/{@code conversation_id}/{@code thread_id} (also read from
 * {@code metadata} and from the request's own {@code metadata}), {@code timestamp},
 * {@code latency_ms}/{@code duration_ms}, {@code call_type} and {@code error}.
 *
 * <p>The prompt is the request's messages; each response choice (sorted by {@code index}) is one
 * choice of the call. Model, usage, time and latency go on the events of the choices, which are what
 * the call produced; usage is the whole response's, so with {@code n > 1} every choice carries the
 * total. The call is a {@code FAILURE} when it logged an error, has no choices, or any choice was
 * stopped by the content filter; a choice that did not end normally (for example {@code length})
 * carries its {@code finish_reason} as an attribute. The request's {@code user} field is not read: it
 * identifies a person, not a conversation.
 */
public final class OpenAiFormat implements LogFormat {
  /** Finish reasons of a choice that ended on its own; others are kept as an attribute. */
  static final Set<String> NORMAL_FINISH = Set.of("stop", "tool_calls", "function_call");

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public String description() {
    return "OpenAI Chat Completions call logs: {request, response} per line (JSONL)";
  }

  @Override
  public int sniff(Sample sample) {
    JsonNode line = sample.firstLine();
    if (line == null || !line.path("request").isObject() || !line.path("request").path("messages").isArray()) {
      return 0;
    }
    JsonNode response = line.path("response");
    boolean completion = response.path("choices").isArray()
        || "chat.completion".equals(Json.text(response, "object"));
    return completion ? 90 : 50;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    JsonLines.read(file, options, sink, OpenAiFormat::map);
  }

  static Call map(JsonNode r, SourceRef where) {
    JsonNode request = RecordFields.object(r, "request", "");
    if (request == null) {
      throw new BadRecordException("request: expected an object with the create parameters");
    }
    JsonNode response = RecordFields.object(r, "response", "");
    JsonNode metadata = RecordFields.object(r, "metadata", "");
    String session = RecordFields.session(r, "");
    if (session == null) {
      session = RecordFields.session(metadata, "metadata");
    }
    if (session == null) {
      // The create call's own metadata (stored completions), where applications often put it.
      session = RecordFields.session(RecordFields.object(request, "metadata", "request"), "request.metadata");
    }
    EventMeta base = EventMeta.of(where).withSession(session);
    String model = RecordFields.text(response, "model", "response");
    if (model == null) {
      model = RecordFields.text(request, "model", "request");
    }
    var timestamp = RecordFields.instant(response, "created", "response");
    if (timestamp == null) {
      timestamp = RecordFields.instant(r, "timestamp", "");
    }
    Long latency = RecordFields.millis(r, "latency_ms", "");
    if (latency == null) {
      latency = RecordFields.millis(r, "duration_ms", "");
    }
    EventMeta answerMeta = base.withModel(model)
        .withUsage(RecordFields.usage(response, "usage", "response"))
        .withTimestamp(timestamp)
        .withLatencyMs(latency);

    OpenAiMessages mapper = new OpenAiMessages();
    List<Event> prompt = mapper.messages(request.get("messages"), "request.messages", base);
    List<ToolDef> tools = OpenAiMessages.tools(request, "request");
    Completion completion = completion(mapper, response, "response", answerMeta);
    ErrorEvent error = RecordFields.error(r, "error", "", answerMeta);
    return new Call(where, prompt, completion.withError(error, answerMeta), tools,
        completion.outcome(error), RecordFields.text(r, "call_type", ""), session,
        Json.flatStrings(metadata));
  }

  /** The choices of one chat.completion and whether the content filter stopped any of them. */
  record Completion(List<List<Event>> choices, boolean filtered) {
    static final Completion NONE = new Completion(List.of(), false);

    /**
     * The call's choices with {@code error} added: as the only choice when there is no answer
     * (an error event saying so when the log names no error), else at the end of every choice.
     */
    List<List<Event>> withError(ErrorEvent error, EventMeta meta) {
      if (choices.isEmpty()) {
        return List.of(List.of(error != null ? error : new ErrorEvent(RecordFields.NO_RESPONSE, "no_response", meta)));
      }
      if (error == null) {
        return choices;
      }
      List<List<Event>> out = new ArrayList<>();
      for (List<Event> choice : choices) {
        List<Event> c = new ArrayList<>(choice);
        c.add(error);
        out.add(c);
      }
      return out;
    }

    Outcome outcome(ErrorEvent error) {
      return error != null || choices.isEmpty() || filtered ? Outcome.FAILURE : Outcome.SUCCESS;
    }
  }

  /**
   * Maps {@code response.choices} (sorted by {@code index}); a choice's {@code message} (or, for a
   * streamed response assembled by a tracer, {@code delta}) must be an assistant message. The
   * {@code finish_reason} may be a string or, as LangSmith's JS tracer writes streamed runs, the
   * last chunk object holding one.
   */
  static Completion completion(OpenAiMessages mapper, JsonNode response, String path, EventMeta meta) {
    JsonNode choices = RecordFields.array(response, "choices", path);
    if (choices == null) {
      return Completion.NONE;
    }
    String choicesPath = join(path, "choices");
    List<Integer> order = new ArrayList<>();
    Map<Integer, Long> index = new HashMap<>();
    for (int i = 0; i < choices.size(); i++) {
      JsonNode choice = choices.get(i);
      if (!choice.isObject()) {
        throw new BadRecordException(choicesPath + "[" + i + "]: expected a choice object, found "
            + JsonLines.describe(choice));
      }
      JsonNode idx = choice.get("index");
      if (idx != null && !idx.isNull() && !idx.isIntegralNumber()) {
        throw new BadRecordException(choicesPath + "[" + i + "].index: expected an integer");
      }
      index.put(i, idx == null || idx.isNull() ? i : idx.asLong());
      order.add(i);
    }
    order.sort(Comparator.comparing(index::get));
    List<List<Event>> out = new ArrayList<>();
    boolean filtered = false;
    for (int i : order) {
      JsonNode choice = choices.get(i);
      String p = choicesPath + "[" + i + "]";
      String finish = finishReason(choice, p);
      EventMeta choiceMeta = meta;
      if (finish != null && !NORMAL_FINISH.contains(finish)) {
        choiceMeta = RecordFields.withAttribute(meta, "finish_reason", finish);
        filtered |= finish.equals("content_filter");
      }
      String field = choice.has("message") || !choice.has("delta") ? "message" : "delta";
      JsonNode message = RecordFields.object(choice, field, p);
      if (message == null) {
        throw new BadRecordException(join(p, "message") + ": expected an object");
      }
      String role = Json.text(message, "role");
      if (role != null && !role.equals("assistant")) {
        throw new BadRecordException(join(join(p, field), "role") + ": expected assistant in a response choice");
      }
      out.add(mapper.message(message, join(p, field), choiceMeta, "assistant"));
    }
    return new Completion(out, filtered);
  }

  private static String finishReason(JsonNode choice, String path) {
    JsonNode f = choice.get("finish_reason");
    if (f == null || f.isNull()) {
      return null;
    }
    if (f.isTextual()) {
      return f.asText();
    }
    if (f.isObject()) {
      return RecordFields.text(f, "finish_reason", join(path, "finish_reason"));
    }
    throw new BadRecordException(join(path, "finish_reason") + ": expected a string, found " + JsonLines.describe(f));
  }
}
