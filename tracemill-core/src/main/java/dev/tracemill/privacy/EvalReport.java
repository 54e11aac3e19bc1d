package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The figures of one {@link PiiEvaluator} run: counts per scored type in {@link EntityTypes#BUILT_IN}
 * order, their micro-average ({@code overall}), and the same matching with types ignored
 * ({@code anyType}: would the span have been redacted at all). It holds counts and type names only,
 * never a piece of the corpus's text.
 *
 * @param examples records read
 * @param examplesWithGold records with at least one scored gold span
 * @param goldSpans gold spans of every type, scored or not
 * @param byType counts per scored type that has gold or predicted spans
 * @param goldNotEvaluated gold spans per gold type the mapping declares not evaluated
 * @param goldUnknown gold spans per gold type the mapping does not know (also not evaluated)
 * @param predictedNotEvaluated predicted spans per type of ours that the corpus does not score
 * @param minGoldCoverage the share of a gold span that predictions of its type must cover to find it
 */
public record EvalReport(long examples, long examplesWithGold, long goldSpans, Map<String, Counts> byType,
    Counts overall, Counts anyType, Map<String, Long> goldNotEvaluated, Map<String, Long> goldUnknown,
    Map<String, Long> predictedNotEvaluated, double minGoldCoverage) {

  public EvalReport {
    byType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    requireNonNull(overall, "overall is null");
    requireNonNull(anyType, "anyType is null");
    goldNotEvaluated = java.util.Collections.unmodifiableMap(new TreeMap<>(goldNotEvaluated));
    goldUnknown = java.util.Collections.unmodifiableMap(new TreeMap<>(goldUnknown));
    predictedNotEvaluated = java.util.Collections.unmodifiableMap(new TreeMap<>(predictedNotEvaluated));
    if (examples < 0 || examplesWithGold < 0 || examplesWithGold > examples || goldSpans < 0) {
      throw new IllegalArgumentException("example counts must satisfy 0 <= examplesWithGold <= examples");
    }
  }

  /**
   * Counts for one type (or a sum of types). {@code tp + fn == gold} counts gold spans;
   * {@code fp} and {@code ignored} count predicted spans, so {@code predicted - fp - ignored} is the
   * number of predictions that touch a gold span of their type (several may share one gold span).
   *
   * @param gold scored gold spans
   * @param predicted distinct predicted spans
   * @param tp gold spans found (covered enough by predictions of their type)
   * @param fp predictions that touch no gold span of their type, and no unscored gold span
   * @param fn gold spans not found
   * @param ignored predictions lying only on gold spans of types not evaluated
   */
  public record Counts(long gold, long predicted, long tp, long fp, long fn, long ignored) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

    public Counts {
      if (gold < 0 || predicted < 0 || tp < 0 || fp < 0 || fn < 0 || ignored < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
      if (tp + fn != gold) {
        throw new IllegalArgumentException("tp + fn must equal gold, got " + tp + " + " + fn + " != " + gold);
      }
      if (fp + ignored > predicted) {
        throw new IllegalArgumentException("fp + ignored must not exceed predicted");
      }
    }

    public Counts plus(Counts o) {
      return new Counts(gold + o.gold, predicted + o.predicted, tp + o.tp, fp + o.fp, fn + o.fn,
          ignored + o.ignored);
    }

    /** {@code tp / (tp + fp)}; empty when nothing was found and nothing was wrong. */
    public OptionalDouble precision() {
      return tp + fp == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) tp / (tp + fp));
    }

    /** {@code tp / gold}; empty when there is no gold span. */
    public OptionalDouble recall() {
      return gold == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) tp / gold);
    }

    /**
     * F-beta with beta = 2 (recall weighs four times as much as precision: a missed identifier leaks,
     * an extra redaction costs a little training text): {@code 5PR / (4P + R)}. It is 0 when gold
     * spans exist and none was found, and empty when recall or precision is otherwise undefined.
     */
    public OptionalDouble f2() {
      if (gold > 0 && tp == 0) {
        return OptionalDouble.of(0);
      }
      OptionalDouble p = precision();
      OptionalDouble r = recall();
      if (p.isEmpty() || r.isEmpty()) {
        return OptionalDouble.empty();
      }
      double pv = p.getAsDouble();
      double rv = r.getAsDouble();
      return OptionalDouble.of(5 * pv * rv / (4 * pv + rv));
    }

    ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("gold", gold);
      o.put("predicted", predicted);
      o.put("tp", tp);
      o.put("fp", fp);
      o.put("fn", fn);
      o.put("ignored", ignored);
      putRatio(o, "precision", precision());
      putRatio(o, "recall", recall());
      putRatio(o, "f2", f2());
      return o;
    }
  }

  /** The report as JSON: ratios rounded to 4 decimals, undefined ratios as null, keys in a fixed order. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("examples", examples);
    o.put("examplesWithGold", examplesWithGold);
    o.put("goldSpans", goldSpans);
    ObjectNode matching = o.putObject("matching");
    matching.put("rule", "gold-coverage");
    matching.put("minGoldCoverage", round(minGoldCoverage));
    ObjectNode types = o.putObject("byType");
    byType.forEach((type, counts) -> types.set(type, counts.toJson()));
    o.set("overall", overall.toJson());
    o.set("anyType", anyType.toJson());
    ObjectNode ne = o.putObject("goldNotEvaluated");
    goldNotEvaluated.forEach(ne::put);
    ObjectNode unknown = o.putObject("goldUnknown");
    goldUnknown.forEach(unknown::put);
    ObjectNode pne = o.putObject("predictedNotEvaluated");
    predictedNotEvaluated.forEach(pne::put);
    return o;
  }

  /** A fixed-width table: one row per scored type, then overall and any-type, then the exclusions. */
  public String table() {
    StringBuilder b = new StringBuilder();
    String header = String.format(Locale.ROOT, "%-14s %7s %9s %7s %7s %7s %9s %7s %7s%n", "type", "gold",
        "predicted", "TP", "FP", "FN", "precision", "recall", "F2");
    b.append(header);
    byType.forEach((type, c) -> b.append(row(type, c)));
    b.append(row("overall", overall));
    b.append(row("any type", anyType));
    b.append(String.format(Locale.ROOT, "%d examples, %d with scored gold spans, %d gold spans; a gold span is "
        + "found when predictions of its type cover at least %.0f%% of it.%n", examples, examplesWithGold,
        goldSpans, minGoldCoverage * 100));
    if (!goldNotEvaluated.isEmpty()) {
      b.append("Gold spans not evaluated: ").append(list(goldNotEvaluated)).append(System.lineSeparator());
    }
    if (!goldUnknown.isEmpty()) {
      b.append("Gold types unknown to the mapping (not evaluated): ").append(list(goldUnknown))
          .append(System.lineSeparator());
    }
    if (!predictedNotEvaluated.isEmpty()) {
      b.append("Predictions of types this corpus does not score: ").append(list(predictedNotEvaluated))
          .append(System.lineSeparator());
    }
    return b.toString();
  }

  private static String row(String name, Counts c) {
    return String.format(Locale.ROOT, "%-14s %7d %9d %7d %7d %7d %9s %7s %7s%n", name, c.gold(), c.predicted(),
        c.tp(), c.fp(), c.fn(), ratio(c.precision()), ratio(c.recall()), ratio(c.f2()));
  }

  private static String list(Map<String, Long> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return b.toString();
  }

  private static String ratio(OptionalDouble d) {
    return d.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f", d.getAsDouble());
  }

  private static void putRatio(ObjectNode o, String key, OptionalDouble d) {
    if (d.isEmpty()) {
      o.putNull(key);
    } else {
      o.put(key, round(d.getAsDouble()));
    }
  }

  private static BigDecimal round(double d) {
    return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_EVEN);
  }
}
