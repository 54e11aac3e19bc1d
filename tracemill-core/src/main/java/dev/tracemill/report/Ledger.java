package dev.tracemill.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accounting of one run: every input record lands in exactly one bucket (emitted, merged,
 * filtered with a reason, quarantined), so {@code input == emitted + merged + sum(filtered) +
 * quarantined} holds by construction; {@link #check()} verifies it before the report is written.
 */
public final class Ledger {
  private long input;
  private long emitted;
  private long merged;
  private long quarantined;
  private final Map<String, Long> filtered = new TreeMap<>();
  private final Map<String, Long> quarantineReasons = new TreeMap<>();

  public void recordRead() {
    input++;
  }

  public void emitted(long n) {
    emitted += n;
  }

  public void merged() {
    merged++;
  }

  public void filtered(String reason) {
    filtered(reason, 1);
  }

  public void filtered(String reason, long n) {
    if (n > 0) {
      filtered.merge(reason, n, Long::sum);
    }
  }

  /** {@code category} is the reason's stable first words (e.g. "invalid JSON"), for the summary. */
  public void quarantined(String category) {
    quarantined++;
    quarantineReasons.merge(category, 1L, Long::sum);
  }

  public long input() {
    return input;
  }

  public long quarantined() {
    return quarantined;
  }

  public long filteredTotal() {
    return filtered.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Throws when some record was counted in no bucket or in two. */
  public void check() {
    long accounted = emitted + merged + filteredTotal() + quarantined;
    if (accounted != input) {
      throw new IllegalStateException("accounting error: " + input + " records read but " + accounted
          + " accounted for (emitted " + emitted + ", merged " + merged + ", filtered " + filteredTotal()
          + ", quarantined " + quarantined + ")");
    }
  }

  /** The {@code records} object of report.json. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("input", input);
    o.put("emitted", emitted);
    o.put("merged", merged);
    ObjectNode f = o.putObject("filtered");
    filtered.forEach(f::put);
    o.put("quarantined", quarantined);
    return o;
  }

  /** Quarantined records per reason category. */
  public ObjectNode quarantineReasonsJson() {
    ObjectNode o = Json.object();
    quarantineReasons.forEach(o::put);
    return o;
  }
}
