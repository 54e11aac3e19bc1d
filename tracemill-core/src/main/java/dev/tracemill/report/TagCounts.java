package dev.tracemill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the tags of the units in the dataset (one meta sidecar line per unit), for the report's
 * {@code tags} section: units per value of every tag, units per model and per tool called, and
 * histograms of steps and tool calls. Also answers the coverage targets ({@link Coverage}).
 */
public final class TagCounts {
  /** Tags with one value per unit, in report order. */
  public static final List<String> SINGLE = List.of("type", "task", "domain", "language", "outcome", "complexity");
  /** Tags with a list of values per unit: a unit counts once under each of its values. */
  public static final Map<String, String> MULTI = Map.of("model", "models", "tool", "tools");
  static final List<String> BUCKETS = List.of("0", "1", "2", "3", "4", "5-9", "10-19", "20-49", "50+");

  private final Map<String, Map<String, Long>> values = new LinkedHashMap<>();
  private final Map<String, long[]> histograms = new LinkedHashMap<>();
  private final Map<String, Long> flags = new LinkedHashMap<>();
  private long units;

  public TagCounts() {
    for (String t : SINGLE) {
      values.put(t, new TreeMap<>());
    }
    values.put("model", new TreeMap<>());
    values.put("tool", new TreeMap<>());
    histograms.put("steps", new long[BUCKETS.size()]);
    histograms.put("tool_calls", new long[BUCKETS.size()]);
    for (String f : List.of("with_errors", "with_retries", "recovered", "with_invalid_tool_calls",
        "with_undefined_tool_calls")) {
      flags.put(f, 0L);
    }
  }

  /** Counts one unit's sidecar line. */
  public void add(JsonNode meta) {
    units++;
    for (String t : SINGLE) {
      JsonNode v = meta.get(t);
      if (v != null) {
        values.get(t).merge(v.asText(), 1L, Long::sum);
      }
    }
    MULTI.forEach((tag, field) -> meta.path(field).forEach(v -> values.get(tag).merge(v.asText(), 1L, Long::sum)));
    histograms.get("steps")[bucket(meta.path("steps").asInt())]++;
    histograms.get("tool_calls")[bucket(meta.path("tool_calls").asInt())]++;
    flag("with_errors", meta.path("errors").asInt() > 0);
    flag("with_retries", meta.path("retries").asInt() > 0);
    flag("recovered", meta.path("recovered").asBoolean());
    flag("with_invalid_tool_calls", meta.path("invalid_tool_calls").asInt() > 0);
    flag("with_undefined_tool_calls", meta.path("undefined_tool_calls").asInt() > 0);
  }

  private void flag(String name, boolean set) {
    if (set) {
      flags.merge(name, 1L, Long::sum);
    }
  }

  static int bucket(int n) {
    if (n < 5) {
      return Math.max(n, 0);
    }
    if (n < 10) {
      return 5;
    }
    if (n < 20) {
      return 6;
    }
    return n < 50 ? 7 : 8;
  }

  /** Units counted. */
  public long units() {
    return units;
  }

  /** Units whose {@code tag} has {@code value} (for list tags: among its values). */
  public long count(String tag, String value) {
    Map<String, Long> m = values.get(tag);
    return m == null ? 0 : m.getOrDefault(value, 0L);
  }

  /** True when {@code tag} is a tag this report counts. */
  public static boolean knows(String tag) {
    return SINGLE.contains(tag) || MULTI.containsKey(tag);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("units", units);
    values.forEach((tag, counts) -> {
      ObjectNode t = o.putObject(tag);
      counts.forEach(t::put);
    });
    ObjectNode h = o.putObject("histograms");
    histograms.forEach((name, counts) -> {
      ObjectNode b = h.putObject(name);
      for (int i = 0; i < BUCKETS.size(); i++) {
        b.put(BUCKETS.get(i), counts[i]);
      }
    });
    ObjectNode f = o.putObject("units_with");
    flags.forEach((k, v) -> f.put(k.replace("with_", ""), v));
    return o;
  }
}
