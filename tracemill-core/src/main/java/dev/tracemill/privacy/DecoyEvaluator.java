package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures over-redaction: runs detectors over a {@link DecoyCorpus} and counts the decoys that
 * survive, that is, that no span of any detector touches (one shared character is enough to eat a
 * decoy: the redactor would rewrite part of it). Spans elsewhere in a decoy line are counted apart, as
 * {@link DecoyReport#otherSpans()}: decoy lines are meant to hold nothing to redact.
 */
public final class DecoyEvaluator {
  private DecoyEvaluator() {}

  public static DecoyReport evaluate(List<Detector> detectors, DecoyCorpus corpus) {
    requireNonNull(detectors, "detectors is null");
    requireNonNull(corpus, "corpus is null");
    Map<String, long[]> kinds = new TreeMap<>();
    Map<String, Map<String, Long>> eatenBy = new TreeMap<>();
    Map<String, Long> other = new TreeMap<>();
    List<DecoyReport.Eaten> eaten = new ArrayList<>();
    for (DecoyCorpus.Line line : corpus.lines()) {
      List<Span> spans = new ArrayList<>();
      for (Detector d : detectors) {
        spans.addAll(d.detect(line.text(), ScanContext.FREE_TEXT));
      }
      long[] k = kinds.computeIfAbsent(line.kind(), x -> new long[2]);
      for (int[] decoy : line.decoys()) {
        k[0]++;
        List<String> by = new ArrayList<>();
        for (Span s : spans) {
          String key = s.detector() + ":" + s.type();
          if (s.start() < decoy[1] && decoy[0] < s.end() && !by.contains(key)) {
            by.add(key);
          }
        }
        if (by.isEmpty()) {
          k[1]++;
        } else {
          for (String key : by) {
            eatenBy.computeIfAbsent(line.kind(), x -> new TreeMap<>()).merge(key, 1L, Long::sum);
          }
          eaten.add(new DecoyReport.Eaten(line.number(), line.kind(),
              line.text().substring(decoy[0], decoy[1]), List.copyOf(by)));
        }
      }
      for (Span s : spans) {
        boolean onDecoy = false;
        for (int[] decoy : line.decoys()) {
          onDecoy |= s.start() < decoy[1] && decoy[0] < s.end();
        }
        if (!onDecoy) {
          other.merge(s.detector() + ":" + s.type(), 1L, Long::sum);
        }
      }
    }
    Map<String, DecoyReport.Kind> byKind = new TreeMap<>();
    kinds.forEach((kind, c) -> byKind.put(kind, new DecoyReport.Kind(c[0], c[1],
        eatenBy.getOrDefault(kind, Map.of()))));
    return new DecoyReport(corpus.source(), corpus.lines().size(), byKind, other, eaten, corpus.malformed());
  }
}
