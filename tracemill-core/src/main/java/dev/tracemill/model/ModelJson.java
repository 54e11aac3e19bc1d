package dev.tracemill.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON form of the model, used for spill files, golden tests and debugging. It is
 * documented in {@code docs/model.md}; {@code fromJson(toJson(x))} equals {@code x}. Null fields are
 * left out.
 */
public final class ModelJson {
  private ModelJson() {}

  public static ObjectNode unit(Unit u) {
    ObjectNode o = Json.object();
    o.put("id", u.id());
    o.put("type", u.type().label());
    o.put("outcome", u.outcome().name().toLowerCase(java.util.Locale.ROOT));
    o.set("source", source(u.source()));
    putIfNotNull(o, "call_type", u.callType());
    putIfNotNull(o, "session", u.session());
    if (!u.tags().isEmpty()) {
      o.set("tags", strings(u.tags()));
    }
    if (!u.tools().isEmpty()) {
      o.set("tools", tools(u.tools()));
    }
    o.set("events", events(u.events()));
    return o;
  }

  public static Unit unit(JsonNode o) {
    return new Unit(
        o.get("id").asText(),
        UnitType.valueOf(o.get("type").asText().toUpperCase(java.util.Locale.ROOT)),
        events(o.get("events")),
        tools(o.get("tools")),
        Outcome.valueOf(o.get("outcome").asText().toUpperCase(java.util.Locale.ROOT)),
        source(o.get("source")),
        Json.text(o, "call_type"),
        Json.text(o, "session"),
        stringMap(o.get("tags")));
  }

  public static ObjectNode call(Call c) {
    ObjectNode o = Json.object();
    o.set("source", source(c.source()));
    o.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
    putIfNotNull(o, "call_type", c.callType());
    putIfNotNull(o, "session", c.session());
    if (!c.metadata().isEmpty()) {
      o.set("metadata", strings(c.metadata()));
    }
    if (!c.tools().isEmpty()) {
      o.set("tools", tools(c.tools()));
    }
    o.set("prompt", events(c.prompt()));
    ArrayNode choices = o.putArray("choices");
    for (List<Event> choice : c.choices()) {
      choices.add(events(choice));
    }
    return o;
  }

  public static ArrayNode events(List<Event> events) {
    ArrayNode a = Json.array();
    for (Event e : events) {
      a.add(event(e));
    }
    return a;
  }

  public static List<Event> events(JsonNode a) {
    List<Event> out = new ArrayList<>();
    if (a != null) {
      for (JsonNode e : a) {
        out.add(event(e));
      }
    }
    return out;
  }

  public static ObjectNode event(Event e) {
    ObjectNode o = Json.object();
    o.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
    switch (e.kind()) {
      case SYSTEM -> o.put("text", ((SystemMsg) e).text());
      case USER -> o.put("text", ((UserMsg) e).text());
      case ASSISTANT -> {
        AssistantMsg m = (AssistantMsg) e;
        o.put("text", m.text());
        putIfNotNull(o, "reasoning", m.reasoning());
      }
      case TOOL_CALL -> {
        ToolCall c = (ToolCall) e;
        o.put("id", c.id());
        o.put("name", c.name());
        o.put("raw_arguments", c.rawArguments());
        if (c.arguments() != null) {
          o.set("arguments", c.arguments());
        }
      }
      case TOOL_RESULT -> {
        ToolResult r = (ToolResult) e;
        o.put("call_id", r.callId());
        putIfNotNull(o, "name", r.name());
        o.put("content", r.content());
        if (r.isError()) {
          o.put("is_error", true);
        }
      }
      case ERROR -> {
        ErrorEvent err = (ErrorEvent) e;
        o.put("message", err.message());
        putIfNotNull(o, "code", err.code());
      }
      case FEEDBACK -> {
        Feedback f = (Feedback) e;
        if (f.rating() != null) {
          o.put("rating", f.rating());
        }
        if (f.thumbsUp() != null) {
          o.put("thumbs_up", f.thumbsUp());
        }
        putIfNotNull(o, "correction", f.correction());
      }
    }
    o.set("meta", meta(e.meta()));
    return o;
  }

  public static Event event(JsonNode o) {
    EventMeta meta = meta(o.get("meta"));
    Event.Kind kind = Event.Kind.valueOf(o.get("kind").asText().toUpperCase(java.util.Locale.ROOT));
    return switch (kind) {
      case SYSTEM -> new SystemMsg(o.get("text").asText(), meta);
      case USER -> new UserMsg(o.get("text").asText(), meta);
      case ASSISTANT -> new AssistantMsg(o.get("text").asText(), Json.text(o, "reasoning"), meta);
      case TOOL_CALL -> new ToolCall(o.get("id").asText(), o.get("name").asText(), o.get("arguments"),
          o.get("raw_arguments").asText(), meta);
      case TOOL_RESULT -> new ToolResult(o.get("call_id").asText(), Json.text(o, "name"),
          o.get("content").asText(), o.path("is_error").asBoolean(false), meta);
      case ERROR -> new ErrorEvent(o.get("message").asText(), Json.text(o, "code"), meta);
      case FEEDBACK -> new Feedback(
          o.hasNonNull("rating") ? o.get("rating").asDouble() : null,
          o.hasNonNull("thumbs_up") ? o.get("thumbs_up").asBoolean() : null,
          Json.text(o, "correction"), meta);
    };
  }

  public static ObjectNode meta(EventMeta m) {
    ObjectNode o = Json.object();
    o.set("source", source(m.source()));
    putIfNotNull(o, "session", m.session());
    putIfNotNull(o, "trace", m.trace());
    putIfNotNull(o, "span", m.span());
    putIfNotNull(o, "parent", m.parent());
    putIfNotNull(o, "timestamp", m.timestamp() == null ? null : m.timestamp().toString());
    putIfNotNull(o, "model", m.model());
    if (!m.usage().isUnknown()) {
      ObjectNode u = o.putObject("usage");
      if (m.usage().inputTokens() != null) {
        u.put("input_tokens", m.usage().inputTokens());
      }
      if (m.usage().outputTokens() != null) {
        u.put("output_tokens", m.usage().outputTokens());
      }
      if (m.usage().totalTokens() != null) {
        u.put("total_tokens", m.usage().totalTokens());
      }
    }
    if (m.latencyMs() != null) {
      o.put("latency_ms", m.latencyMs());
    }
    if (!m.attributes().isEmpty()) {
      o.set("attributes", strings(m.attributes()));
    }
    return o;
  }

  public static EventMeta meta(JsonNode o) {
    JsonNode u = o.get("usage");
    Usage usage = u == null ? Usage.UNKNOWN : new Usage(
        u.hasNonNull("input_tokens") ? u.get("input_tokens").asLong() : null,
        u.hasNonNull("output_tokens") ? u.get("output_tokens").asLong() : null,
        u.hasNonNull("total_tokens") ? u.get("total_tokens").asLong() : null);
    String ts = Json.text(o, "timestamp");
    return new EventMeta(Json.text(o, "session"), Json.text(o, "trace"), Json.text(o, "span"),
        Json.text(o, "parent"), ts == null ? null : Instant.parse(ts), Json.text(o, "model"), usage,
        o.hasNonNull("latency_ms") ? o.get("latency_ms").asLong() : null, source(o.get("source")),
        stringMap(o.get("attributes")));
  }

  public static ArrayNode tools(List<ToolDef> tools) {
    ArrayNode a = Json.array();
    for (ToolDef t : tools) {
      ObjectNode o = a.addObject();
      o.put("name", t.name());
      putIfNotNull(o, "description", t.description());
      if (t.parametersSchema() != null) {
        o.set("parameters", t.parametersSchema());
      }
    }
    return a;
  }

  public static List<ToolDef> tools(JsonNode a) {
    List<ToolDef> out = new ArrayList<>();
    if (a != null) {
      for (JsonNode t : a) {
        out.add(new ToolDef(t.get("name").asText(), Json.text(t, "description"), t.get("parameters")));
      }
    }
    return out;
  }

  static ObjectNode source(SourceRef s) {
    ObjectNode o = Json.object();
    o.put("file", s.file());
    o.put("line", s.line());
    if (s.part() > 0) {
      o.put("part", s.part());
    }
    return o;
  }

  static SourceRef source(JsonNode o) {
    return new SourceRef(o.get("file").asText(), o.get("line").asLong(), o.path("part").asInt(0));
  }

  private static ObjectNode strings(Map<String, String> map) {
    ObjectNode o = Json.object();
    map.forEach(o::put);
    return o;
  }

  private static Map<String, String> stringMap(JsonNode o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static void putIfNotNull(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
