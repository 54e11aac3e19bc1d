package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds the trajectories of one trace from its observations (Langfuse's spans): which model calls
 * belong to one conversation, which tool results answer which calls, and which observation to trust
 * when two report the same call.
 *
 * <ol>
 *   <li>Every {@code GENERATION} is mapped to a prompt and an answer ({@link TraceMessages}).
 *       Generations that hold neither are left out.
 *   <li><b>Nesting:</b> a generation nested under another generation reports the same model call
 *       twice (an agent framework's span and the OpenAI instrumentation's span inside it; Vercel's
 *       {@code ai.generateText} and its {@code doGenerate} steps). Of such a family only the richer
 *       side is kept: the ancestor when it holds at least as many events (tool calls and results
 *       count double, tool definitions one more) as the richest of its generation descendants, else
 *       the descendants.
 *   <li><b>Conversations:</b> in start-time order, a generation whose prompt starts with the whole
 *       conversation (prompt and answer) of an earlier generation continues it and replaces it; a
 *       generation that only repeats (part of) a conversation already seen adds nothing. Each
 *       remaining conversation is one call: the observation holding the fullest conversation wins, so
 *       no turn is emitted twice.
 *   <li><b>Tool results:</b> a tool call in a call's answer that no later message answers is matched
 *       to a tool observation ({@code TOOL}, or a span whose attributes name a tool): by call id
 *       ({@code gen_ai.tool.call.id}, {@code ai.toolCall.id}, {@code tool_call_id}), else by tool name
 *       in start order. The result is appended to the answer.
 * </ol>
 *
 * <p>The trace's {@code sessionId} is the session (else a {@code thread_id} or {@code session_id} in
 * a generation's metadata). Scores say the outcome where they say success or failure: a
 * {@code CATEGORICAL} (or string) score valued success/pass/passed/resolved/correct/true versus
 * failure/fail/failed/unresolved/incorrect/false, or a {@code BOOLEAN}/{@code NUMERIC} score named
 * like an outcome (success, pass, passed, resolved, correct, task_success, outcome) valued 1 or 0; a
 * failure wins over a success. A generation at level {@code ERROR} ends with an error event and
 * fails. Every score is also copied into the call's metadata as {@code score.<name>}.
 */
final class TraceRebuild {
  private static final Set<String> OUTCOME_NAMES =
      Set.of("success", "pass", "passed", "resolved", "correct", "task_success", "outcome", "succeeded");
  private static final Set<String> SUCCESS_VALUES =
      Set.of("success", "succeeded", "pass", "passed", "resolved", "correct", "true", "yes");
  private static final Set<String> FAILURE_VALUES =
      Set.of("failure", "failed", "fail", "unresolved", "incorrect", "false", "no", "error");

  private TraceRebuild() {}

  /** One observation. */
  record Obs(int index, JsonNode node, String id, String parent, String type, String name, Instant start,
      JsonNode metadata) {}

  /** A generation as read: its prompt and answer, or why it could not be read ({@code failure}). */
  record Gen(Obs obs, List<Event> prompt, List<Event> answer, List<ToolDef> tools, ErrorEvent error,
      String failure) {
    int richness() {
      int n = prompt.size() + answer.size() + (tools.isEmpty() ? 0 : 1);
      for (Event e : prompt) {
        n += e instanceof ToolCall || e instanceof ToolResult ? 1 : 0;
      }
      for (Event e : answer) {
        n += e instanceof ToolCall || e instanceof ToolResult ? 1 : 0;
      }
      return n;
    }

    List<Event> conversation() {
      List<Event> all = new ArrayList<>(prompt);
      all.addAll(answer);
      return all;
    }
  }

  /** A tool execution observed as its own span. */
  record ToolSpan(Obs obs, String name, String callId, String output, boolean error) {}

  /** The trace object and its observations, from either export shape; null when it is neither. */
  record TraceDoc(JsonNode trace, JsonNode observations) {
    static TraceDoc of(JsonNode root) {
      if (root == null || !root.isObject()) {
        return null;
      }
      if (root.path("trace").isObject()) {
        JsonNode trace = root.get("trace");
        JsonNode obs = root.path("observations").isArray() ? root.get("observations") : trace.get("observations");
        return new TraceDoc(trace, obs);
      }
      if (root.has("observations")) {
        return new TraceDoc(root, root.get("observations"));
      }
      return null;
    }
  }

  /**
   * Reads one Langfuse record and hands its calls (or one quarantine) to the sink. Besides a trace,
   * the record may be a list answer of Langfuse's API, {@code {"data": [...], "meta": {...}}}: of
   * traces with their observations (each read as a trace), or of observations (grouped by
   * {@code traceId}, in order of first appearance, each group read as a trace). Every call and
   * quarantine of the record gets its own part of {@code where}.
   */
  static void langfuse(JsonNode root, SourceRef where, RecordSink sink) {
    if (root != null && root.isObject() && root.path("data").isArray() && !root.has("observations")
        && !root.has("trace")) {
      JsonNode data = root.get("data");
      int part = 0;
      if (isObservationList(data)) {
        Map<String, com.fasterxml.jackson.databind.node.ArrayNode> byTrace = new LinkedHashMap<>();
        for (JsonNode o : data) {
          String traceId = o.path("traceId").isTextual() ? o.get("traceId").asText() : "";
          byTrace.computeIfAbsent(traceId, k -> Json.array()).add(o);
        }
        for (var e : byTrace.entrySet()) {
          com.fasterxml.jackson.databind.node.ObjectNode trace = Json.object();
          if (!e.getKey().isEmpty()) {
            trace.put("id", e.getKey());
          }
          trace.set("observations", e.getValue());
          part += trace(trace, where, part, sink);
        }
      } else {
        for (JsonNode t : data) {
          part += trace(t, where, part, sink);
        }
      }
      return;
    }
    trace(root, where, 0, sink);
  }

  /** True when the array holds observations (objects with traceId and type) rather than traces. */
  static boolean isObservationList(JsonNode data) {
    return data.size() > 0 && data.get(0).isObject() && data.get(0).has("traceId") && data.get(0).has("type")
        && !data.get(0).has("observations");
  }

  /** One trace: its calls as parts {@code base}, {@code base + 1}, ...; returns how many parts it used. */
  private static int trace(JsonNode root, SourceRef where, int base, RecordSink sink) {
    SourceRef first = where.part(base);
    TraceDoc doc = TraceDoc.of(root);
    if (doc == null) {
      sink.quarantine(first, "expected a Langfuse trace: {trace, observations} or a trace object with"
          + " observations, found " + (root != null && root.isObject() ? "an object without them" : JsonLines.describe(root)));
      return 1;
    }
    if (doc.observations() == null || !doc.observations().isArray()) {
      sink.quarantine(first, "observations: expected an array, found " + JsonLines.describe(doc.observations()));
      return 1;
    }
    List<Call> calls;
    List<String> failures = new ArrayList<>();
    try {
      calls = rebuild(doc, where, base, failures);
    } catch (BadRecordException e) {
      sink.quarantine(first, e.getMessage());
      return 1;
    }
    if (calls.isEmpty()) {
      sink.quarantine(first, failures.isEmpty()
          ? "the trace has no GENERATION observation with input or output"
          : failures.get(0) + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more generations)" : ""));
      return 1;
    }
    for (Call call : calls) {
      sink.accept(call);
    }
    int part = base + calls.size();
    for (String failure : failures) {
      sink.quarantine(where.part(part++), failure);
    }
    return part - base;
  }

  /** Every generation of the trace by observation id, mapped but not rebuilt (for checks). */
  static Map<String, Gen> generations(JsonNode root, SourceRef where) {
    TraceDoc doc = TraceDoc.of(root);
    Map<String, Gen> out = new LinkedHashMap<>();
    for (Obs o : observations(doc.observations())) {
      if ("GENERATION".equals(o.type())) {
        out.put(o.id(), map(o, context(doc, where, List.of())));
      }
    }
    return out;
  }

  private record Context(String traceId, String session, SourceRef where) {}

  private static Context context(TraceDoc doc, SourceRef where, List<Obs> obs) {
    String session = Json.text(doc.trace(), "sessionId");
    if (session == null) {
      for (Obs o : obs) {
        session = RecordFields.session(o.metadata(), "metadata");
        if (session != null) {
          break;
        }
      }
    }
    return new Context(Json.text(doc.trace(), "id"), session, where);
  }

  private static List<Obs> observations(JsonNode array) {
    List<Obs> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode o = array.get(i);
      String path = "observations[" + i + "]";
      if (!o.isObject()) {
        throw new BadRecordException(path + ": expected an observation object, found " + JsonLines.describe(o));
      }
      JsonNode md = TraceMessages.decode(o.get("metadata"));
      out.add(new Obs(i, o, RecordFields.id(o, "id", path), RecordFields.id(o, "parentObservationId", path),
          Json.text(o, "type"), Json.text(o, "name"), RecordFields.instant(o, "startTime", path),
          md != null && md.isObject() ? md : null));
    }
    out.sort(Comparator.comparing((Obs o) -> o.start() == null ? Instant.MAX : o.start())
        .thenComparingInt(Obs::index));
    return out;
  }

  private static List<Call> rebuild(TraceDoc doc, SourceRef where, int base, List<String> failures) {
    List<Obs> obs = observations(doc.observations());
    Context ctx = context(doc, where, obs);
    Map<String, Obs> byId = new HashMap<>();
    for (Obs o : obs) {
      if (o.id() != null) {
        byId.put(o.id(), o);
      }
    }
    List<Gen> gens = new ArrayList<>();
    Map<String, Gen> failed = new LinkedHashMap<>();
    for (Obs o : obs) {
      if (!"GENERATION".equals(o.type())) {
        continue;
      }
      Gen g = map(o, ctx);
      if (g.failure() != null) {
        failed.put(o.id() == null ? "#" + o.index() : o.id(), g);
      } else if (!g.prompt().isEmpty() || !g.answer().isEmpty()) {
        gens.add(g);
      }
    }
    gens = dropNestedDuplicates(gens, byId);
    for (Gen f : failed.values()) {
      if (!hasReadRelative(f.obs(), gens, byId)) {
        failures.add(f.failure());
      }
    }
    List<Gen> chains = chains(gens);
    List<ToolSpan> tools = toolSpans(obs);
    Set<ToolSpan> used = new HashSet<>();
    Scores scores = scores(doc);
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < chains.size(); i++) {
      Gen g = chains.get(i);
      List<Event> answer = new ArrayList<>(g.answer());
      answer.addAll(results(g, tools, used, ctx));
      if (g.error() != null) {
        answer.add(g.error());
      }
      Outcome outcome = g.error() != null ? Outcome.FAILURE : scores.outcome();
      Map<String, String> metadata = new TreeMap<>(scores.metadata());
      if (ctx.traceId() != null) {
        metadata.put("trace_id", ctx.traceId());
      }
      JsonNode tags = doc.trace().get("tags");
      if (tags != null && tags.isArray() && !tags.isEmpty()) {
        List<String> t = new ArrayList<>();
        tags.forEach(n -> t.add(n.asText()));
        metadata.put("trace_tags", String.join(",", t));
      }
      calls.add(new Call(where.part(base + i), g.prompt(), List.of(answer), g.tools(), outcome,
          Json.text(doc.trace(), "name"), ctx.session(), metadata));
    }
    return calls;
  }

  /** True when a generation of the same family (ancestor or descendant) was read. */
  private static boolean hasReadRelative(Obs o, List<Gen> gens, Map<String, Obs> byId) {
    for (Gen g : gens) {
      if (isAncestor(g.obs(), o, byId) || isAncestor(o, g.obs(), byId)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAncestor(Obs a, Obs b, Map<String, Obs> byId) {
    if (a.id() == null) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    String p = b.parent();
    while (p != null && seen.add(p)) {
      if (p.equals(a.id())) {
        return true;
      }
      Obs up = byId.get(p);
      p = up == null ? null : up.parent();
    }
    return false;
  }

  private static List<Gen> dropNestedDuplicates(List<Gen> gens, Map<String, Obs> byId) {
    Set<Gen> dropped = new HashSet<>();
    // Outermost first: a generation with fewer generation ancestors is decided before its descendants.
    List<Gen> order = new ArrayList<>(gens);
    order.sort(Comparator.comparingInt((Gen g) -> depth(g, gens, byId)).thenComparingInt(g -> g.obs().index()));
    for (Gen g : order) {
      if (dropped.contains(g)) {
        continue;
      }
      List<Gen> descendants = new ArrayList<>();
      for (Gen d : gens) {
        if (d != g && !dropped.contains(d) && isAncestor(g.obs(), d.obs(), byId)) {
          descendants.add(d);
        }
      }
      if (descendants.isEmpty()) {
        continue;
      }
      int best = descendants.stream().mapToInt(Gen::richness).max().orElse(0);
      if (g.richness() >= best) {
        dropped.addAll(descendants);
      } else {
        dropped.add(g);
      }
    }
    List<Gen> out = new ArrayList<>();
    for (Gen g : gens) {
      if (!dropped.contains(g)) {
        out.add(g);
      }
    }
    return out;
  }

  private static int depth(Gen g, List<Gen> gens, Map<String, Obs> byId) {
    int d = 0;
    for (Gen a : gens) {
      if (a != g && isAncestor(a.obs(), g.obs(), byId)) {
        d++;
      }
    }
    return d;
  }

  /** The final generation of each conversation, in the order the conversations start. */
  private static List<Gen> chains(List<Gen> gens) {
    List<Gen> latest = new ArrayList<>();
    List<List<String>> keys = new ArrayList<>();
    for (Gen g : gens) {
      List<String> prompt = keys(g.prompt());
      List<String> whole = keys(g.conversation());
      int extend = -1;
      boolean repeat = false;
      for (int c = 0; c < latest.size(); c++) {
        List<String> k = keys.get(c);
        if (!k.isEmpty() && k.size() <= prompt.size() && prompt.subList(0, k.size()).equals(k)) {
          if (extend < 0 || keys.get(extend).size() < k.size()) {
            extend = c;
          }
        } else if (whole.size() <= k.size() && k.subList(0, whole.size()).equals(whole)) {
          repeat = true;
        }
      }
      if (extend >= 0) {
        latest.set(extend, g);
        keys.set(extend, whole);
      } else if (!repeat) {
        latest.add(g);
        keys.add(whole);
      }
    }
    return latest;
  }

  /** What a turn says, without ids and metadata: equal keys mean the same turn. */
  private static List<String> keys(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      String key;
      if (e instanceof ToolCall c) {
        key = "call\u0000" + c.name() + "\u0000"
            + (c.arguments() != null ? Json.write(Json.canonical(c.arguments())) : c.rawArguments());
      } else if (e instanceof ToolResult r) {
        key = "result\u0000" + r.content().strip();
      } else if (e instanceof AssistantMsg a) {
        key = "assistant\u0000" + a.text().strip();
      } else if (e instanceof dev.tracemill.model.SystemMsg sm) {
        key = "system\u0000" + sm.text().strip();
      } else if (e instanceof dev.tracemill.model.UserMsg u) {
        key = "user\u0000" + u.text().strip();
      } else {
        key = e.kind() + "\u0000" + e;
      }
      out.add(key);
    }
    return out;
  }

  private static List<Event> results(Gen g, List<ToolSpan> tools, Set<ToolSpan> used, Context ctx) {
    Set<String> answered = new HashSet<>();
    for (Event e : g.conversation()) {
      if (e instanceof ToolResult r) {
        answered.add(r.callId());
      }
    }
    List<Event> out = new ArrayList<>();
    for (Event e : g.answer()) {
      if (!(e instanceof ToolCall c) || answered.contains(c.id())) {
        continue;
      }
      ToolSpan match = null;
      for (ToolSpan t : tools) {
        if (!used.contains(t) && c.id().equals(t.callId())) {
          match = t;
          break;
        }
      }
      if (match == null) {
        for (ToolSpan t : tools) {
          boolean after = g.obs().start() == null || t.obs().start() == null || !t.obs().start().isBefore(g.obs().start());
          if (!used.contains(t) && t.callId() == null && c.name().equals(t.name()) && after) {
            match = t;
            break;
          }
        }
      }
      if (match != null) {
        used.add(match);
        EventMeta meta = new EventMeta(ctx.session(), ctx.traceId(), match.obs().id(), match.obs().parent(),
            match.obs().start(), null, Usage.UNKNOWN, null, ctx.where(), Map.of());
        out.add(new ToolResult(c.id(), c.name(), match.output(), match.error(), meta));
      }
    }
    return out;
  }

  private static List<ToolSpan> toolSpans(List<Obs> obs) {
    List<ToolSpan> out = new ArrayList<>();
    for (Obs o : obs) {
      JsonNode attrs = o.metadata() == null ? null : TraceMessages.decode(o.metadata().get("attributes"));
      String name = attr(attrs, "gen_ai.tool.name", "ai.toolCall.name", "tool.name");
      boolean tool = "TOOL".equals(o.type()) || name != null;
      JsonNode output = o.node().get("output");
      if (!tool || output == null || output.isNull()) {
        continue;
      }
      if (name == null) {
        name = o.name() != null && o.name().startsWith("running tool: ") ? o.name().substring(14) : o.name();
      }
      String callId = attr(attrs, "gen_ai.tool.call.id", "ai.toolCall.id", "tool_call_id", "tool.call.id");
      String text = output.isTextual() ? output.asText() : Json.write(output);
      out.add(new ToolSpan(o, name == null ? "" : name, callId, text, "ERROR".equals(Json.text(o.node(), "level"))));
    }
    return out;
  }

  private static String attr(JsonNode attrs, String... names) {
    if (attrs == null || !attrs.isObject()) {
      return null;
    }
    for (String n : names) {
      JsonNode v = attrs.get(n);
      if (v != null && (v.isTextual() || v.isNumber()) && !v.asText().isEmpty()) {
        return v.asText();
      }
    }
    return null;
  }

  static Gen map(Obs o, Context ctx) {
    String path = "observations[" + o.index() + "]";
    JsonNode n = o.node();
    try {
      Instant start = o.start();
      Instant end = RecordFields.instant(n, "endTime", path);
      Long latency = null;
      JsonNode lat = n.get("latency");
      if (lat != null && lat.isNumber() && lat.asDouble() >= 0) {
        latency = Math.round(lat.asDouble() * 1000);
      } else if (start != null && end != null && !end.isBefore(start)) {
        latency = Duration.between(start, end).toMillis();
      }
      EventMeta base = new EventMeta(ctx.session(), ctx.traceId(), o.id(), o.parent(), null, null, Usage.UNKNOWN,
          null, ctx.where(), Map.of());
      EventMeta answerMeta = base.withModel(Json.text(n, "model")).withUsage(usage(n, path)).withTimestamp(start)
          .withLatencyMs(latency);
      TraceMessages mapper = new TraceMessages();
      List<Event> prompt = mapper.input(n.get("input"), path + ".input", base);
      List<Event> answer = mapper.output(n.get("output"), path + ".output", answerMeta);
      Map<String, ToolDef> tools = new LinkedHashMap<>();
      collectTools(TraceMessages.decode(n.get("input")), tools);
      JsonNode md = o.metadata();
      if (md != null) {
        collectTools(md, tools);
        JsonNode attrs = TraceMessages.decode(md.get("attributes"));
        if (attrs != null && attrs.isObject()) {
          collectTools(attrs, tools);
          JsonNode mrp = TraceMessages.decode(attrs.get("model_request_parameters"));
          if (mrp != null && mrp.isObject()) {
            toolList(mrp.get("function_tools"), tools);
          }
          toolList(TraceMessages.decode(attrs.get("llm.tools")), tools);
        }
      }
      collectTools(TraceMessages.decode(n.get("modelParameters")), tools);
      JsonNode defs = n.get("toolDefinitions");
      if (defs != null && defs.isObject()) {
        defs.fields().forEachRemaining(f -> {
          ToolDef d = toolDef(f.getValue().isObject() ? f.getValue() : Json.object(), f.getKey());
          if (d != null) {
            tools.putIfAbsent(d.name(), d);
          }
        });
      } else {
        toolList(defs, tools);
      }
      for (ToolDef d : mapper.inlineTools()) {
        tools.putIfAbsent(d.name(), d);
      }
      ErrorEvent error = null;
      if ("ERROR".equals(Json.text(n, "level"))) {
        String message = Json.text(n, "statusMessage");
        error = new ErrorEvent(message == null ? "the generation was logged at level ERROR" : message, null, answerMeta);
      }
      return new Gen(o, prompt, answer, List.copyOf(tools.values()), error, null);
    } catch (BadRecordException e) {
      return new Gen(o, List.of(), List.of(), List.of(), null,
          "observation " + (o.id() == null ? "#" + o.index() : o.id()) + " (GENERATION): " + e.getMessage());
    }
  }

  private static void collectTools(JsonNode holder, Map<String, ToolDef> tools) {
    if (holder != null && holder.isObject()) {
      toolList(TraceMessages.decode(holder.get("tools")), tools);
      toolList(TraceMessages.decode(holder.get("functions")), tools);
    }
  }

  private static void toolList(JsonNode list, Map<String, ToolDef> tools) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode t : list) {
      ToolDef d = toolDef(TraceMessages.decode(t), null);
      if (d != null) {
        tools.putIfAbsent(d.name(), d);
      }
    }
  }

  /**
   * One tool definition in any of the spellings met: OpenAI ({@code {type, function: {...}}}),
   * flat ({@code name, description, parameters | inputSchema | input_schema | parameters_json_schema}),
   * OpenInference ({@code tool.name, tool.description, tool.json_schema}); null when it has no name.
   */
  static ToolDef toolDef(JsonNode t, String fallbackName) {
    if (t == null || !t.isObject()) {
      return null;
    }
    JsonNode f = t.path("function").isObject() ? t.get("function") : t;
    String name = Json.text(f, "name");
    if (name == null) {
      name = Json.text(f, "tool.name");
    }
    if (name == null) {
      name = fallbackName;
    }
    if (name == null) {
      return null;
    }
    String description = Json.text(f, "description");
    if (description == null) {
      description = Json.text(f, "tool.description");
    }
    JsonNode schema = null;
    for (String field : new String[] {"parameters", "inputSchema", "input_schema", "parameters_json_schema",
        "tool.json_schema", "schema"}) {
      JsonNode s = TraceMessages.decode(f.get(field));
      if (s != null && s.isObject()) {
        schema = s.has("jsonSchema") && s.get("jsonSchema").isObject() ? s.get("jsonSchema") : s;
        break;
      }
    }
    return new ToolDef(name, description, schema);
  }

  private static Usage usage(JsonNode n, String path) {
    JsonNode u = n.get("usageDetails");
    if (u == null || !u.isObject() || u.isEmpty()) {
      u = n.get("usage");
    }
    if (u == null || !u.isObject()) {
      return Usage.UNKNOWN;
    }
    Long in = count(u, "input", "promptTokens", "input_tokens");
    Long out = count(u, "output", "completionTokens", "output_tokens");
    Long total = count(u, "total", "totalTokens", "total_tokens");
    return new Usage(in, out, total);
  }

  private static Long count(JsonNode u, String... fields) {
    for (String f : fields) {
      JsonNode v = u.get(f);
      if (v != null && v.isIntegralNumber() && v.asLong() >= 0) {
        return v.asLong();
      }
    }
    return null;
  }

  private record Scores(Outcome outcome, Map<String, String> metadata) {}

  private static Scores scores(TraceDoc doc) {
    JsonNode scores = doc.trace().get("scores");
    if (scores != null && scores.isArray() && !scores.isEmpty() && !scores.get(0).isObject()) {
      scores = null; // a list answer of the API holds score ids only
    }
    if (scores == null || !scores.isArray()) {
      scores = Json.array();
    }
    Map<String, String> metadata = new TreeMap<>();
    boolean success = false;
    boolean failure = false;
    for (JsonNode s : scores) {
      String name = Json.text(s, "name");
      if (name == null) {
        continue;
      }
      JsonNode value = s.get("value");
      String stringValue = Json.text(s, "stringValue");
      String type = Json.text(s, "dataType");
      String shown = stringValue != null ? stringValue
          : value == null || value.isNull() ? null : value.asText();
      if (shown != null) {
        metadata.put("score." + name, shown);
      }
      String key = name.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      String word = stringValue != null ? stringValue : value != null && value.isTextual() ? value.asText() : null;
      if (word != null && ("CATEGORICAL".equals(type) || type == null || OUTCOME_NAMES.contains(key))) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        success |= SUCCESS_VALUES.contains(w);
        failure |= FAILURE_VALUES.contains(w);
      } else if (value != null && OUTCOME_NAMES.contains(key) && (value.isNumber() || value.isBoolean())) {
        double d = value.isBoolean() ? (value.asBoolean() ? 1 : 0) : value.asDouble();
        success |= d == 1;
        failure |= d == 0;
      }
    }
    Outcome outcome = failure ? Outcome.FAILURE : success ? Outcome.SUCCESS : Outcome.UNKNOWN;
    return new Scores(outcome, metadata);
  }
}
