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
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The privacy stage of a run: every text of a unit that can reach a training file is scanned by the
 * detector set and redacted once, with one {@link RedactionContext} per unit so that an entity reads
 * the same everywhere in the unit (and across the corpus with a key). System prompts, user and
 * assistant text, reasoning, tool-call arguments and tool results (as JSON, key by key, when they parse;
 * as text otherwise) are covered; error messages and feedback corrections too, though no exporter
 * writes them. Tool definitions and unit metadata are not scanned: they are not written to training
 * files.
 *
 * <p>Thread-safe; {@link #apply} keeps no state between units except a bounded cache of recent
 * detections, which only saves time.
 */
public final class PrivacyStage {
  private final DetectorSet detectors;
  private final Redactor redactor;
  private final JsonRedactor json;
  private final byte[] corpusKey;
  private final boolean collectOriginals;
  /** Whether an organisation dictionary finds a term in a text; null without dictionaries. */
  private final java.util.function.Predicate<String> termFinder;
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
    this.json = new JsonRedactor(detectors, redactor);
    this.corpusKey = corpusKey == null ? null : corpusKey.clone();
    this.termFinder = detectors.termFinder();
  }

  /** What the stage did to one unit: the redacted unit, or why it must be dropped, and the counts. */
  public record Outcome(Unit unit, String dropReason, Map<String, Integer> byType,
      Map<Where, Integer> byWhere, List<AuditPair> replaced) {
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
    List<Event> events = new ArrayList<>(unit.events().size());
    boolean changed = false;
    for (Event e : unit.events()) {
      Event out = redact(e, ctx, byWhere);
      changed |= out != e;
      events.add(out);
    }
    Map<String, String> tags = unit.tags();
    for (Map.Entry<String, String> t : unit.tags().entrySet()) {
      String value = text(t.getValue(), Where.METADATA, ctx, byWhere);
      if (value != t.getValue()) {
        if (tags == unit.tags()) {
          tags = new TreeMap<>(unit.tags());
        }
        tags.put(t.getKey(), value);
        changed = true;
      }
    }
    if (!ctx.dropReasons().isEmpty()) {
      return new Outcome(null, ctx.dropReasons().get(0), ctx.counts(), byWhere, ctx.audit());
    }
    Unit redacted = !changed ? unit : new Unit(unit.id(), unit.type(), events, unit.tools(), unit.outcome(),
        unit.source(), unit.callType(), unit.session(), tags);
    return new Outcome(redacted, null, ctx.counts(), byWhere, ctx.audit());
  }

  private Event redact(Event e, RedactionContext ctx, Map<Where, Integer> byWhere) {
    return switch (e.kind()) {
      case SYSTEM -> {
        SystemMsg m = (SystemMsg) e;
        String text = text(m.text(), Where.SYSTEM_PROMPT, ctx, byWhere);
        yield text == m.text() ? e : new SystemMsg(text, m.meta());
      }
      case USER -> {
        UserMsg m = (UserMsg) e;
        String text = text(m.text(), Where.MESSAGE_TEXT, ctx, byWhere);
        yield text == m.text() ? e : new UserMsg(text, m.meta());
      }
      case ASSISTANT -> {
        AssistantMsg m = (AssistantMsg) e;
        String text = text(m.text(), Where.MESSAGE_TEXT, ctx, byWhere);
        String reasoning = m.reasoning() == null ? null : text(m.reasoning(), Where.MESSAGE_TEXT, ctx, byWhere);
        yield text == m.text() && reasoning == m.reasoning() ? e
            : new AssistantMsg(text, reasoning, m.meta());
      }
      case TOOL_CALL -> {
        ToolCall c = (ToolCall) e;
        if (c.arguments() != null) {
          int before = total(ctx);
          JsonNode args = json.redact(c.arguments(), Where.TOOL_ARGUMENTS, ctx);
          int found = total(ctx) - before;
          if (found == 0) {
            yield e;
          }
          byWhere.merge(Where.TOOL_ARGUMENTS, found, Integer::sum);
          yield new ToolCall(c.id(), c.name(), args, Json.write(args), c.meta());
        }
        String raw = text(c.rawArguments(), Where.TOOL_ARGUMENTS, ctx, byWhere);
        yield raw == c.rawArguments() ? e : new ToolCall(c.id(), c.name(), null, raw, c.meta());
      }
      case TOOL_RESULT -> {
        ToolResult r = (ToolResult) e;
        int before = total(ctx);
        String content = json.redactText(r.content(), Where.TOOL_RESULT, ctx);
        if (content == null) {
          content = text(r.content(), Where.TOOL_RESULT, ctx, byWhere);
        } else if (total(ctx) > before) {
          byWhere.merge(Where.TOOL_RESULT, total(ctx) - before, Integer::sum);
        } else {
          content = r.content();
        }
        yield content == r.content() ? e
            : new ToolResult(r.callId(), r.name(), content, r.isError(), r.meta());
      }
      case ERROR -> {
        ErrorEvent err = (ErrorEvent) e;
        String message = text(err.message(), Where.MESSAGE_TEXT, ctx, byWhere);
        yield message == err.message() ? e : new ErrorEvent(message, err.code(), err.meta());
      }
      case FEEDBACK -> {
        Feedback f = (Feedback) e;
        String correction = f.correction() == null ? null : text(f.correction(), Where.MESSAGE_TEXT, ctx, byWhere);
        yield correction == f.correction() ? e : new Feedback(f.rating(), f.thumbsUp(), correction, f.meta());
      }
    };
  }

  /** The redacted text, or the same instance when nothing was found. */
  private String text(String text, Where where, RedactionContext ctx, Map<Where, Integer> byWhere) {
    if (text.isEmpty()) {
      return text;
    }
    List<Span> spans = detect(text, where);
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
    String key = where.ordinal() + text;
    synchronized (cache) {
      List<Span> hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    ScanContext scan = new ScanContext(where, null);
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
