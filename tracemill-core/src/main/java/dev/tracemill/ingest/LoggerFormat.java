package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lines written by rulechef's {@code TrainingDataLogger} (and tracemill's Java capture module, which
 * writes the same shape): {@code messages} (the prompt with the response appended as the final
 * assistant message), {@code call_type}, {@code metadata} and an ISO-8601 {@code timestamp}; the
 * capture module may add {@code run_id}, {@code tools}, {@code model}, {@code usage},
 * {@code latency_ms}, {@code finish_reason} and {@code error}.
 *
 * <p>The final assistant turn is the call's single choice and everything before it the prompt. A row
 * without a user turn is read like any other; deciding whether it can train is a filter's job. The
 * call is a {@code FAILURE} when it logged an error or its metadata says {@code response_valid:
 * false} or its {@code finish_reason} is {@code content_filter}, else a {@code SUCCESS}. A
 * {@code finish_reason} other than {@code stop}, {@code tool_calls} or {@code function_call} is kept
 * as the attribute {@code finish_reason} of the answer's events, as the {@code openai} reader does. A top-level {@code run_id} is kept in the call's metadata.
 */
public final class LoggerFormat implements LogFormat {
  @Override
  public String name() {
    return "logger";
  }

  @Override
  public String description() {
    return "TrainingDataLogger rows: {messages, call_type, metadata, timestamp} per line (JSONL)";
  }

  @Override
  public int sniff(Sample sample) {
    JsonNode line = sample.firstLine();
    return line != null && line.path("messages").isArray() && line.has("call_type") ? 95 : 0;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    JsonLines.read(file, options, sink, LoggerFormat::map);
  }

  static Call map(JsonNode r, SourceRef where) {
    JsonNode metadata = RecordFields.object(r, "metadata", "");
    Map<String, String> flat = Json.flatStrings(metadata);
    String runId = RecordFields.id(r, "run_id", "");
    if (runId != null) {
      flat.putIfAbsent("run_id", runId);
    }
    String session = RecordFields.session(r, "");
    if (session == null) {
      session = RecordFields.session(metadata, "metadata");
    }
    String model = RecordFields.text(r, "model", "");
    if (model == null) {
      model = Json.text(metadata, "model");
    }
    EventMeta base = EventMeta.of(where).withSession(session);
    EventMeta answerMeta = base.withModel(model)
        .withUsage(RecordFields.usage(r, "usage", ""))
        .withTimestamp(RecordFields.instant(r, "timestamp", ""))
        .withLatencyMs(RecordFields.millis(r, "latency_ms", ""));
    String finish = RecordFields.text(r, "finish_reason", "");
    boolean filtered = false;
    if (finish != null && !OpenAiFormat.NORMAL_FINISH.contains(finish)) {
      answerMeta = RecordFields.withAttribute(answerMeta, "finish_reason", finish);
      filtered = finish.equals("content_filter");
    }
    OpenAiMessages.Split split = new OpenAiMessages().split(r.get("messages"), "messages", base, answerMeta);
    ErrorEvent error = RecordFields.error(r, "error", "", answerMeta);
    List<Event> answer = new ArrayList<>(split.answer());
    if (error != null) {
      answer.add(error);
    }
    JsonNode valid = metadata == null ? null : metadata.get("response_valid");
    boolean invalid = valid != null && (valid.isBoolean() ? !valid.asBoolean() : "false".equals(valid.asText()));
    Outcome outcome = error != null || invalid || filtered ? Outcome.FAILURE : Outcome.SUCCESS;
    return new Call(where, split.prompt(), List.of(answer), OpenAiMessages.tools(r, ""), outcome,
        RecordFields.text(r, "call_type", ""), session, flat);
  }
}
