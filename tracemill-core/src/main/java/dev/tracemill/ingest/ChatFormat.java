package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.util.List;

/**
 * Rows that are already chat conversations: {@code {"messages": [...], "tools": [...],
 * "functions": [...]}}, as in OpenAI fine-tuning files and LlamaIndex's
 * {@code OpenAIFineTuningHandler} output. The final assistant turn is the call's single choice and
 * everything before it the prompt. Such files say nothing about whether a call went well, so the
 * outcome is {@code UNKNOWN}. An assistant message with {@code weight: 0} (not to be trained on) is
 * kept and marked with the attribute {@code weight=0}.
 */
public final class ChatFormat implements LogFormat {
  @Override
  public String name() {
    return "chat";
  }

  @Override
  public String description() {
    return "Chat conversations (OpenAI fine-tuning shape): {messages, tools} per line (JSONL)";
  }

  @Override
  public int sniff(Sample sample) {
    JsonNode line = sample.firstLine();
    if (line == null || !line.path("messages").isArray() || line.has("call_type") || line.has("request")) {
      return 0;
    }
    return 60;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    JsonLines.read(file, options, sink, ChatFormat::map);
  }

  static Call map(JsonNode r, SourceRef where) {
    EventMeta meta = EventMeta.of(where);
    OpenAiMessages.Split split = new OpenAiMessages().split(r.get("messages"), "messages", meta, meta);
    return new Call(where, split.prompt(), List.of(split.answer()), OpenAiMessages.tools(r, ""),
        Outcome.UNKNOWN, null, null, null);
  }
}
