package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps OpenAI Responses API items (a request's {@code input}, a response's {@code output}) to
 * canonical events. Item types read: {@code message} (also the typeless {@code {role, content}} form;
 * content a string or parts {@code input_text}/{@code output_text}/{@code refusal}),
 * {@code function_call} and {@code custom_tool_call} (the call), {@code function_call_output} and
 * {@code custom_tool_call_output} (its result, linked by {@code call_id}), and {@code reasoning}
 * (its {@code summary} texts, or {@code content} when present, become the reasoning of the next
 * assistant message). Built-in tool items (web search, file search, computer use, code interpreter,
 * image generation, MCP listings) hold no function the model could be trained to call and are left
 * out; {@code item_reference} items point at stored items the log does not hold and are left out too.
 *
 * <p>Consecutive function calls follow one assistant message (an empty one when the model only
 * called tools), which is the order {@code Unit} promises. One instance serves one record.
 */
final class ResponsesItems {
  private final Map<String, String> callNames = new HashMap<>();
  private String pendingReasoning;
  private int invented;

  /** The request's {@code instructions} and {@code input} (a string or a list of items). */
  List<Event> input(JsonNode instructions, JsonNode input, String path, EventMeta meta) {
    List<Event> out = new ArrayList<>();
    if (instructions != null && instructions.isTextual() && !instructions.asText().isEmpty()) {
      out.add(new SystemMsg(instructions.asText(), meta));
    }
    if (input == null || input.isNull()) {
      return out;
    }
    if (input.isTextual()) {
      out.add(new UserMsg(input.asText(), meta));
      return out;
    }
    out.addAll(items(input, path, meta));
    return out;
  }

  /** A list of items, in order. */
  List<Event> items(JsonNode items, String path, EventMeta meta) {
    if (!items.isArray()) {
      throw new BadRecordException(path + ": expected a string or an array of items, found " + JsonLines.describe(items));
    }
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      item(items.get(i), path + "[" + i + "]", meta, out);
    }
    if (pendingReasoning != null) {
      out.add(new AssistantMsg("", pendingReasoning, meta));
      pendingReasoning = null;
    }
    return out;
  }

  private void item(JsonNode it, String path, EventMeta meta, List<Event> out) {
    if (!it.isObject()) {
      throw new BadRecordException(path + ": expected an item object, found " + JsonLines.describe(it));
    }
    String type = Json.text(it, "type");
    if (type == null) {
      type = it.has("role") ? "message" : "";
    }
    switch (type) {
      case "message" -> message(it, path, meta, out);
      case "function_call", "custom_tool_call" -> {
        String name = RecordFields.text(it, "name", path);
        if (name == null) {
          throw new BadRecordException(path + ".name: expected a string");
        }
        String callId = RecordFields.id(it, "call_id", path);
        if (callId == null) {
          callId = "call_" + (++invented);
        }
        JsonNode args = it.get(type.equals("function_call") ? "arguments" : "input");
        String raw = args == null || args.isNull() ? "" : args.isTextual() ? args.asText() : Json.write(args);
        JsonNode parsed = raw.isEmpty() ? null : Json.tryParse(raw);
        if (!endsWithAssistantTurn(out)) {
          out.add(new AssistantMsg("", takeReasoning(), meta));
        }
        callNames.put(callId, name);
        out.add(new ToolCall(callId, name, parsed, raw, meta));
      }
      case "function_call_output", "custom_tool_call_output" -> {
        String callId = RecordFields.id(it, "call_id", path);
        if (callId == null) {
          throw new BadRecordException(path + ".call_id: expected a string");
        }
        JsonNode o = it.get("output");
        String text;
        if (o == null || o.isNull()) {
          text = "";
        } else if (o.isTextual()) {
          text = o.asText();
        } else if (o.isArray()) {
          var holder = Json.object();
          holder.set("content", o);
          text = OpenAiMessages.content(holder, path + ".output");
        } else {
          text = Json.write(o);
        }
        out.add(new ToolResult(callId, callNames.get(callId), text, false, meta));
      }
      case "reasoning" -> {
        StringBuilder sb = new StringBuilder();
        JsonNode parts = it.path("content").isArray() && !it.get("content").isEmpty() ? it.get("content") : it.get("summary");
        if (parts != null && parts.isArray()) {
          for (JsonNode p : parts) {
            if (p.path("text").isTextual()) {
              if (sb.length() > 0) {
                sb.append('\n');
              }
              sb.append(p.get("text").asText());
            }
          }
        }
        if (sb.length() > 0) {
          pendingReasoning = pendingReasoning == null ? sb.toString() : pendingReasoning + "\n" + sb;
        }
      }
      default -> { } // built-in tools and item references: see the class comment
    }
  }

  private String takeReasoning() {
    String r = pendingReasoning;
    pendingReasoning = null;
    return r;
  }

  /** True when the last events are an assistant message and its calls (a call may join that turn). */
  private static boolean endsWithAssistantTurn(List<Event> out) {
    for (int i = out.size() - 1; i >= 0; i--) {
      Event e = out.get(i);
      if (e instanceof ToolCall) {
        continue;
      }
      return e instanceof AssistantMsg;
    }
    return false;
  }

  private void message(JsonNode m, String path, EventMeta meta, List<Event> out) {
    String role = RecordFields.text(m, "role", path);
    if (role == null) {
      throw new BadRecordException(path + ".role: expected a string");
    }
    String text = OpenAiMessages.content(m, path);
    switch (role) {
      case "system", "developer" -> out.add(new SystemMsg(text, meta));
      case "user" -> out.add(new UserMsg(text, meta));
      case "assistant" -> out.add(new AssistantMsg(text, takeReasoning(), meta));
      default -> throw new BadRecordException(path + ".role: unknown role, expected system, developer, user or assistant");
    }
  }

  /** Function tools ({@code {type: function, name, description, parameters}}); built-in tools are left out. */
  static List<ToolDef> tools(JsonNode tools, String path) {
    List<ToolDef> out = new ArrayList<>();
    if (tools == null || tools.isNull()) {
      return out;
    }
    if (!tools.isArray()) {
      throw new BadRecordException(path + ": expected an array of tools, found " + JsonLines.describe(tools));
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      String type = Json.text(t, "type");
      if (type != null && !type.equals("function") && !type.equals("custom")) {
        continue;
      }
      ToolDef d = TraceRebuild.toolDef(t, null);
      if (d == null) {
        throw new BadRecordException(path + "[" + i + "].name: expected a string");
      }
      out.add(d);
    }
    return out;
  }
}
