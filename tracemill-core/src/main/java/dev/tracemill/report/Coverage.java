package dev.tracemill.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.model.UnitType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Targets for the mix of the dataset, from the config file's {@code coverage} mapping, and whether the
 * run met them. A target is {@code TAG.VALUE.BOUND: number}:
 * <pre>
 * coverage:
 *   trajectory.min_share: 0.2            # shorthand for type.trajectory.min_share
 *   complexity.recovery.min_count: 50
 *   language.en.max_share: 0.8
 *   tool.search.min_count: 10
 *   units.min_count: 1000                # the whole dataset
 * </pre>
 * TAG is one of the report's tags ({@link TagCounts#SINGLE}, {@code model}, {@code tool}); BOUND is
 * {@code min_count}, {@code max_count}, {@code min_share} or {@code max_share} (shares are fractions of
 * the dataset's units, between 0 and 1). A target that is not met does not fail the run: the report
 * says so and the CLI warns, so a pipeline can decide.
 */
public record Coverage(List<Target> targets) {
  public static final Coverage NONE = new Coverage(List.of());
  private static final List<String> BOUNDS = List.of("min_count", "max_count", "min_share", "max_share");

  public Coverage {
    targets = List.copyOf(targets);
  }

  /** One target: {@code value} is null for {@code units.*}. */
  public record Target(String key, String tag, String value, String bound, double required) {
    public Target {
      requireNonNull(key, "key is null");
      requireNonNull(bound, "bound is null");
    }

    double actual(TagCounts counts) {
      long n = tag == null ? counts.units() : counts.count(tag, value);
      if (bound.endsWith("_share")) {
        return counts.units() == 0 ? 0 : (double) n / counts.units();
      }
      return n;
    }

    boolean met(double actual) {
      return bound.startsWith("min_") ? actual >= required : actual <= required;
    }
  }

  /** Reads the {@code coverage} mapping; a message names the key and what was expected. */
  public static Coverage parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("expects a mapping of targets such as 'trajectory.min_share: 0.2'");
    }
    List<Target> targets = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      targets.add(target(e.getKey(), e.getValue()));
    }
    return new Coverage(targets);
  }

  private static Target target(String key, JsonNode value) {
    String[] parts = key.split("\\.");
    String hint = "coverage." + key + ": expected TAG.VALUE.BOUND (for example complexity.recovery.min_count), "
        + "TYPE.BOUND (trajectory.min_share) or units.min_count, with BOUND one of " + String.join(", ", BOUNDS)
        + " and TAG one of " + String.join(", ", TagCounts.SINGLE) + ", model, tool";
    if (parts.length < 2 || !BOUNDS.contains(parts[parts.length - 1])) {
      throw new IllegalArgumentException(hint);
    }
    String bound = parts[parts.length - 1];
    String tag;
    String tagValue;
    if (parts.length == 2 && parts[0].equals("units")) {
      tag = null;
      tagValue = null;
    } else if (parts.length == 2 && isUnitType(parts[0])) {
      tag = "type";
      tagValue = parts[0];
    } else if (parts.length >= 3 && TagCounts.knows(parts[0])) {
      tag = parts[0];
      // Tag values may hold dots (model names such as gpt-4.1): everything between tag and bound.
      tagValue = String.join(".", java.util.Arrays.asList(parts).subList(1, parts.length - 1));
    } else {
      throw new IllegalArgumentException(hint);
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException("coverage." + key + ": expects a number");
    }
    double required = value.doubleValue();
    if (bound.endsWith("_share") && (required < 0 || required > 1)) {
      throw new IllegalArgumentException("coverage." + key + ": a share is a fraction between 0 and 1, got "
          + value.asText());
    }
    if (bound.endsWith("_count") && (required < 0 || required != Math.rint(required))) {
      throw new IllegalArgumentException("coverage." + key + ": a count is a whole number >= 0, got "
          + value.asText());
    }
    return new Target(key, tag, tagValue, bound, required);
  }

  private static boolean isUnitType(String s) {
    for (UnitType t : UnitType.values()) {
      if (t.label().equals(s.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The report's {@code coverage} section: each target with its actual value, and whether all are met. */
  public ObjectNode evaluate(TagCounts counts) {
    ObjectNode o = Json.object();
    boolean all = true;
    ArrayNode list = o.putArray("targets");
    for (Target t : targets) {
      double actual = t.actual(counts);
      boolean met = t.met(actual);
      all &= met;
      ObjectNode j = list.addObject();
      j.put("target", t.key());
      j.put("required", t.required());
      if (t.bound().endsWith("_share")) {
        j.put("actual", Math.round(actual * 10_000) / 10_000.0);
      } else {
        j.put("actual", (long) actual);
      }
      j.put("met", met);
    }
    o.put("met", all);
    return o;
  }
}
