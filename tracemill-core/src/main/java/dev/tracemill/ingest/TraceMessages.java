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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the message shapes that tracing SDKs record in a span's input and output to canonical events.
 * One observability backend (Langfuse, an OTLP collector) receives them from many frameworks, each
 * with its own spelling; this class reads all of these:
 *
 * <ul>
 *   <li>OpenAI chat messages ({@code role}, {@code content} as a string or parts, {@code tool_calls}
 *       nested under {@code function} or flat, {@code tool_call_id}), also wrapped as
 *       {@code {"messages": [...]}}, a {@code chat.completion} ({@code choices}) or one choice
 *       ({@code {"index", "message"}});
 *   <li>OTel GenAI messages ({@code role} and {@code parts} of type {@code text}, {@code tool_call},
 *       {@code tool_call_response}, {@code reasoning}); pydantic-ai and Logfire write these;
 *   <li>LangChain messages: {@code type} human/ai/tool/system instead of a role, tool calls under
 *       {@code additional_kwargs.tool_calls} or as {@code {id, name, args}}, serialized
 *       {@code {"lc": 1, "id": [..., "HumanMessage"], "kwargs": {...}}};
 *   <li>Vercel AI SDK: {@code {"prompt": "..."}}, content parts {@code tool-call}/{@code tool-result},
 *       and a bare list of {@code {toolCallId, toolName, input}} as the output;
 *   <li>Gemini: role {@code model} and {@code parts: [{text}]}, {@code contents} as the input and
 *       {@code candidates} as the output;
 *   <li>plain text: an input string is one user message, unless it is a transcript whose lines start
 *       with {@code system: }, {@code developer: }, {@code user: }, {@code assistant: } or
 *       {@code tool: } (the OpenTelemetry OpenAI instrumentation writes that); an output string is the
 *       assistant's text; a Python {@code repr} of a message ({@code role='user' content='...'}), as
 *       agno writes, is read for its role and text.
 * </ul>
 *
 * A message whose role names a tool (LangGraph.js writes the tool's name as the role) is that tool's
 * result. A {@code tool} message whose content is a function definition (LangGraph Python writes the
 * bound tools into the prompt so) is a tool definition, not a turn; see {@link #inlineTools()}.
 *
 * <p>One instance serves one trace: ids it invents ({@code call_1}, ...) are numbered in the order
 * met, and results without an id are linked to the oldest open call of the same tool. Values that
 * are JSON inside a string (most SDKs serialise input and output so) are parsed first. Errors name
 * the path and the shape found, never a value.
 */
final class TraceMessages {
  private static final Pattern TRANSCRIPT_ROLE =
      Pattern.compile("(?m)^(system|developer|user|assistant|tool): ");
  private static final Pattern PY_REPR = Pattern.compile(
      "^role='(\\w+)' content=(None|'(?:[^'\\\\]++|\\\\.)*+'|\"(?:[^\"\\\\]++|\\\\.)*+\")", Pattern.DOTALL);

  private static final Pattern PY_CALL = Pattern.compile(
      "\\{'id': '([^']+)', 'function': \\{'arguments': '((?:[^'\\\\]++|\\\\.)*+)', 'name': '([^']+)'\\}");
  private static final Pattern PY_FIELD = Pattern.compile(" (tool_call_id|tool_name)='([^']*)'");

  private int invented;
  private final Map<String, String> callNames = new HashMap<>();
  /** Calls not yet answered, oldest first, for results that carry no call id. */
  private final List<ToolCall> open = new ArrayList<>();
  private final Map<String, ToolDef> inlineTools = new LinkedHashMap<>();

  /** Tool definitions met inside messages (see the class comment), in the order met. */
  List<ToolDef> inlineTools() {
    return List.copyOf(inlineTools.values());
  }

  /** A JSON value that a string holds, or the node itself when it is not a string of JSON. */
  static JsonNode decode(JsonNode v) {
    if (v != null && v.isTextual()) {
      String s = v.asText().strip();
      if (s.startsWith("{") || s.startsWith("[")) {
        JsonNode parsed = Json.tryParse(s);
        if (parsed != null) {
          return parsed;
        }
      }
    }
    return v;
  }

  /** The events of a span's input (the prompt); empty when it is null or missing. */
  List<Event> input(JsonNode raw, String path, EventMeta meta) {
    JsonNode v = decode(raw);
    List<Event> out = new ArrayList<>();
    if (v == null || v.isNull() || v.isMissingNode()) {
      return out;
    }
    if (v.isTextual()) {
      return transcript(v.asText(), meta);
    }
    if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        out.addAll(message(v.get(i), path + "[" + i + "]", meta, "user"));
      }
      return out;
    }
    if (!v.isObject()) {
      throw new BadRecordException(path + ": expected messages, found " + JsonLines.describe(v));
    }
    if (v.has("lc") && v.path("kwargs").isObject() && v.path("kwargs").has("messages")) {
      return input(v.path("kwargs").get("messages"), path + ".kwargs.messages", meta);
    }
    if (v.has("system") && v.get("system").isTextual()) {
      out.add(new SystemMsg(v.get("system").asText(), meta));
    }
    for (String field : new String[] {"messages", "contents", "input"}) {
      JsonNode inner = v.get(field);
      if (inner != null && !inner.isNull()) {
        JsonNode d = decode(inner);
        if (d.isArray() && d.size() == 1 && d.get(0).isArray()) {
          d = d.get(0); // LangChain batches: [[messages]]
        }
        out.addAll(d.isTextual() ? List.of(new UserMsg(d.asText(), meta)) : input(d, path + "." + field, meta));
        return out;
      }
    }
    if (v.has("prompt")) {
      JsonNode p = decode(v.get("prompt"));
      out.addAll(p.isTextual() ? List.of(new UserMsg(p.asText(), meta)) : input(p, path + ".prompt", meta));
      return out;
    }
    if (v.has("role") || v.has("type") || v.has("lc")) {
      out.addAll(message(v, path, meta, "user"));
      return out;
    }
    throw new BadRecordException(path + ": expected messages (an array, or an object with messages, contents or"
        + " prompt), found an object with other fields");
  }

  /** The events of a span's output (the answer); empty when it is null or missing. */
  List<Event> output(JsonNode raw, String path, EventMeta meta) {
    JsonNode v = decode(raw);
    List<Event> out = new ArrayList<>();
    if (v == null || v.isNull() || v.isMissingNode()) {
      return out;
    }
    if (v.isTextual()) {
      out.add(new AssistantMsg(v.asText(), null, meta));
      return out;
    }
    if (v.isArray()) {
      if (v.size() > 0 && v.get(0).isObject() && v.get(0).has("toolCallId")) {
        out.add(new AssistantMsg("", null, meta));
        for (int i = 0; i < v.size(); i++) {
          out.add(toolCall(v.get(i), path + "[" + i + "]", meta));
        }
        return out;
      }
      for (int i = 0; i < v.size(); i++) {
        JsonNode m = v.get(i);
        if (m.isObject() && m.has("message") && !m.has("role")) {
          out.addAll(message(m.get("message"), path + "[" + i + "].message", meta, "assistant"));
        } else {
          out.addAll(message(m, path + "[" + i + "]", meta, "assistant"));
        }
      }
      return out;
    }
    if (!v.isObject()) {
      throw new BadRecordException(path + ": expected a message, found " + JsonLines.describe(v));
    }
    JsonNode choices = v.get("choices");
    if (choices != null && choices.isArray()) {
      if (choices.isEmpty()) {
        return out;
      }
      JsonNode first = choices.get(0);
      JsonNode m = first.has("message") ? first.get("message") : first.get("delta");
      return message(m, path + ".choices[0].message", meta, "assistant");
    }
    JsonNode candidates = v.get("candidates");
    if (candidates != null && candidates.isArray()) {
      return candidates.isEmpty() ? out
          : message(candidates.get(0).get("content"), path + ".candidates[0].content", meta, "assistant");
    }
    if (v.has("message") && !v.has("role")) {
      return message(v.get("message"), path + ".message", meta, "assistant");
    }
    if (v.has("generations") && v.get("generations").isArray()) {
      JsonNode g = v.get("generations").get(0);
      g = g != null && g.isArray() ? g.get(0) : g;
      if (g != null && g.has("message")) {
        return message(g.get("message"), path + ".generations[0].message", meta, "assistant");
      }
      if (g != null && g.path("text").isTextual()) {
        out.add(new AssistantMsg(g.get("text").asText(), null, meta));
        return out;
      }
    }
    if (v.has("messages") && v.get("messages").isArray()) {
      // A graph's final state: the last message is what this span answered.
      JsonNode ms = v.get("messages");
      return ms.isEmpty() ? out : message(ms.get(ms.size() - 1), path + ".messages[last]", meta, "assistant");
    }
    if (v.has("role") || v.has("content") || v.has("parts") || v.has("lc") || v.has("type")) {
      return message(v, path, meta, "assistant");
    }
    if (v.path("text").isTextual()) {
      out.add(new AssistantMsg(v.get("text").asText(), null, meta));
      return out;
    }
    throw new BadRecordException(path + ": expected a message or a completion, found an object with other fields");
  }

  List<Event> transcript(String text, EventMeta meta) {
    Matcher m = TRANSCRIPT_ROLE.matcher(text);
    if (!m.find() || m.start() != 0) {
      return new ArrayList<>(List.of(new UserMsg(text, meta)));
    }
    List<Event> out = new ArrayList<>();
    String role = m.group(1);
    int start = m.end();
    while (true) {
      boolean more = m.find();
      int end = more ? m.start() : text.length();
      String body = text.substring(start, end);
      body = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
      out.addAll(simple(role, body, meta));
      if (!more) {
        return out;
      }
      role = m.group(1);
      start = m.end();
    }
  }

  /** agno's {@code repr} of a message: its tool calls and the id a tool result answers are read too. */
  private List<Event> pythonRepr(String role, String text, String repr, EventMeta meta) {
    if (role.equals("assistant")) {
      List<Event> out = new ArrayList<>();
      out.add(new AssistantMsg(text, null, meta));
      Matcher c = PY_CALL.matcher(repr);
      while (c.find()) {
        out.add(call(c.group(1), c.group(3), Json.NODES.textNode(unescapePython(c.group(2))), meta));
      }
      return out;
    }
    if (role.equals("tool")) {
      Matcher id = PY_FIELD.matcher(repr);
      String callId = null;
      String name = null;
      while (id.find()) {
        if (id.group(1).equals("tool_call_id")) {
          callId = id.group(2);
        } else if (id.group(1).equals("tool_name")) {
          name = id.group(2);
        }
      }
      return List.of(result(callId, name, text, meta));
    }
    return simple(role, text, meta);
  }

  private List<Event> simple(String role, String text, EventMeta meta) {
    return switch (role) {
      case "system", "developer" -> List.of(new SystemMsg(text, meta));
      case "assistant" -> List.of(new AssistantMsg(text.equals("None") ? "" : text, null, meta));
      case "tool" -> List.of(result(null, null, text, meta));
      default -> List.of(new UserMsg(text, meta));
    };
  }

  /** One message in any of the shapes of the class comment. */
  List<Event> message(JsonNode raw, String path, EventMeta meta, String defaultRole) {
    JsonNode m = decode(raw);
    if (m != null && m.isTextual()) {
      Matcher py = PY_REPR.matcher(m.asText());
      if (py.find()) {
        String c = py.group(2);
        String text = c.equals("None") ? "" : unescapePython(c.substring(1, c.length() - 1));
        return pythonRepr(py.group(1), text, m.asText(), meta);
      }
      return simple(defaultRole, m.asText(), meta);
    }
    if (m == null || !m.isObject()) {
      throw new BadRecordException(path + ": expected a message object, found " + JsonLines.describe(m));
    }
    if (m.has("lc") && m.path("kwargs").isObject()) {
      JsonNode id = m.path("id");
      String cls = id.isArray() && !id.isEmpty() ? id.get(id.size() - 1).asText() : "";
      return byRole(langChainRole(cls), m.get("kwargs"), path + ".kwargs", meta);
    }
    String role = Json.text(m, "role");
    if (role == null) {
      String type = Json.text(m, "type");
      role = type == null ? defaultRole : langChainRole(type);
    }
    return byRole(role, m, path, meta);
  }

  private static String langChainRole(String type) {
    return switch (type) {
      case "human", "HumanMessage", "HumanMessageChunk" -> "user";
      case "ai", "AIMessage", "AIMessageChunk" -> "assistant";
      case "system", "SystemMessage" -> "system";
      case "tool", "ToolMessage", "function", "FunctionMessage" -> "tool";
      case "message", "text" -> "assistant";
      default -> type;
    };
  }

  private List<Event> byRole(String role, JsonNode m, String path, EventMeta meta) {
    String r = role.toLowerCase(Locale.ROOT);
    return switch (r) {
      case "system", "developer" -> List.of(new SystemMsg(parts(m, path, meta).text, meta));
      case "user", "human" -> user(m, path, meta);
      case "assistant", "ai", "model" -> assistant(m, path, meta);
      case "tool", "function", "ipython" -> toolMessage(m, path, meta, null);
      default -> toolMessage(m, path, meta, role); // LangGraph.js: the tool's name as the role
    };
  }

  private List<Event> user(JsonNode m, String path, EventMeta meta) {
    Parts p = parts(m, path, meta);
    List<Event> out = new ArrayList<>();
    if (!p.text.isEmpty() || p.results.isEmpty()) {
      out.add(new UserMsg(p.text, meta));
    }
    for (Part r : p.results) {
      out.add(result(r.id, r.name, r.text, meta));
    }
    return out;
  }

  private List<Event> assistant(JsonNode m, String path, EventMeta meta) {
    Parts p = parts(m, path, meta);
    String reasoning = p.reasoning;
    for (String field : new String[] {"reasoning_content", "reasoning"}) {
      if (reasoning == null && m.path(field).isTextual()) {
        reasoning = m.get(field).asText();
      }
    }
    List<Event> out = new ArrayList<>();
    out.add(new AssistantMsg(p.text, reasoning, meta));
    for (ToolCall c : p.calls) {
      out.add(c);
    }
    JsonNode calls = m.get("tool_calls");
    if (calls == null || calls.isNull() || (calls.isArray() && calls.isEmpty())) {
      calls = m.path("additional_kwargs").get("tool_calls");
    }
    if (calls != null && calls.isArray() && p.calls.isEmpty()) {
      for (int i = 0; i < calls.size(); i++) {
        out.add(toolCall(calls.get(i), path + ".tool_calls[" + i + "]", meta));
      }
    }
    JsonNode legacy = m.get("function_call");
    if (legacy != null && legacy.isObject()) {
      out.add(toolCall(legacy, path + ".function_call", meta));
    }
    return out;
  }

  private List<Event> toolMessage(JsonNode m, String path, EventMeta meta, String nameFromRole) {
    JsonNode content = decode(m.get("content"));
    if (content != null && content.isObject() && "function".equals(Json.text(content, "type"))
        && content.path("function").isObject()) {
      JsonNode f = content.get("function");
      String name = Json.text(f, "name");
      if (name != null) {
        inlineTools.putIfAbsent(name, new ToolDef(name, Json.text(f, "description"),
            f.path("parameters").isObject() ? f.get("parameters") : null));
      }
      return List.of();
    }
    Parts p = parts(m, path, meta);
    String id = idOf(m, "tool_call_id", "toolCallId", "id");
    String name = Json.text(m, "name");
    if (name == null) {
      name = nameFromRole;
    }
    if (!p.results.isEmpty()) {
      List<Event> out = new ArrayList<>();
      for (Part r : p.results) {
        out.add(result(r.id, r.name, r.text, meta));
      }
      return out;
    }
    return List.of(result(id, name, p.text, meta));
  }

  private ToolResult result(String id, String name, String text, EventMeta meta) {
    String callId = id;
    if (callId == null) {
      for (int i = 0; i < open.size(); i++) {
        if (name == null || open.get(i).name().equals(name)) {
          callId = open.remove(i).id();
          break;
        }
      }
    } else {
      final String cid = callId;
      open.removeIf(c -> c.id().equals(cid));
    }
    if (callId == null) {
      callId = inventId();
    }
    if (name == null) {
      name = callNames.get(callId);
    }
    return new ToolResult(callId, name, text, false, meta);
  }

  /** {@code {id, type, function: {name, arguments}}}, {@code {id, name, arguments|args|input}} or Vercel's. */
  ToolCall toolCall(JsonNode c, String path, EventMeta meta) {
    if (c == null || !c.isObject()) {
      throw new BadRecordException(path + ": expected a tool call object, found " + JsonLines.describe(c));
    }
    JsonNode f = c.path("function").isObject() ? c.get("function") : c;
    String name = Json.text(f, "name");
    if (name == null) {
      name = Json.text(c, "toolName");
    }
    if (name == null) {
      throw new BadRecordException(path + ".name: expected a string (the tool's name)");
    }
    String id = idOf(c, "id", "toolCallId", "tool_call_id");
    JsonNode args = null;
    for (String field : new String[] {"arguments", "args", "input"}) {
      if (f.has(field) && !f.get(field).isNull()) {
        args = f.get(field);
        break;
      }
    }
    return call(id, name, args, meta);
  }

  private ToolCall call(String id, String name, JsonNode args, EventMeta meta) {
    String raw;
    JsonNode parsed;
    if (args == null || args.isNull()) {
      raw = "";
      parsed = null;
    } else if (args.isTextual()) {
      raw = args.asText();
      parsed = Json.tryParse(raw);
    } else {
      raw = Json.write(args);
      parsed = args;
    }
    String callId = id == null ? inventId() : id;
    callNames.put(callId, name);
    ToolCall call = new ToolCall(callId, name, parsed, raw, meta);
    open.add(call);
    return call;
  }

  private static String idOf(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode v = node.get(field);
      if (v != null && (v.isTextual() || v.isIntegralNumber()) && !v.asText().isEmpty()) {
        return v.asText();
      }
    }
    return null;
  }

  private String inventId() {
    invented++;
    return "call_" + invented;
  }

  private record Part(String id, String name, String text) {}

  private static final class Parts {
    String text = "";
    String reasoning;
    final List<ToolCall> calls = new ArrayList<>();
    final List<Part> results = new ArrayList<>();
  }

  /** The text, reasoning, tool calls and tool results of {@code content} or {@code parts}. */
  private Parts parts(JsonNode m, String path, EventMeta meta) {
    Parts out = new Parts();
    JsonNode c = m.has("content") && !m.get("content").isNull() ? m.get("content") : m.get("parts");
    if (c == null || c.isNull()) {
      if (m.path("text").isTextual()) {
        out.text = m.get("text").asText();
      }
      return out;
    }
    if (c.isTextual()) {
      out.text = c.asText();
      return out;
    }
    if (!c.isArray()) {
      // A structured tool result or output: keep it as JSON text.
      out.text = Json.write(c);
      return out;
    }
    boolean partsLike = true;
    for (JsonNode part : c) {
      partsLike &= part.isTextual() || (part.isObject() && (part.has("type") || part.has("text") || part.has("functionCall")));
    }
    if (!partsLike) {
      out.text = Json.write(c); // a tool's structured result, not content parts
      return out;
    }
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    for (int i = 0; i < c.size(); i++) {
      JsonNode part = c.get(i);
      String p = path + ".content[" + i + "]";
      if (part.isTextual()) {
        append(text, part.asText());
        continue;
      }
      if (!part.isObject()) {
        throw new BadRecordException(p + ": expected a content part, found " + JsonLines.describe(part));
      }
      String type = Json.text(part, "type");
      type = type == null ? (part.has("text") ? "text" : part.has("functionCall") ? "functionCall" : "") : type;
      switch (type) {
        case "text", "input_text", "output_text" -> append(text, partText(part));
        case "refusal" -> append(text, Json.text(part, "refusal"));
        case "thinking", "reasoning" -> append(reasoning, partText(part) != null ? partText(part) : Json.text(part, "thinking"));
        case "tool_call", "tool-call", "tool_use", "function_call" -> {
          JsonNode args = part.has("arguments") ? part.get("arguments") : part.has("input") ? part.get("input") : part.get("args");
          String name = Json.text(part, "name") != null ? Json.text(part, "name") : Json.text(part, "toolName");
          if (name == null) {
            throw new BadRecordException(p + ".name: expected a string (the tool's name)");
          }
          out.calls.add(call(idOf(part, "id", "toolCallId", "call_id"), name, args, meta));
        }
        case "tool_call_response", "tool-result", "tool_result", "function_call_output" -> {
          JsonNode res = part.has("result") ? part.get("result") : part.has("response") ? part.get("response")
              : part.has("output") ? part.get("output") : part.get("content");
          String s = res == null || res.isNull() ? "" : res.isTextual() ? res.asText() : Json.write(res);
          String name = Json.text(part, "name") != null ? Json.text(part, "name") : Json.text(part, "toolName");
          out.results.add(new Part(idOf(part, "id", "toolCallId", "tool_use_id", "call_id"), name, s));
        }
        case "functionCall" -> {
          JsonNode fc = part.get("functionCall");
          out.calls.add(call(null, Json.text(fc, "name") == null ? "function" : Json.text(fc, "name"), fc.get("args"),
              meta));
        }
        default -> { } // images, audio, files: no text to train on
      }
    }
    out.text = text.toString();
    out.reasoning = reasoning.length() == 0 ? null : reasoning.toString();
    return out;
  }

  private static String partText(JsonNode part) {
    JsonNode t = part.has("text") ? part.get("text") : part.get("content");
    return t == null || t.isNull() ? null : t.isTextual() ? t.asText() : Json.write(t);
  }

  private static void append(StringBuilder sb, String piece) {
    if (piece == null) {
      return;
    }
    if (sb.length() > 0) {
      sb.append('\n');
    }
    sb.append(piece);
  }

  private static String unescapePython(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          default -> out.append(n);
        }
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
