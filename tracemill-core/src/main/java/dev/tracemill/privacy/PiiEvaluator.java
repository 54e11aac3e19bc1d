package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Span-level evaluation of detectors on a labelled corpus.
 *
 * <p>Matching rule (docs/privacy.md, "Matching"): every detector scans each example's text as free text;
 * their spans are pooled, with duplicates (same range and type) counted once. Gold types are
 * translated by the {@link EntityMapping}. Then, per scored type T:
 * <ul>
 *   <li>a gold span of type T is found (TP) when the union of the predicted spans of type T covers
 *       at least {@link #MIN_GOLD_COVERAGE} of its characters, else missed (FN). Several fragments
 *       may together find one gold span; one long prediction may find two.
 *   <li>a predicted span of type T that overlaps a gold span of type T is neither TP nor FP by
 *       itself (the gold side counts it); one that overlaps no gold span of type T is a FP, unless
 *       it overlaps only gold spans of types not evaluated, in which case it is ignored (the annotator
 *       marked an entity there that this corpus does not score).
 *   <li>predicted spans of types the corpus does not score are counted, not scored.
 * </ul>
 * {@code anyType} applies the same rule with every scored type treated as one: it tells whether the
 * gold span would have been redacted, whatever type the detector gave it.
 *
 * <p>Not thread-safe: one evaluator accumulates one corpus, then {@link #report()}.
 */
public final class PiiEvaluator {
  /** The share of a gold span's characters that predictions of its type must cover to find it. */
  public static final double MIN_GOLD_COVERAGE = 0.5;

  private final List<Detector> detectors;
  private final EntityMapping mapping;
  private final Map<String, Tally> tallies = new HashMap<>();
  private final Tally any = new Tally();
  private final Map<String, Long> goldNotEvaluated = new TreeMap<>();
  private final Map<String, Long> goldUnknown = new TreeMap<>();
  private final Map<String, Long> predictedNotEvaluated = new TreeMap<>();
  private long examples;
  private long examplesWithGold;
  private long goldSpans;

  public PiiEvaluator(List<Detector> detectors, EntityMapping mapping) {
    this.detectors = List.copyOf(detectors);
    this.mapping = requireNonNull(mapping, "mapping is null");
  }

  /** Evaluates {@code detectors} on every example of {@code corpus} with the presidio mapping. */
  public static EvalReport evaluate(List<Detector> detectors, GoldCorpus corpus) throws IOException {
    PiiEvaluator evaluator = new PiiEvaluator(detectors, EntityMapping.presidio());
    corpus.forEach(evaluator::accept);
    return evaluator.report();
  }

  /** As {@link #evaluate(List, GoldCorpus)} with another type mapping. */
  public static EvalReport evaluate(List<Detector> detectors, GoldCorpus corpus, EntityMapping mapping)
      throws IOException {
    PiiEvaluator evaluator = new PiiEvaluator(detectors, mapping);
    corpus.forEach(evaluator::accept);
    return evaluator.report();
  }

  private record Range(int start, int end, String type) {
    boolean overlaps(Range o) {
      return start < o.end && o.start < end;
    }
  }

  /** Mutable counts for one type. */
  private static final class Tally {
    long gold;
    long predicted;
    long tp;
    long fp;
    long ignored;

    EvalReport.Counts counts() {
      return new EvalReport.Counts(gold, predicted, tp, fp, gold - tp, ignored);
    }
  }

  public void accept(GoldExample example) {
    examples++;
    String text = example.text();
    List<Range> gold = new ArrayList<>();
    List<Range> unscored = new ArrayList<>();
    for (GoldExample.Entity e : example.entities()) {
      goldSpans++;
      String ours = mapping.map(e.type()).orElse(null);
      if (ours != null) {
        gold.add(new Range(e.start(), e.end(), ours));
      } else {
        unscored.add(new Range(e.start(), e.end(), e.type()));
        (mapping.knows(e.type()) ? goldNotEvaluated : goldUnknown).merge(e.type(), 1L, Long::sum);
      }
    }
    if (!gold.isEmpty()) {
      examplesWithGold++;
    }
    List<Range> predicted = new ArrayList<>(predict(text));

    for (Range g : gold) {
      tally(g.type()).gold++;
      any.gold++;
      if (found(g, predicted, true)) {
        tally(g.type()).tp++;
      }
      if (found(g, predicted, false)) {
        any.tp++;
      }
    }
    for (Range p : predicted) {
      Tally t = tally(p.type());
      t.predicted++;
      any.predicted++;
      boolean sameType = gold.stream().anyMatch(g -> g.type().equals(p.type()) && g.overlaps(p));
      boolean anyScored = gold.stream().anyMatch(g -> g.overlaps(p));
      boolean onUnscored = unscored.stream().anyMatch(u -> u.overlaps(p));
      if (!sameType) {
        if (!anyScored && onUnscored) {
          t.ignored++;
        } else {
          t.fp++;
        }
      }
      if (!anyScored) {
        if (onUnscored) {
          any.ignored++;
        } else {
          any.fp++;
        }
      }
    }
  }

  /** Pooled, de-duplicated spans of scored types, in a fixed order; the others are only counted. */
  private Set<Range> predict(String text) {
    Set<Range> out = new LinkedHashSet<>();
    Set<Range> notScored = new LinkedHashSet<>();
    for (Detector d : detectors) {
      for (Span s : d.detect(text, ScanContext.FREE_TEXT)) {
        if (s.end() > text.length()) {
          throw new IllegalStateException("detector " + d.name() + " returned a span ending at " + s.end()
              + ", past the end of a text of length " + text.length());
        }
        Range r = new Range(s.start(), s.end(), s.type());
        (mapping.evaluates(s.type()) ? out : notScored).add(r);
      }
    }
    for (Range r : notScored) {
      predictedNotEvaluated.merge(r.type(), 1L, Long::sum);
    }
    List<Range> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingInt(Range::start).thenComparingInt(Range::end).thenComparing(Range::type));
    return new LinkedHashSet<>(sorted);
  }

  /** Whether the predictions (of the gold span's type when {@code sameType}) cover enough of it. */
  private static boolean found(Range g, List<Range> predicted, boolean sameType) {
    List<int[]> parts = new ArrayList<>();
    for (Range p : predicted) {
      if ((!sameType || p.type().equals(g.type())) && p.overlaps(g)) {
        parts.add(new int[] {Math.max(p.start(), g.start()), Math.min(p.end(), g.end())});
      }
    }
    parts.sort(Comparator.comparingInt(a -> a[0]));
    long covered = 0;
    int reach = g.start();
    for (int[] part : parts) {
      int from = Math.max(part[0], reach);
      if (part[1] > from) {
        covered += part[1] - from;
        reach = part[1];
      }
    }
    return covered >= MIN_GOLD_COVERAGE * (g.end() - g.start());
  }

  private Tally tally(String type) {
    return tallies.computeIfAbsent(type, k -> new Tally());
  }

  public EvalReport report() {
    Map<String, EvalReport.Counts> byType = new LinkedHashMap<>();
    EvalReport.Counts overall = EvalReport.Counts.ZERO;
    for (String type : mapping.evaluatedTypes()) {
      Tally t = tallies.get(type);
      if (t != null) {
        byType.put(type, t.counts());
        overall = overall.plus(t.counts());
      }
    }
    return new EvalReport(examples, examplesWithGold, goldSpans, byType, overall, any.counts(), goldNotEvaluated,
        goldUnknown, predictedNotEvaluated, MIN_GOLD_COVERAGE);
  }
}
