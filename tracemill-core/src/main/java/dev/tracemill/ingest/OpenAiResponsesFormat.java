package dev.tracemill.ingest;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Responses API calls, one JSON object per line: {@code {"request": {create params},
 * "response": {response object}}} (optional top-level {@code metadata}, {@code session_id}/
 * {@code conversation_id}/{@code thread_id}, {@code call_type}), or a bare response object
 * ({@code "object": "response"}) with the request's {@code input} beside its {@code output}.
 * Items are mapped by {@link ResponsesItems}.
 *
 * <p>The prompt is {@code instructions} then {@code input}; the answer is {@code output}. A call made
 * with {@code previous_response_id} continues a stored conversation: when that earlier response was
 * read from the same file (the last {@value #REMEMBERED} responses are remembered, so memory stays
 * bounded), its whole conversation is put in front of this call's input; otherwise the call keeps
 * only its own input and says so in its metadata ({@code previous_response=missing}). Session: the
 * record's session fields, else the request's or the response's {@code metadata}, else the
 * {@code conversation} id. Status {@code completed} is a SUCCESS; {@code failed}, {@code cancelled}
 * and {@code incomplete} are a FAILURE and end with an error event naming the error or the
 * incomplete reason.
 */
public final class OpenAiResponsesFormat implements LogFormat {
  static final int REMEMBERED = 4096;

  @Override
  public String name() {
    return "openai-responses";
  }

  @Override
  public String description() {
    return "OpenAI Responses API calls: {request, response} or a response with its input (JSONL)";
  }

  @Override
  public int sniff(Sample sample) {
    JsonNode line = sample.firstLine();
    if (line == null) {
      return 0;
    }
    JsonNode response = line.path("response").isObject() ? line.get("response") : line;
    boolean isResponse = "response".equals(Json.text(response, "object")) || response.path("output").isArray();
    if (!isResponse) {
      return 0;
    }
    return line.path("request").has("input") || line.has("input") || "response".equals(Json.text(response, "object"))
        ? 90 : 0;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    Map<String, List<Event>> seen = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<Event>> eldest) {
        return size() > REMEMBERED;
      }
    };
    JsonLines.read(file, options, sink, (r, where) -> map(r, where, seen));
  }

  static Call map(JsonNode r, SourceRef where, Map<String, List<Event>> seen) {
    JsonNode request = RecordFields.object(r, "request", "");
    JsonNode response = request != null || r.path("response").isObject() ? RecordFields.object(r, "response", "") : r;
    JsonNode req = request != null ? request : r;
    String reqPath = request != null ? "request" : "";
    String resPath = request != null || r.path("response").isObject() ? "response" : "";
    String session = RecordFields.session(r, "");
    if (session == null) {
      session = RecordFields.session(RecordFields.object(r, "metadata", ""), "metadata");
    }
    if (session == null) {
      session = RecordFields.session(RecordFields.object(req, "metadata", reqPath), RecordFields.join(reqPath, "metadata"));
    }
    if (session == null && response != null) {
      session = RecordFields.session(RecordFields.object(response, "metadata", resPath), RecordFields.join(resPath, "metadata"));
    }
    JsonNode conversation = req.get("conversation");
    if (session == null && conversation != null) {
      session = conversation.isTextual() ? conversation.asText() : Json.text(conversation, "id");
    }
    EventMeta base = EventMeta.of(where).withSession(session);
    Instant created = response == null ? null : RecordFields.instant(response, "created_at", resPath);
    if (created == null) {
      created = RecordFields.instant(r, "timestamp", "");
    }
    String model = response == null ? null : RecordFields.text(response, "model", resPath);
    if (model == null) {
      model = RecordFields.text(req, "model", reqPath);
    }
    EventMeta answerMeta = base.withModel(model).withTimestamp(created)
        .withUsage(response == null ? null : RecordFields.usage(response, "usage", resPath));

    ResponsesItems items = new ResponsesItems();
    Map<String, String> metadata = new LinkedHashMap<>(Json.flatStrings(RecordFields.object(r, "metadata", "")));
    List<Event> prompt = new ArrayList<>();
    String previous = RecordFields.id(req, "previous_response_id", reqPath);
    if (previous != null) {
      List<Event> before = seen.get(previous);
      if (before != null) {
        prompt.addAll(before);
      } else {
        metadata.put("previous_response", "missing");
      }
    }
    JsonNode instructions = req.get("instructions");
    if (instructions == null && response != null) {
      instructions = response.get("instructions");
    }
    if (previous != null && !prompt.isEmpty()) {
      instructions = null; // the earlier turn's instructions are already in front
    }
    prompt.addAll(items.input(instructions, req.get("input"), RecordFields.join(reqPath, "input"), base));

    List<Event> answer = new ArrayList<>();
    if (response != null && response.get("output") != null && !response.get("output").isNull()) {
      answer.addAll(items.items(response.get("output"), RecordFields.join(resPath, "output"), answerMeta));
    }
    List<ToolDef> tools = ResponsesItems.tools(req.get("tools"), RecordFields.join(reqPath, "tools"));
    if (tools.isEmpty() && response != null) {
      tools = ResponsesItems.tools(response.get("tools"), RecordFields.join(resPath, "tools"));
    }
    ErrorEvent error = RecordFields.error(r, "error", "", answerMeta);
    String status = response == null ? null : Json.text(response, "status");
    if (error == null && response != null) {
      error = RecordFields.error(response, "error", resPath, answerMeta);
    }
    if (error == null && status != null && !status.equals("completed") && !status.equals("in_progress")) {
      String reason = Json.text(response.path("incomplete_details"), "reason");
      error = new ErrorEvent("the response ended with status " + status + (reason == null ? "" : " (" + reason + ")"),
          reason != null ? reason : status, answerMeta);
    }
    Outcome outcome;
    if (error != null) {
      answer.add(error);
      outcome = Outcome.FAILURE;
    } else if (response == null || answer.isEmpty()) {
      answer.add(new ErrorEvent(RecordFields.NO_RESPONSE, "no_response", answerMeta));
      outcome = Outcome.FAILURE;
    } else {
      outcome = "completed".equals(status) || status == null ? Outcome.SUCCESS : Outcome.UNKNOWN;
    }
    String id = response == null ? null : RecordFields.id(response, "id", resPath);
    if (id != null && error == null) {
      List<Event> whole = new ArrayList<>(prompt);
      whole.addAll(answer);
      seen.put(id, List.copyOf(whole));
    }
    return new Call(where, prompt, List.of(answer), tools, outcome, RecordFields.text(r, "call_type", ""),
        session, metadata);
  }
}
