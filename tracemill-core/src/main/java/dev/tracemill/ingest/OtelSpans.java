package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.ingest.TraceRebuilder.Kind;
import dev.tracemill.ingest.TraceRebuilder.Span;
import dev.tracemill.ingest.TraceRebuilder.ToolRun;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.UserMsg;
import dev.tracemill.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what a span's attributes and events say about a model call, a tool run or an agent, whatever
 * the instrumentation: the OpenTelemetry GenAI semantic conventions (current {@code
 * gen_ai.input.messages} attributes, and the deprecated {@code gen_ai.prompt}/{@code gen_ai.completion}
 * attributes, flattened {@code gen_ai.prompt.N.*} attributes and {@code gen_ai.*.message} /
 * {@code gen_ai.choice} events), OpenInference ({@code llm.input_messages.N.message.*}) and the Vercel
 * AI SDK ({@code ai.prompt.messages}, {@code ai.toolCall.*}). Shared by the {@code otlp} and
 * {@code openinference} readers.
 */
final class OtelSpans {
  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{1,18}");
  private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\d{1,6}");

  private OtelSpans() {}

  /** A span event or a log record: its name, attributes (flattened, dotted keys) and body (may be null). */
  record RawEvent(String name, Map<String, JsonNode> attributes, JsonNode body, Instant time) {}

  /**
   * A span as read from the file: ids (lower-case hex for OTLP), times (null when absent), attributes
   * with dotted keys, events, and the status ({@code error} true for an error status).
   */
  record RawSpan(String trace, String id, String parent, String name, Instant start, Instant end,
      Map<String, JsonNode> attributes, List<RawEvent> events, boolean error, String statusMessage,
      long order, SourceRef source) {}

  static final List<String> SESSION_KEYS = List.of("session.id", "gen_ai.conversation.id",
      "ai.telemetry.metadata.sessionId", "ai.telemetry.metadata.session_id", "session_id", "thread_id");

  /** What the span is, from its operation name, OpenInference kind or Vercel operation id. */
  static Kind kind(RawSpan s) {
    Map<String, JsonNode> a = s.attributes();
    String op = text(a, "gen_ai.operation.name");
    if (op != null) {
      switch (op) {
        case "chat", "text_completion", "generate_content", "completion" -> {
          return Kind.LLM;
        }
        case "execute_tool" -> {
          return Kind.TOOL;
        }
        case "invoke_agent" -> {
          return Kind.AGENT;
        }
        default -> {
          return Kind.OTHER;
        }
      }
    }
    String oi = text(a, "openinference.span.kind");
    if (oi != null) {
      return switch (oi.toUpperCase(java.util.Locale.ROOT)) {
        case "LLM" -> Kind.LLM;
        case "TOOL" -> Kind.TOOL;
        case "AGENT" -> Kind.AGENT;
        default -> Kind.OTHER;
      };
    }
    String ai = text(a, "ai.operationId");
    if (ai != null) {
      return switch (ai) {
        case "ai.generateText.doGenerate", "ai.streamText.doStream", "ai.generateObject.doGenerate",
            "ai.streamObject.doStream" -> Kind.LLM;
        case "ai.toolCall" -> Kind.TOOL;
        case "ai.generateText", "ai.streamText", "ai.generateObject", "ai.streamObject" -> Kind.AGENT;
        default -> Kind.OTHER;
      };
    }
    if (a.containsKey("gen_ai.input.messages") || a.containsKey("gen_ai.prompt")
        || a.containsKey("gen_ai.prompt.0.role") || a.containsKey("gen_ai.prompt.0.content")
        || a.containsKey("llm.input_messages.0.message.role") || hasMessageEvents(s)) {
      return Kind.LLM;
    }
    return Kind.OTHER;
  }

  private static boolean hasMessageEvents(RawSpan s) {
    for (RawEvent e : s.events()) {
      if (e.name() != null && e.name().startsWith("gen_ai.")) {
        return true;
      }
    }
    return false;
  }

  /** The span for the rebuilder; throws {@link BadRecordException} when a record's content is malformed. */
  static Span span(RawSpan s) {
    Kind kind = kind(s);
    Map<String, JsonNode> a = s.attributes();
    String session = null;
    for (String k : SESSION_KEYS) {
      session = session == null ? text(a, k) : session;
    }
    String model = firstText(a, "gen_ai.response.model", "gen_ai.request.model", "llm.model_name",
        "ai.response.model", "ai.model.id");
    Long latency = s.start() != null && s.end() != null && !s.end().isBefore(s.start())
        ? Duration.between(s.start(), s.end()).toMillis() : null;
    EventMeta base = new EventMeta(session, s.trace(), s.id(), s.parent(), s.start(), null, Usage.UNKNOWN,
        null, s.source(), Map.of());
    EventMeta answer = base.withModel(model).withUsage(usage(a)).withLatencyMs(latency);
    ErrorEvent error = s.error()
        ? new ErrorEvent(s.statusMessage() == null || s.statusMessage().isEmpty()
            ? "the call failed" : s.statusMessage(), text(a, "error.type"), answer)
        : null;
    Map<String, String> metadata = new TreeMap<>();
    if (s.trace() != null) {
      metadata.put("trace_id", s.trace());
    }
    if (s.name() != null) {
      metadata.put("span_name", s.name());
    }
    String provider = firstText(a, "gen_ai.provider.name", "gen_ai.system", "llm.provider", "ai.model.provider");
    if (provider != null) {
      metadata.put("provider", provider);
    }
    String callType = firstText(a, "gen_ai.agent.name", "ai.telemetry.functionId");
    if (callType == null) {
      callType = s.name();
    }
    List<Event> input = List.of();
    List<Event> output = List.of();
    List<ToolDef> tools = List.of();
    List<List<Event>> more = List.of();
    ToolRun run = null;
    switch (kind) {
      case LLM, AGENT -> {
        GenAiMessages mapper = new GenAiMessages();
        Messages m = messages(s, mapper, base, answer);
        input = m.input;
        output = m.output;
        more = m.more;
        tools = tools(a);
        if (kind == Kind.LLM && input.isEmpty() && output.isEmpty()) {
          throw new BadRecordException("the model call span holds no messages (content capture was off:"
              + " set OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT or the instrumentation's"
              + " equivalent)");
        }
      }
      case TOOL -> run = toolRun(s, error != null);
      case OTHER -> { }
    }
    return new Span(s.trace(), s.id(), s.parent(), session, kind, callType, s.start(), s.order(), s.source(),
        input, output, tools, run, kind == Kind.TOOL ? null : error, metadata, more);
  }

  private record Messages(List<Event> input, List<Event> output, List<List<Event>> more) {
    Messages(List<Event> input, List<Event> output) {
      this(input, output, List.of());
    }
  }

  private static Messages messages(RawSpan s, GenAiMessages mapper, EventMeta base, EventMeta answer) {
    Map<String, JsonNode> a = s.attributes();
    List<Event> input = new ArrayList<>();
    List<Event> output = new ArrayList<>();
    // The operation-details event (and a log record of it) carries the same attributes as the span.
    Map<String, JsonNode> details = a;
    for (RawEvent e : s.events()) {
      if ("gen_ai.client.inference.operation.details".equals(e.name())) {
        details = new LinkedHashMap<>(a);
        details.putAll(e.attributes());
      }
    }
    if (details.containsKey("gen_ai.input.messages") || details.containsKey("gen_ai.output.messages")
        || details.containsKey("gen_ai.system_instructions")) {
      JsonNode sys = GenAiMessages.parsed(details.get("gen_ai.system_instructions"), "gen_ai.system_instructions");
      if (sys != null) {
        String text = GenAiMessages.asText(sys);
        input.add(new SystemMsg(text, base));
      }
      JsonNode in = GenAiMessages.parsed(details.get("gen_ai.input.messages"), "gen_ai.input.messages");
      if (in != null) {
        input.addAll(mapper.messages(in, "gen_ai.input.messages", base));
      }
      JsonNode out = GenAiMessages.parsed(details.get("gen_ai.output.messages"), "gen_ai.output.messages");
      List<List<Event>> more = new ArrayList<>();
      if (out != null) {
        output.addAll(firstChoice(mapper, out, "gen_ai.output.messages", answer));
        for (int i = 1; i < out.size(); i++) {
          more.add(mapper.message(out.get(i), "gen_ai.output.messages[" + i + "]", answer, "assistant"));
        }
      }
      return new Messages(input, output, more);
    }
    if (a.containsKey("llm.input_messages.0.message.role") || a.containsKey("llm.output_messages.0.message.role")) {
      input.addAll(mapper.messages(unflatten(a, "llm.input_messages."), "llm.input_messages", base));
      ArrayNode out = unflatten(a, "llm.output_messages.");
      if (out.size() > 0) {
        output.addAll(mapper.message(out.get(0), "llm.output_messages[0]", answer, "assistant"));
      }
      return new Messages(input, output);
    }
    if (a.containsKey("gen_ai.prompt.0.role") || a.containsKey("gen_ai.prompt.0.content")) {
      input.addAll(mapper.messages(unflatten(a, "gen_ai.prompt."), "gen_ai.prompt", base));
      ArrayNode out = unflatten(a, "gen_ai.completion.");
      if (out.size() > 0) {
        output.addAll(mapper.message(out.get(0), "gen_ai.completion[0]", answer, "assistant"));
      }
      return new Messages(input, output);
    }
    if (a.containsKey("ai.prompt.messages") || a.containsKey("ai.prompt")) {
      vercel(a, mapper, base, answer, input, output);
      return new Messages(input, output);
    }
    JsonNode prompt = a.get("gen_ai.prompt");
    JsonNode completion = a.get("gen_ai.completion");
    for (RawEvent e : s.events()) {
      if ("gen_ai.content.prompt".equals(e.name()) && e.attributes().containsKey("gen_ai.prompt")) {
        prompt = e.attributes().get("gen_ai.prompt");
      }
      if ("gen_ai.content.completion".equals(e.name()) && e.attributes().containsKey("gen_ai.completion")) {
        completion = e.attributes().get("gen_ai.completion");
      }
    }
    if (prompt != null || completion != null) {
      JsonNode p = GenAiMessages.parsed(prompt, "gen_ai.prompt");
      if (p != null) {
        input.addAll(conversation(mapper, p, "gen_ai.prompt", base));
      }
      JsonNode c = GenAiMessages.parsed(completion, "gen_ai.completion");
      if (c != null) {
        output.addAll(answer(mapper, c, "gen_ai.completion", answer));
      }
      return new Messages(input, output);
    }
    List<List<Event>> more = new ArrayList<>();
    if (events(s, mapper, base, answer, input, output, more)) {
      return new Messages(input, output, more);
    }
    JsonNode value = a.get("input.value");
    if (value != null) {
      JsonNode p = "application/json".equals(text(a, "input.mime_type")) || value.isContainerNode()
          ? GenAiMessages.parsed(value, "input.value") : null;
      if (p != null && (p.isArray() || p.path("messages").isArray())) {
        input.addAll(conversation(mapper, p, "input.value", base));
      } else {
        input.add(new UserMsg(GenAiMessages.asText(value), base));
      }
      JsonNode out = a.get("output.value");
      if (out != null) {
        JsonNode o = out.isTextual() ? Json.tryParse(out.asText()) : out;
        output.addAll(o != null && o.isContainerNode() ? answer(mapper, o, "output.value", answer)
            : List.of(new AssistantMsg(GenAiMessages.asText(out), null, answer)));
      }
    }
    return new Messages(input, output);
  }

  /** A conversation: an array of messages or an object with {@code messages} (and maybe {@code system}). */
  private static List<Event> conversation(GenAiMessages mapper, JsonNode p, String path, EventMeta meta) {
    List<Event> out = new ArrayList<>();
    if (p.isArray()) {
      return mapper.messages(p, path, meta);
    }
    if (p.path("system").isTextual()) {
      out.add(new SystemMsg(p.get("system").asText(), meta));
    }
    if (p.path("messages").isArray()) {
      out.addAll(mapper.messages(p.get("messages"), path + ".messages", meta));
    } else if (p.path("prompt").isTextual()) {
      out.add(new UserMsg(p.get("prompt").asText(), meta));
    } else if (p.isTextual()) {
      out.add(new UserMsg(p.asText(), meta));
    } else {
      throw new BadRecordException(path + ": expected an array of messages or an object with messages");
    }
    return out;
  }

  /**
   * An answer: output messages (the first choice), an OpenAI completion ({@code choices}), a
   * {@code {text}} object, or a message.
   */
  private static List<Event> answer(GenAiMessages mapper, JsonNode o, String path, EventMeta meta) {
    if (o.isArray()) {
      return firstChoice(mapper, o, path, meta);
    }
    if (o.path("choices").isArray() && o.get("choices").size() > 0) {
      JsonNode c = o.get("choices").get(0);
      JsonNode message = c.has("message") ? c.get("message") : c;
      return mapper.message(message, path + ".choices[0].message", meta, "assistant");
    }
    if (o.has("role") || o.has("parts") || o.has("content") || o.has("tool_calls")) {
      return mapper.message(o, path, meta, "assistant");
    }
    if (o.path("text").isTextual()) {
      return List.of(new AssistantMsg(o.get("text").asText(), null, meta));
    }
    return List.of(new AssistantMsg(Json.write(o), null, meta));
  }

  /** The first assistant message of an output array (further choices are alternatives, not turns). */
  private static List<Event> firstChoice(GenAiMessages mapper, JsonNode out, String path, EventMeta meta) {
    if (!out.isArray()) {
      throw new BadRecordException(path + ": expected an array of messages, found " + JsonLines.describe(out));
    }
    if (out.isEmpty()) {
      return List.of();
    }
    return mapper.message(out.get(0), path + "[0]", meta, "assistant");
  }

  /** Vercel AI SDK: {@code ai.prompt.messages} on the model call, {@code ai.prompt} on the outer call. */
  private static void vercel(Map<String, JsonNode> a, GenAiMessages mapper, EventMeta base, EventMeta answer,
      List<Event> input, List<Event> output) {
    JsonNode messages = GenAiMessages.parsed(a.get("ai.prompt.messages"), "ai.prompt.messages");
    if (messages != null) {
      input.addAll(mapper.messages(messages, "ai.prompt.messages", base));
    } else {
      JsonNode prompt = GenAiMessages.parsed(a.get("ai.prompt"), "ai.prompt");
      input.addAll(conversation(mapper, prompt, "ai.prompt", base));
    }
    String text = text(a, "ai.response.text");
    JsonNode object = a.get("ai.response.object");
    JsonNode calls = GenAiMessages.parsed(a.get("ai.response.toolCalls"), "ai.response.toolCalls");
    if (text == null && object != null) {
      text = GenAiMessages.asText(object);
    }
    if (text != null || calls != null) {
      ObjectNode m = Json.object();
      m.put("role", "assistant");
      ArrayNode parts = m.putArray("content");
      if (text != null) {
        parts.addObject().put("type", "text").put("text", text);
      }
      if (calls != null && calls.isArray()) {
        for (JsonNode c : calls) {
          ObjectNode part = parts.addObject();
          part.put("type", "tool-call");
          part.set("toolCallId", c.get("toolCallId"));
          part.set("toolName", c.get("toolName"));
          part.set("input", c.has("input") ? c.get("input") : c.get("args"));
        }
      }
      output.addAll(mapper.message(m, "ai.response", answer, "assistant"));
    }
  }

  /** The deprecated event form: {@code gen_ai.system.message}, ..., {@code gen_ai.choice}; false when none. */
  static boolean events(RawSpan s, GenAiMessages mapper, EventMeta base, EventMeta answer, List<Event> input,
      List<Event> output, List<List<Event>> more) {
    boolean any = false;
    boolean choice = false;
    for (RawEvent e : s.events()) {
      String name = e.name();
      if (name == null) {
        continue;
      }
      JsonNode body = eventBody(e);
      String path = name;
      switch (name) {
        case "gen_ai.system.message", "gen_ai.user.message", "gen_ai.assistant.message", "gen_ai.tool.message" -> {
          String role = name.substring("gen_ai.".length(), name.length() - ".message".length());
          input.addAll(mapper.message(body, path, base, role));
          any = true;
        }
        case "gen_ai.choice" -> {
          any = true;
          JsonNode message = body.path("message").isObject() ? body.get("message") : body;
          if (!choice && body.path("index").asInt(0) == 0) {
            output.addAll(mapper.message(message, path + ".message", answer, "assistant"));
            choice = true;
          } else {
            more.add(mapper.message(message, path + ".message", answer, "assistant"));
          }
        }
        default -> { }
      }
    }
    return any;
  }

  /** A log record's body, or a span event's attributes (content, role, tool_calls, id) as an object. */
  private static JsonNode eventBody(RawEvent e) {
    if (e.body() != null && e.body().isObject()) {
      return e.body();
    }
    JsonNode content = e.attributes().get("gen_ai.event.content");
    if (content != null) {
      JsonNode p = GenAiMessages.parsed(content, e.name() + ".gen_ai.event.content");
      if (p.isObject()) {
        return p;
      }
    }
    ObjectNode o = Json.object();
    for (Map.Entry<String, JsonNode> kv : e.attributes().entrySet()) {
      String k = kv.getKey();
      JsonNode v = kv.getValue();
      if ((k.equals("tool_calls") || k.equals("message")) && v.isTextual()) {
        JsonNode p = Json.tryParse(v.asText());
        v = p == null ? v : p;
      }
      if (!k.startsWith("gen_ai.") && !k.startsWith("event.")) {
        o.set(k, v);
      }
    }
    if (e.body() != null && !e.body().isNull() && !o.has("content")) {
      o.set("content", e.body());
    }
    return o;
  }

  private static List<ToolDef> tools(Map<String, JsonNode> a) {
    List<ToolDef> out = new ArrayList<>();
    JsonNode defs = GenAiMessages.parsed(a.get("gen_ai.tool.definitions"), "gen_ai.tool.definitions");
    if (defs != null) {
      out.addAll(GenAiMessages.toolDefs(defs, "gen_ai.tool.definitions"));
    }
    JsonNode vercel = a.get("ai.prompt.tools");
    if (vercel != null && vercel.isArray()) {
      out.addAll(GenAiMessages.toolDefs(vercel, "ai.prompt.tools"));
    }
    for (int i = 0; a.containsKey("llm.tools." + i + ".tool.json_schema"); i++) {
      String key = "llm.tools." + i + ".tool.json_schema";
      ToolDef d = GenAiMessages.toolDef(GenAiMessages.parsed(a.get(key), key), key);
      if (d != null) {
        out.add(d);
      }
    }
    for (int i = 0; a.containsKey("llm.request.functions." + i + ".name"); i++) {
      String p = "llm.request.functions." + i + ".";
      JsonNode params = a.get(p + "parameters");
      JsonNode schema = params == null ? null : GenAiMessages.parsed(params, p + "parameters");
      out.add(new ToolDef(text(a, p + "name"), text(a, p + "description"),
          schema != null && schema.isObject() ? schema : null));
    }
    return out;
  }

  private static ToolRun toolRun(RawSpan s, boolean error) {
    Map<String, JsonNode> a = s.attributes();
    String id = firstText(a, "gen_ai.tool.call.id", "tool_call.id", "tool.id", "ai.toolCall.id");
    String name = firstText(a, "gen_ai.tool.name", "tool.name", "ai.toolCall.name");
    JsonNode args = firstNode(a, "gen_ai.tool.call.arguments", "tool.parameters", "input.value", "input",
        "ai.toolCall.args", "ai.toolCall.input");
    JsonNode result = firstNode(a, "gen_ai.tool.call.result", "output.value", "output", "ai.toolCall.result",
        "ai.toolCall.output");
    String text = result != null ? GenAiMessages.asText(result)
        : error && s.statusMessage() != null ? s.statusMessage() : "";
    return new ToolRun(id, name, args == null ? null : GenAiMessages.asText(args), text, error);
  }

  private static Usage usage(Map<String, JsonNode> a) {
    Long in = number(a, "gen_ai.usage.input_tokens", "llm.token_count.prompt", "ai.usage.promptTokens",
        "ai.usage.inputTokens", "gen_ai.usage.prompt_tokens");
    Long out = number(a, "gen_ai.usage.output_tokens", "llm.token_count.completion",
        "ai.usage.completionTokens", "ai.usage.outputTokens", "gen_ai.usage.completion_tokens");
    Long total = number(a, "llm.token_count.total", "llm.usage.total_tokens");
    return new Usage(in, out, total);
  }

  private static Long number(Map<String, JsonNode> a, String... keys) {
    for (String k : keys) {
      JsonNode v = a.get(k);
      if (v != null && v.isIntegralNumber() && v.asLong() >= 0) {
        return v.asLong();
      }
      if (v != null && v.isTextual() && DIGITS.matcher(v.asText()).matches()) {
        return Long.parseLong(v.asText());
      }
    }
    return null;
  }

  /**
   * Rebuilds an array of objects from flattened keys ({@code prefix + "0.message.role"} ...): index
   * {@code N} becomes element N, the dotted rest a nested path, and numbered segments arrays. An
   * OpenInference {@code message.} / {@code message_content.} / {@code tool_call.} wrapper is removed.
   */
  static ArrayNode unflatten(Map<String, JsonNode> a, String prefix) {
    TreeMap<Integer, ObjectNode> items = new TreeMap<>();
    for (Map.Entry<String, JsonNode> kv : a.entrySet()) {
      String k = kv.getKey();
      if (!k.startsWith(prefix)) {
        continue;
      }
      String rest = k.substring(prefix.length());
      int dot = rest.indexOf('.');
      if (dot <= 0 || !INDEX.matcher(rest.substring(0, dot)).matches()) {
        continue;
      }
      ObjectNode item = items.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> Json.object());
      put(item, rest.substring(dot + 1).split("\\."), 0, kv.getValue());
    }
    ArrayNode out = Json.array();
    items.values().forEach(out::add);
    return (ArrayNode) normalise(out);
  }

  private static void put(ObjectNode o, String[] path, int i, JsonNode value) {
    String k = path[i];
    if (k.equals("message") || k.equals("message_content") || k.equals("tool_call")) {
      if (i + 1 < path.length) {
        put(o, path, i + 1, value);
        return;
      }
    }
    if (i == path.length - 1) {
      o.set(k, value);
      return;
    }
    JsonNode child = o.get(k);
    if (child == null || !child.isObject()) {
      child = o.putObject(k);
    }
    put((ObjectNode) child, path, i + 1, value);
  }

  /** Objects whose keys are all small numbers become arrays (contents.0..., tool_calls.0...). */
  private static JsonNode normalise(JsonNode n) {
    if (n.isArray()) {
      ArrayNode out = Json.array();
      n.forEach(c -> out.add(normalise(c)));
      return out;
    }
    if (!n.isObject() || n.isEmpty()) {
      return n;
    }
    boolean numbered = true;
    for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      numbered &= INDEX.matcher(it.next()).matches();
    }
    if (numbered) {
      TreeMap<Integer, JsonNode> sorted = new TreeMap<>();
      n.fields().forEachRemaining(e -> sorted.put(Integer.parseInt(e.getKey()), normalise(e.getValue())));
      ArrayNode out = Json.array();
      sorted.values().forEach(out::add);
      return out;
    }
    ObjectNode out = Json.object();
    n.fields().forEachRemaining(e -> out.set(e.getKey(), normalise(e.getValue())));
    // OpenInference: contents[] of {type, text} and tool_calls[] of {id, function: {name, arguments}}.
    if (out.path("contents").isArray() && !out.has("content")) {
      out.set("content", out.remove("contents"));
    }
    return out;
  }

  static String text(Map<String, JsonNode> a, String key) {
    JsonNode v = a.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static String firstText(Map<String, JsonNode> a, String... keys) {
    for (String k : keys) {
      JsonNode v = a.get(k);
      if (v != null && (v.isTextual() || v.isNumber()) && !v.asText().isEmpty()) {
        return v.asText();
      }
    }
    return null;
  }

  private static JsonNode firstNode(Map<String, JsonNode> a, String... keys) {
    for (String k : keys) {
      JsonNode v = a.get(k);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }
}
