package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one {@link DecoyEvaluator} run. Decoys are not secret, so the report shows the ones
 * that were eaten, with the detectors that ate them.
 *
 * @param source the corpus's file name, or {@code built-in}
 * @param lines the decoy lines scored
 * @param byKind decoys and survivors per kind, and which {@code detector:TYPE} ate how many
 * @param otherSpans spans outside the marked decoys, per {@code detector:TYPE}
 * @param eaten every decoy a span touched
 * @param malformed lines of the corpus that were not scored, with the reason
 */
public record DecoyReport(String source, long lines, Map<String, Kind> byKind, Map<String, Long> otherSpans,
    List<Eaten> eaten, List<String> malformed) {

  public DecoyReport {
    requireNonNull(source, "source is null");
    byKind = java.util.Collections.unmodifiableMap(new TreeMap<>(byKind));
    otherSpans = java.util.Collections.unmodifiableMap(new TreeMap<>(otherSpans));
    eaten = List.copyOf(eaten);
    malformed = List.copyOf(malformed);
  }

  /** Decoys of one kind; {@code eatenBy} counts decoys per {@code detector:TYPE} that touched them. */
  public record Kind(long decoys, long survived, Map<String, Long> eatenBy) {
    public Kind {
      if (survived < 0 || survived > decoys) {
        throw new IllegalArgumentException("survived must be in [0, decoys]");
      }
      eatenBy = java.util.Collections.unmodifiableMap(new TreeMap<>(eatenBy));
    }

    public double survivalRate() {
      return decoys == 0 ? 1.0 : (double) survived / decoys;
    }
  }

  /** A decoy that some span touched: where, which kind, its text and who touched it. */
  public record Eaten(long line, String kind, String decoy, List<String> by) {
    public Eaten {
      by = List.copyOf(by);
    }
  }

  public long decoys() {
    return byKind.values().stream().mapToLong(Kind::decoys).sum();
  }

  public long survived() {
    return byKind.values().stream().mapToLong(Kind::survived).sum();
  }

  /** Survivors over decoys; 1 for an empty corpus. */
  public double survivalRate() {
    return decoys() == 0 ? 1.0 : (double) survived() / decoys();
  }

  /** A fixed-width table: one row per kind, then the total, the eaten decoys and other spans. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-18s %7s %8s %9s  %s%n", "kind", "decoys", "survived", "rate",
        "eaten by"));
    byKind.forEach((kind, k) -> b.append(String.format(Locale.ROOT, "%-18s %7d %8d %9s  %s%n", kind, k.decoys(),
        k.survived(), rate(k.survivalRate()), by(k.eatenBy()))));
    b.append(String.format(Locale.ROOT, "%-18s %7d %8d %9s%n", "overall", decoys(), survived(), rate(survivalRate())));
    if (!eaten.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%nEaten decoys:%n"));
      for (Eaten e : eaten) {
        b.append(String.format(Locale.ROOT, "  line %d (%s): %s <- %s%n", e.line(), e.kind(), e.decoy(),
            String.join(", ", e.by())));
      }
    }
    if (!otherSpans.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%nSpans outside the marked decoys: %s%n", by(otherSpans)));
    }
    if (!malformed.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%n%d malformed line(s) not scored: %s%n", malformed.size(),
          String.join("; ", malformed.subList(0, Math.min(10, malformed.size())))));
    }
    return b.toString();
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("decoys_source", source);
    o.put("lines", lines);
    o.put("decoys", decoys());
    o.put("survived", survived());
    o.put("survival_rate", round(survivalRate()));
    ObjectNode kinds = o.putObject("by_kind");
    byKind.forEach((kind, k) -> {
      ObjectNode n = kinds.putObject(kind);
      n.put("decoys", k.decoys());
      n.put("survived", k.survived());
      n.put("survival_rate", round(k.survivalRate()));
      ObjectNode by = n.putObject("eaten_by");
      k.eatenBy().forEach(by::put);
    });
    ObjectNode other = o.putObject("other_spans");
    otherSpans.forEach(other::put);
    ArrayNode list = o.putArray("eaten");
    for (Eaten e : eaten) {
      ObjectNode n = list.addObject();
      n.put("line", e.line());
      n.put("kind", e.kind());
      n.put("decoy", e.decoy());
      ArrayNode by = n.putArray("by");
      e.by().forEach(by::add);
    }
    ArrayNode bad = o.putArray("malformed");
    malformed.forEach(bad::add);
    return o;
  }

  private static String by(Map<String, Long> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" ").append(v));
    return b.length() == 0 ? "-" : b.toString();
  }

  private static String rate(double r) {
    return String.format(Locale.ROOT, "%.4f", r);
  }

  private static double round(double r) {
    return BigDecimal.valueOf(r).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
  }
}
