package dev.tracemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.pipeline.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few lines a person reads after a run, rendered from {@code report.json} alone (so it shows
 * exactly what the report says). Sections whose keys the report lacks are left out.
 */
final class Summary {
  private Summary() {}

  /** One line of a section: a label indented by {@code depth}, a count, and an optional note. */
  private record Row(int depth, String label, long count, String note) {}

  static String render(RunResult result, Path out) {
    JsonNode report = result.report();
    List<Object> lines = new ArrayList<>();

    JsonNode records = report.path("records");
    if (records.isObject()) {
      lines.add("Records");
      lines.add(new Row(1, "read", records.path("input").asLong(), ""));
      lines.add(new Row(1, "emitted", records.path("emitted").asLong(), ""));
      lines.add(new Row(1, "merged", records.path("merged").asLong(),
          "prefixes of a later call, or spans folded into a rebuilt trace"));
      JsonNode filtered = records.path("filtered");
      long filteredTotal = 0;
      for (JsonNode n : filtered) {
        filteredTotal += n.asLong();
      }
      boolean listsDropped = false;
      for (JsonNode o : report.path("outputs")) {
        listsDropped |= o.asText().equals("dropped.jsonl");
      }
      long merged = records.path("merged").asLong();
      lines.add(new Row(1, "filtered", filteredTotal,
          listsDropped && filteredTotal + merged > 0 ? "see " + out.resolve("dropped.jsonl") + " for which" : ""));
      for (Iterator<Map.Entry<String, JsonNode>> it = filtered.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        lines.add(new Row(2, e.getKey(), e.getValue().asLong(), ""));
      }
      long quarantined = records.path("quarantined").asLong();
      String file = report.path("quarantine").path("file").asText("quarantine.jsonl");
      lines.add(new Row(1, "quarantined", quarantined,
          quarantined > 0 ? "see " + out.resolve(file) + " for why" : ""));
    }
    countSection(lines, "Units", report.path("units"));
    countSection(lines, "Splits", report.path("splits"));
    countSection(lines, "Complexity", report.path("tags").path("complexity"));
    coverage(lines, report.path("coverage"));

    JsonNode exports = report.path("exports");
    if (exports.isObject() && !exports.isEmpty()) {
      lines.add("Exports (rows)");
      for (Iterator<Map.Entry<String, JsonNode>> it = exports.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        lines.add(exportRow(e.getKey(), e.getValue()));
      }
    }

    JsonNode outputs = report.path("outputs");
    lines.add("Written under " + out);
    String reportFile = relative(out, result.reportFile());
    boolean reportListed = false;
    for (JsonNode o : outputs) {
      lines.add("  " + o.asText());
      reportListed |= o.asText().equals(reportFile);
    }
    if (!reportListed) {
      lines.add("  " + reportFile);
    }
    return format(lines);
  }

  private static void countSection(List<Object> lines, String title, JsonNode counts) {
    if (!counts.isObject() || counts.isEmpty()) {
      return;
    }
    lines.add(title);
    for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      lines.add(new Row(1, e.getKey(), e.getValue().asLong(), ""));
    }
  }

  /** The coverage targets, when the config set any: how many are met, and each one that is not. */
  private static void coverage(List<Object> lines, JsonNode coverage) {
    JsonNode targets = coverage.path("targets");
    if (!targets.isArray() || targets.isEmpty()) {
      return;
    }
    int met = 0;
    for (JsonNode t : targets) {
      met += t.path("met").asBoolean() ? 1 : 0;
    }
    lines.add("Coverage: " + met + " of " + targets.size() + " targets met");
    for (JsonNode t : targets) {
      if (!t.path("met").asBoolean()) {
        lines.add("  not met: " + t.path("target").asText() + " is " + t.path("actual").asText()
            + ", required " + t.path("required").asText());
      }
    }
  }

  private static Row exportRow(String format, JsonNode export) {
    long total = 0;
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = export.path("rows").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      total += e.getValue().asLong();
      parts.add(e.getKey() + " " + number(e.getValue().asLong()));
    }
    String note = String.join(", ", parts);
    long skipped = 0;
    List<String> reasons = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = export.path("skipped").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      skipped += e.getValue().asLong();
      reasons.add(e.getKey() + " " + number(e.getValue().asLong()));
    }
    if (skipped > 0) {
      note += (note.isEmpty() ? "" : "; ") + "skipped " + number(skipped) + " (" + String.join(", ", reasons) + ")";
    }
    return new Row(1, format, total, note);
  }

  private static String relative(Path out, Path file) {
    Path absOut = out.toAbsolutePath().normalize();
    Path absFile = file.toAbsolutePath().normalize();
    return absFile.startsWith(absOut) ? absOut.relativize(absFile).toString() : absFile.toString();
  }

  /** Pads labels to one column and right-aligns counts to another, across all sections. */
  private static String format(List<Object> lines) {
    int labelWidth = 0;
    int countWidth = 0;
    for (Object line : lines) {
      if (line instanceof Row r) {
        labelWidth = Math.max(labelWidth, 2 * r.depth() + r.label().length());
        countWidth = Math.max(countWidth, number(r.count()).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Object line : lines) {
      if (line instanceof Row r) {
        String label = "  ".repeat(r.depth()) + r.label();
        String count = number(r.count());
        sb.append(label).append(" ".repeat(labelWidth - label.length() + 2))
            .append(" ".repeat(countWidth - count.length())).append(count);
        if (!r.note().isEmpty()) {
          sb.append("   ").append(r.note());
        }
      } else {
        sb.append(line);
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
