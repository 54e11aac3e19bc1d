package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the spans of all detectors to one text, once: they are merged ({@link SpanMerger}), each
 * merged span is replaced as the {@link RedactionPolicy} says, and the pieces in between are copied.
 * Replacements are decided from left to right, so tag numbers follow the order of first appearance.
 *
 * <p><b>Idempotence.</b> Redacting redacted text with the same detectors changes nothing, by two
 * means. Surrogates of secrets ({@link Surrogates#fill}) and dates of birth are fixed points: the
 * surrogate of a surrogate is itself. All other surrogates lie in reserved ranges (example domains,
 * fictional phone ranges, test card numbers, {@code XXXX}-marked IBANs, area-666 SSNs, documentation
 * IP ranges, {@code 02:00:00} MACs) that {@link Surrogates#isSurrogate} recognises, and a span whose
 * text is recognised, or is a surrogate this unit's context produced, is left as it is (and still
 * counted), whatever type the detector gave it. Values in those ranges belong to no one, so leaving one
 * that was in the input leaks nothing. Tags and {@code [REDACTED]} are not detected at all.
 *
 * <p>Thread-safe: all state lives in the {@link RedactionContext}.
 */
public final class Redactor {
  static final String MASK = "[REDACTED]";

  private final RedactionPolicy policy;

  public Redactor(RedactionPolicy policy) {
    this.policy = requireNonNull(policy, "policy is null. Use RedactionPolicy.defaults()");
  }

  /** A redactor with {@link RedactionPolicy#defaults()}. */
  public Redactor() {
    this(RedactionPolicy.defaults());
  }

  public RedactionPolicy policy() {
    return policy;
  }

  /**
   * {@code text} with the merged {@code spans} replaced; the context gains the counts, drop reasons
   * and audit pairs that the result reports for this text.
   *
   * @throws IllegalArgumentException if a span ends after the text (the message names the span's
   *     range and type, never the text)
   */
  public RedactionResult redact(String text, List<Span> spans, RedactionContext ctx) {
    requireNonNull(text, "text is null");
    requireNonNull(ctx, "ctx is null");
    List<Span> merged = SpanMerger.merge(spans, text.length());
    if (merged.isEmpty()) {
      return new RedactionResult(text, Map.of(), List.of(), List.of());
    }
    StringBuilder out = new StringBuilder(text.length() + 16 * merged.size());
    Map<String, Integer> counts = new TreeMap<>();
    List<String> drops = new ArrayList<>();
    List<AuditPair> audit = new ArrayList<>();
    int copied = 0;
    for (Span s : merged) {
      String original = text.substring(s.start(), s.end());
      String key = policyKey(s.type(), original);
      RedactionPolicy.Rule rule = policy.rules().containsKey(key) ? policy.rules().get(key)
          : policy.ruleFor(s.type());
      String drop = rule.action() == RedactionPolicy.Action.DROP_UNIT ? RedactionPolicy.dropReason(key) : null;
      String replacement = replacement(s.type(), original, rule.style(), ctx);
      if (!replacement.equals(original) && s.score() >= UnitSweep.MIN_SCORE) {
        ctx.replaced(s.type(), original);
      }
      out.append(text, copied, s.start()).append(replacement);
      copied = s.end();
      counts.merge(s.type(), 1, Integer::sum);
      if (drop != null && !drops.contains(drop)) {
        drops.add(drop);
      }
      AuditPair pair = ctx.auditing() ? new AuditPair(s.type(), original, replacement) : null;
      if (pair != null) {
        audit.add(pair);
      }
      ctx.record(s.type(), s.detector(), drop, pair);
    }
    out.append(text, copied, text.length());
    return new RedactionResult(out.toString(), counts, drops, audit);
  }

  private static String replacement(String type, String original, RedactionStyle style, RedactionContext ctx) {
    // a user's dictionary term is always replaced, even one that reads like a surrogate (a project "Contoso")
    if ((Surrogates.isSurrogate(type, original) && !ctx.holdsTerm(original)) || ctx.produced(type, original)) {
      return original;
    }
    return switch (style) {
      case SURROGATE -> ctx.surrogate(type, original);
      case TAG -> ctx.tag(type, original);
      case MASK -> MASK;
    };
  }

  /** The policy key of a span: its type, or {@link RedactionPolicy#PRIVATE_KEY} for a key block. */
  static String policyKey(String type, String original) {
    if (EntityTypes.SECRET.equals(type) && original.contains("-----BEGIN") && original.contains("PRIVATE KEY")) {
      return RedactionPolicy.PRIVATE_KEY;
    }
    return type;
  }

  @Override
  public String toString() {
    return "Redactor[" + policy.style() + ", rules=" + policy.rules() + "]";
  }
}
