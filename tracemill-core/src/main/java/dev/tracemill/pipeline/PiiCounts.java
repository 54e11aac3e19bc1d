package dev.tracemill.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.privacy.PrivacyStage;
import dev.tracemill.privacy.Where;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's {@code pii} section: what the privacy stage found, per entity type, per location and per
 * detector (the source of each finding), over every unit that passed the filters (including units later
 * merged into a longer call or found to be duplicates). Counts only: never a value.
 */
final class PiiCounts {
  private final Map<String, Long> byType = new TreeMap<>();
  private final Map<String, Long> byWhere = new TreeMap<>();
  private final Map<String, Long> byDetector = new TreeMap<>();
  private final Map<String, Long> dropped = new TreeMap<>();
  private long units;
  private ObjectNode gate;
  private long unitsWithFindings;

  void add(PrivacyStage.Outcome outcome) {
    units++;
    long found = 0;
    for (Map.Entry<String, Integer> e : outcome.byType().entrySet()) {
      byType.merge(e.getKey(), (long) e.getValue(), Long::sum);
      found += e.getValue();
    }
    outcome.byDetector().forEach((d, n) -> byDetector.merge(d, (long) n, Long::sum));
    for (Map.Entry<Where, Integer> e : outcome.byWhere().entrySet()) {
      byWhere.merge(e.getKey().name().toLowerCase(Locale.ROOT), (long) e.getValue(), Long::sum);
    }
    if (found > 0) {
      unitsWithFindings++;
    }
    if (outcome.dropped()) {
      dropped.merge(outcome.dropReason(), 1L, Long::sum);
    }
  }

  void leakGate(int files, int values, boolean partial, int residuals) {
    gate = Json.object();
    gate.put("files_checked", files);
    gate.put("values_searched", values);
    gate.put("secret_rescan", true);
    gate.put("partial", partial);
    gate.put("residual", residuals);
  }

  ObjectNode toJson(RunConfig config) {
    ObjectNode o = Json.object();
    o.put("enabled", config.pii());
    if (!config.pii()) {
      o.put("note", "the privacy stage was turned off with --pii off: outputs were not scanned");
      return o;
    }
    o.put("style", config.piiStyle().name().toLowerCase(Locale.ROOT));
    o.put("consistent_across_units", config.piiKey() != null);
    o.put("units_scanned", units);
    o.put("units_with_findings", unitsWithFindings);
    ObjectNode t = o.putObject("by_type");
    byType.forEach(t::put);
    ObjectNode w = o.putObject("by_location");
    byWhere.forEach(w::put);
    ObjectNode s = o.putObject("by_detector");
    byDetector.forEach(s::put);
    ObjectNode d = o.putObject("units_dropped");
    dropped.forEach(d::put);
    if (gate != null) {
      o.set("leak_gate", gate);
      o.put("residual", gate.get("residual").asInt());
    }
    return o;
  }
}
