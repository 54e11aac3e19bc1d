package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.Feedback;
import dev.tracemill.model.Json;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The privacy stage of a run: every text of a unit that can reach a training file is scanned by the
 * detector set and redacted once, with one {@link RedactionContext} per unit so that an entity reads
 * the same everywhere in the unit (and across the corpus with a key). System prompts, user and
 * assistant text, reasoning, tool-call arguments and tool results (as JSON, key by key, when they parse;
 * as text otherwise) are covered; error messages and feedback corrections too, though no exporter
 * writes them; and the log's metadata (the meta sidecar).
 *
 * <p><b>Second look.</b> A name is often recognised only where a cue stands beside it ({@code my name is
 * Jane Okafor}) and missed where it stands alone ({@code Okafor's order} in a tool result). After the first
 * pass, the people, places and organisations it replaced (and the words of a person's full name) are
 * searched for again in every part of the unit ({@link UnitSweep}) and replaced the same way.
 *
 * <p><b>Tool definitions</b> are exported with every row that has them, so they are redacted too
 * ({@link Where#TOOL_DEFINITION}): the description as text, the parameter schema by
 * {@link ToolSchemaRedactor} (valid JSON Schema of the same shape, in step with the redacted calls). A
 * tool's <em>name</em> is an identifier that calls and results repeat, so it is changed only when it
 * holds what the leak gate searches for (a dictionary term, or a value of a {@link LeakGate#GATED} type
 * such as a secret); names, places and organisations that the lexicons guess in {@code get_paris_weather}
 * are left. A changed name is changed everywhere in the unit (definition, calls, results) and made a
 * valid function name for every exporter ({@link #functionName}); see {@link #toolNames}.
 *
 * <p>Thread-safe; {@link #apply} keeps no state between units except a bounded cache of recent
 * detections, which only saves time.
 */
public final class PrivacyStage {
  private final DetectorSet detectors;
  private final Redactor redactor;
  /** The first pass: every detector of the set, through the cache of recent detections for schemas. */
  private final Pass first;
  /** The set's name detector (its common-word test decides what the sweep searches for). */
  private final NameDetector nameDetector;
  private final byte[] corpusKey;
  private final boolean collectOriginals;
  /** Whether an organisation dictionary finds a term in a text; null without dictionaries. */
  private final java.util.function.Predicate<String> termFinder;
  /** The longest function name the exporters' targets accept (OpenAI, Vertex AI). */
  static final int MAX_FUNCTION_NAME = 64;
  private static final int CACHED_TEXTS = 4096;
  /** Texts up to this length are cached: at most 4,096 x 4,096 chars (32 MiB) in the worst case. */
  private static final int CACHED_TEXT_CHARS = 4096;
  /** Recent texts and their spans, least recently used first; see {@link #detect}. */
  private final Map<String, List<Span>> cache = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Span>> eldest) {
      return size() > CACHED_TEXTS;
    }
  };

  /** {@code corpusKey} may be null (surrogates consistent within a unit only); it is copied. */
  public PrivacyStage(DetectorSet detectors, RedactionPolicy policy, byte[] corpusKey) {
    this(detectors, policy, corpusKey, false);
  }

  /**
   * As above; with {@code collectOriginals}, each {@link Outcome#replaced()} lists the original values
   * and their replacements (sensitive: for the leak gate, never for output).
   */
  public PrivacyStage(DetectorSet detectors, RedactionPolicy policy, byte[] corpusKey,
      boolean collectOriginals) {
    this.collectOriginals = collectOriginals;
    this.detectors = requireNonNull(detectors, "detectors is null");
    this.redactor = new Redactor(requireNonNull(policy, "policy is null"));
    this.first = new Pass(this::detect, new JsonRedactor(detectors, redactor),
        new ToolSchemaRedactor(new JsonRedactor(detectors, this::detect, redactor)));
    this.nameDetector = detectors.detectors().stream().filter(NameDetector.class::isInstance)
        .map(NameDetector.class::cast).findFirst().orElseGet(NameDetector::new);
    this.corpusKey = corpusKey == null ? null : corpusKey.clone();
    this.termFinder = detectors.termFinder();
  }

  /** How one pass over a unit finds spans: in texts, in JSON values, in tool schemas. */
  private record Pass(BiFunction<String, ScanContext, List<Span>> scan, JsonRedactor json,
      ToolSchemaRedactor schemas) {}

  /**
   * What the stage did to one unit: the redacted unit, or why it must be dropped, and the counts. With
   * {@code collectOriginals}, {@code replaced} lists the original values and their replacements and
   * {@code swept} the people, places and organisations searched for in the whole unit (sensitive: for the
   * leak gate, never for output); both are empty otherwise.
   */
  public record Outcome(Unit unit, String dropReason, Map<String, Integer> byType,
      Map<Where, Integer> byWhere, Map<String, Integer> byDetector, List<AuditPair> replaced,
      Map<String, String> swept) {
    public boolean dropped() {
      return dropReason != null;
    }
  }

  public Outcome apply(Unit unit) {
    RedactionContext ctx = corpusKey == null
        ? RedactionContext.forUnit(unit.id())
        : RedactionContext.forUnit(unit.id(), corpusKey);
    if (collectOriginals) {
      ctx = ctx.collectingAudit();
    }
    if (termFinder != null) {
      ctx = ctx.avoiding(termFinder);
    }
    Map<Where, Integer> byWhere = new TreeMap<>();
    Map<String, String> names = toolNames(unit, ctx, byWhere);
    Unit redacted = pass(unit, names, first, ctx, byWhere);
    // the people, places and organisations found somewhere in the unit, replaced everywhere in it
    UnitSweep sweep = UnitSweep.of(ctx.named(), nameDetector, ctx::inSurrogate);
    if (sweep != null) {
      DetectorSet only = new DetectorSet(List.of(sweep));
      JsonRedactor sweepJson = new JsonRedactor(only, redactor);
      redacted = pass(redacted, Map.of(), new Pass(sweep::detect, sweepJson, new ToolSchemaRedactor(sweepJson)), ctx,
          byWhere);
    }
    Map<String, String> swept = sweep == null || !collectOriginals ? Map.of() : Map.copyOf(sweep.values());
    if (!ctx.dropReasons().isEmpty()) {
      return new Outcome(null, ctx.dropReasons().get(0), ctx.counts(), byWhere, ctx.countsByDetector(), ctx.audit(),
          swept);
    }
    return new Outcome(redacted, null, ctx.counts(), byWhere, ctx.countsByDetector(), ctx.audit(), swept);
  }

  /** One pass of {@code p} over every part of {@code unit}; the same instance when nothing changed. */
  private Unit pass(Unit unit, Map<String, String> names, Pass p, RedactionContext ctx, Map<Where, Integer> byWhere) {
    List<ToolDef> tools = unit.tools();
    boolean changed = false;
    for (int i = 0; i < unit.tools().size(); i++) {
      ToolDef t = unit.tools().get(i);
      ToolDef out = redact(t, names, p, ctx, byWhere);
      if (out != t) {
        if (tools == unit.tools()) {
          tools = new ArrayList<>(unit.tools());
        }
        tools.set(i, out);
        changed = true;
      }
    }
    List<Event> events = new ArrayList<>(unit.events().size());
    for (Event e : unit.events()) {
      Event out = redact(e, names, p, ctx, byWhere);
      changed |= out != e;
      events.add(out);
    }
    Map<String, String> tags = unit.tags();
    for (Map.Entry<String, String> t : unit.tags().entrySet()) {
      String value = text(t.getValue(), Where.METADATA, p, ctx, byWhere);
      if (value != t.getValue()) {
        if (tags == unit.tags()) {
          tags = new TreeMap<>(unit.tags());
        }
        tags.put(t.getKey(), value);
        changed = true;
      }
    }
    return !changed ? unit : new Unit(unit.id(), unit.type(), events, tools, unit.outcome(),
        unit.source(), unit.callType(), unit.session(), tags);
  }

  /**
   * The new name of every tool name of the unit that must change, in the order the names first appear
   * (definitions, then calls and results): the spans that the leak gate would search for (dictionary
   * terms and {@link LeakGate#GATED} types) are replaced as the policy says, and the result is made a
   * {@link #functionName}, distinct from every other name of the unit ({@code _2}, {@code _3}...).
   */
  private Map<String, String> toolNames(Unit unit, RedactionContext ctx, Map<Where, Integer> byWhere) {
    Set<String> all = new LinkedHashSet<>();
    unit.tools().forEach(t -> all.add(t.name()));
    for (Event e : unit.events()) {
      if (e instanceof ToolCall c) {
        all.add(c.name());
      } else if (e instanceof ToolResult r && r.name() != null) {
        all.add(r.name());
      }
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    for (String name : all) {
      List<Span> spans = new ArrayList<>();
      for (Span s : detect(name, Where.TOOL_DEFINITION)) {
        if (DictionaryDetector.NAME.equals(s.detector()) || LeakGate.GATED.contains(s.type())) {
          spans.add(s);
        }
      }
      if (spans.isEmpty()) {
        continue;
      }
      int before = total(ctx);
      String text = redactor.redact(name, spans, ctx).text();
      byWhere.merge(Where.TOOL_DEFINITION, total(ctx) - before, Integer::sum);
      if (!text.equals(name)) {
        renamed.put(name, functionName(text));
      }
    }
    if (renamed.isEmpty()) {
      return renamed;
    }
    Set<String> taken = new HashSet<>(all);
    taken.removeAll(renamed.keySet());
    for (Map.Entry<String, String> r : renamed.entrySet()) {
      String base = r.getValue();
      String name = base;
      for (int n = 2; taken.contains(name); n++) {
        String suffix = "_" + n;
        name = base.substring(0, Math.min(base.length(), MAX_FUNCTION_NAME - suffix.length())) + suffix;
      }
      taken.add(name);
      r.setValue(name);
    }
    return renamed;
  }

  /**
   * {@code text} as a function name that OpenAI ({@code ^[a-zA-Z0-9_-]{1,64}$}) and Vertex AI (a letter
   * or {@code _} first) both accept: every other character becomes {@code _}, an {@code _} is put in
   * front of a leading digit or hyphen, and the result is cut at 64 characters.
   */
  static String functionName(String text) {
    StringBuilder b = new StringBuilder(text.length() + 1);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
      b.append(ok ? c : '_');
    }
    if (b.length() == 0 || !(Character.isLetter(b.charAt(0)) || b.charAt(0) == '_')) {
      b.insert(0, '_');
    }
    return b.length() > MAX_FUNCTION_NAME ? b.substring(0, MAX_FUNCTION_NAME) : b.toString();
  }

  /** One tool definition: new name, description as text, schema by {@link ToolSchemaRedactor}. */
  private ToolDef redact(ToolDef t, Map<String, String> names, Pass p, RedactionContext ctx,
      Map<Where, Integer> byWhere) {
    String name = names.getOrDefault(t.name(), t.name());
    String description = t.description() == null ? null
        : text(t.description(), Where.TOOL_DEFINITION, p, ctx, byWhere);
    int before = total(ctx);
    JsonNode schema = p.schemas().redact(t.parametersSchema(), ctx);
    if (total(ctx) > before) {
      byWhere.merge(Where.TOOL_DEFINITION, total(ctx) - before, Integer::sum);
    }
    return name.equals(t.name()) && description == t.description() && schema == t.parametersSchema() ? t
        : new ToolDef(name, description, schema);
  }

  private Event redact(Event e, Map<String, String> names, Pass p, RedactionContext ctx, Map<Where, Integer> byWhere) {
    return switch (e.kind()) {
      case SYSTEM -> {
        SystemMsg m = (SystemMsg) e;
        String text = text(m.text(), Where.SYSTEM_PROMPT, p, ctx, byWhere);
        yield text == m.text() ? e : new SystemMsg(text, m.meta());
      }
      case USER -> {
        UserMsg m = (UserMsg) e;
        String text = text(m.text(), Where.MESSAGE_TEXT, p, ctx, byWhere);
        yield text == m.text() ? e : new UserMsg(text, m.meta());
      }
      case ASSISTANT -> {
        AssistantMsg m = (AssistantMsg) e;
        String text = text(m.text(), Where.MESSAGE_TEXT, p, ctx, byWhere);
        String reasoning = m.reasoning() == null ? null : text(m.reasoning(), Where.MESSAGE_TEXT, p, ctx, byWhere);
        yield text == m.text() && reasoning == m.reasoning() ? e
            : new AssistantMsg(text, reasoning, m.meta());
      }
      case TOOL_CALL -> {
        ToolCall c = (ToolCall) e;
        String name = names.getOrDefault(c.name(), c.name());
        if (c.arguments() != null) {
          int before = total(ctx);
          JsonNode args = p.json().redact(c.arguments(), Where.TOOL_ARGUMENTS, ctx);
          int found = total(ctx) - before;
          if (found == 0) {
            yield name.equals(c.name()) ? e : new ToolCall(c.id(), name, c.arguments(), c.rawArguments(), c.meta());
          }
          byWhere.merge(Where.TOOL_ARGUMENTS, found, Integer::sum);
          yield new ToolCall(c.id(), name, args, Json.write(args), c.meta());
        }
        String raw = text(c.rawArguments(), Where.TOOL_ARGUMENTS, p, ctx, byWhere);
        yield raw == c.rawArguments() && name.equals(c.name()) ? e : new ToolCall(c.id(), name, null, raw, c.meta());
      }
      case TOOL_RESULT -> {
        ToolResult r = (ToolResult) e;
        int before = total(ctx);
        String content = p.json().redactText(r.content(), Where.TOOL_RESULT, ctx);
        if (content == null) {
          content = text(r.content(), Where.TOOL_RESULT, p, ctx, byWhere);
        } else if (total(ctx) > before) {
          byWhere.merge(Where.TOOL_RESULT, total(ctx) - before, Integer::sum);
        } else {
          content = r.content();
        }
        String name = r.name() == null ? null : names.getOrDefault(r.name(), r.name());
        yield content == r.content() && Objects.equals(name, r.name()) ? e
            : new ToolResult(r.callId(), name, content, r.isError(), r.meta());
      }
      case ERROR -> {
        ErrorEvent err = (ErrorEvent) e;
        String message = text(err.message(), Where.MESSAGE_TEXT, p, ctx, byWhere);
        yield message == err.message() ? e : new ErrorEvent(message, err.code(), err.meta());
      }
      case FEEDBACK -> {
        Feedback f = (Feedback) e;
        String correction = f.correction() == null ? null : text(f.correction(), Where.MESSAGE_TEXT, p, ctx, byWhere);
        yield correction == f.correction() ? e : new Feedback(f.rating(), f.thumbsUp(), correction, f.meta());
      }
    };
  }

  /** The redacted text, or the same instance when nothing was found. */
  private String text(String text, Where where, Pass p, RedactionContext ctx, Map<Where, Integer> byWhere) {
    if (text.isEmpty()) {
      return text;
    }
    List<Span> spans = p.scan().apply(text, new ScanContext(where, null));
    if (spans.isEmpty()) {
      return text;
    }
    int before = total(ctx);
    RedactionResult result = redactor.redact(text, spans, ctx);
    byWhere.merge(where, total(ctx) - before, Integer::sum);
    return result.text().equals(text) ? text : result.text();
  }

  /**
   * The spans of every detector in {@code text}. Chat applications send the whole history with every
   * call, so the same message text is scanned again and again: recent results are cached by text
   * (in memory only, bounded), which changes nothing but the time.
   */
  private List<Span> detect(String text, Where where) {
    return detect(text, new ScanContext(where, null));
  }

  /** As above, for a text with a JSON key (the strings of a tool schema, repeated with every call). */
  private List<Span> detect(String text, ScanContext scan) {
    String key = scan.jsonKey() == null ? scan.where().ordinal() + "|" + text
        : scan.where().ordinal() + "#" + scan.jsonKey().length() + "#" + scan.jsonKey() + "|" + text;
    synchronized (cache) {
      List<Span> hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    List<Span> spans = new ArrayList<>();
    for (Detector d : detectors.detectors()) {
      spans.addAll(d.detect(text, scan));
    }
    List<Span> result = List.copyOf(spans);
    if (text.length() <= CACHED_TEXT_CHARS) {
      synchronized (cache) {
        cache.put(key, result);
      }
    }
    return result;
  }

  private static int total(RedactionContext ctx) {
    int n = 0;
    for (int v : ctx.counts().values()) {
      n += v;
    }
    return n;
  }

  @Override
  public String toString() {
    return "PrivacyStage[" + detectors + ", " + redactor + (corpusKey == null ? "" : ", keyed") + "]";
  }
}
