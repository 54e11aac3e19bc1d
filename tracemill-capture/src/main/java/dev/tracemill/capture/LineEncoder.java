package dev.tracemill.capture;

import java.time.Instant;
import java.util.Iterator;
import java.util.SortedMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one call as one line in the {@code logger} shape that {@code tracemill run} detects:
 * {@code messages} (ending with the assistant response), {@code call_type}, {@code metadata},
 * {@code timestamp}, {@code run_id}, then, when known, {@code tools}, {@code model}, {@code usage},
 * {@code latency_ms}, {@code finish_reason} and {@code error}. Field order is fixed, so equal calls
 * give equal bytes; maps are written with their keys sorted.
 */
final class LineEncoder {
  private LineEncoder() {}

  static void encode(JsonOut out, LlmCall call, Map<String, ?> runMetadata, Instant timestamp, String runId) {
    out.raw("{\"messages\":[");
    List<Message> messages = call.messages();
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        out.raw(',');
      }
      message(out, messages.get(i));
    }
    Message answer = call.responseMessage();
    if (answer != null) {
      if (!messages.isEmpty()) {
        out.raw(',');
      }
      message(out, answer);
    }
    out.raw("],\"call_type\":").string(call.callType());
    out.raw(",\"metadata\":");
    Map<String, ?> callMetadata = call.metadata();
    if (callMetadata.isEmpty()) {
      out.value(runMetadata);
    } else if (runMetadata.isEmpty()) {
      out.value(callMetadata);
    } else {
      merged(out, JsonOut.sorted(runMetadata), JsonOut.sorted(callMetadata));
    }
    out.raw(",\"timestamp\":").timestamp(timestamp);
    out.raw(",\"run_id\":").string(runId);
    if (!call.tools().isEmpty()) {
      out.raw(",\"tools\":[");
      for (int i = 0; i < call.tools().size(); i++) {
        ToolDefinition t = call.tools().get(i);
        if (i > 0) {
          out.raw(',');
        }
        out.raw("{\"type\":\"function\",\"function\":{\"name\":").string(t.name());
        if (t.description() != null) {
          out.raw(",\"description\":").string(t.description());
        }
        out.raw(",\"parameters\":").value(t.parameters().isEmpty()
            ? Map.of("type", "object", "properties", Map.of()) : t.parameters());
        out.raw("}}");
      }
      out.raw(']');
    }
    if (call.model() != null) {
      out.raw(",\"model\":").string(call.model());
    }
    Usage usage = call.usage();
    if (usage != null && !usage.isEmpty()) {
      out.raw(",\"usage\":{");
      boolean first = true;
      first = count(out, "prompt_tokens", usage.promptTokens(), first);
      first = count(out, "completion_tokens", usage.completionTokens(), first);
      count(out, "total_tokens", usage.totalTokens(), first);
      out.raw('}');
    }
    if (call.latency() != null) {
      out.raw(",\"latency_ms\":").number(call.latency().toMillis());
    }
    if (call.finishReason() != null) {
      out.raw(",\"finish_reason\":").string(call.finishReason());
    }
    CallError error = call.error();
    if (error != null) {
      out.raw(",\"error\":{\"message\":").string(error.message());
      if (error.type() != null) {
        out.raw(",\"type\":").string(error.type());
      }
      if (error.code() != null) {
        out.raw(",\"code\":").string(error.code());
      }
      out.raw('}');
    }
    out.raw("}\n");
  }

  /** Two sorted maps as one object, keys in order, the call's value on a shared key: a merge join. */
  private static void merged(JsonOut out, SortedMap<String, Object> run, SortedMap<String, Object> call) {
    Iterator<Map.Entry<String, Object>> a = run.entrySet().iterator();
    Iterator<Map.Entry<String, Object>> b = call.entrySet().iterator();
    Map.Entry<String, Object> x = a.hasNext() ? a.next() : null;
    Map.Entry<String, Object> y = b.hasNext() ? b.next() : null;
    out.raw('{');
    boolean first = true;
    while (x != null || y != null) {
      int cmp = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
      Map.Entry<String, Object> e = cmp < 0 ? x : y;
      if (!first) {
        out.raw(',');
      }
      first = false;
      out.name(e.getKey()).value(e.getValue());
      if (cmp <= 0) {
        x = a.hasNext() ? a.next() : null;
      }
      if (cmp >= 0) {
        y = b.hasNext() ? b.next() : null;
      }
    }
    out.raw('}');
  }

  private static boolean count(JsonOut out, String name, Long value, boolean first) {
    if (value == null) {
      return first;
    }
    if (!first) {
      out.raw(',');
    }
    out.raw('"').raw(name).raw("\":").number(value);
    return false;
  }

  private static void message(JsonOut out, Message m) {
    out.raw("{\"role\":").string(m.role());
    out.raw(",\"content\":").stringOrNull(m.content());
    if (m.toolCallId() != null) {
      out.raw(",\"tool_call_id\":").string(m.toolCallId());
    }
    if (!m.toolCalls().isEmpty()) {
      out.raw(",\"tool_calls\":[");
      for (int i = 0; i < m.toolCalls().size(); i++) {
        ToolCall c = m.toolCalls().get(i);
        if (i > 0) {
          out.raw(',');
        }
        out.raw("{\"id\":").stringOrNull(c.id());
        out.raw(",\"type\":\"function\",\"function\":{\"name\":").string(c.name());
        out.raw(",\"arguments\":").string(c.arguments()).raw("}}");
      }
      out.raw(']');
    }
    out.raw('}');
  }
}
