package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.pipeline.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SummaryTest {
  /** A report in the documented shape, with made-up but consistent counts. */
  static ObjectNode sampleReport() {
    return (ObjectNode) Json.tryParse("""
        {"records": {"input": 1204, "emitted": 1100, "merged": 80,
                     "filtered": {"not-success": 12, "too-short": 8}, "quarantined": 4},
         "units": {"qa": 900, "thread": 150, "trajectory": 50},
         "splits": {"train": 880, "val": 110, "test": 110},
         "exports": {"trl": {"rows": {"train": 880, "val": 110, "test": 110}, "skipped": {}},
                     "openai": {"rows": {"train": 878, "val": 110, "test": 110},
                                "skipped": {"invalid-role": 2}}},
         "outputs": ["sft/trl/train.jsonl", "sft/trl/val.jsonl", "sft/openai/train.jsonl"],
         "quarantine": {"file": "quarantine.jsonl", "count": 4}}
        """);
  }

  private static String render(ObjectNode report) {
    Path out = Path.of("out", "x");
    return Summary.render(new RunResult(report, out.resolve("report.json")), out);
  }

  @Test
  void countsAreAlignedInOneColumnAcrossSections() {
    String text = render(sampleReport());
    String q = Path.of("out", "x", "quarantine.jsonl").toString();
    assertThat(text.lines()).contains(
        "Records",
        "  read           1,204",
        "  emitted        1,100",
        "  merged            80   prefixes of a later call, or spans folded into a rebuilt trace",
        "  filtered          20",
        "    not-success     12",
        "    too-short        8",
        "  quarantined        4   see " + q + " for why",
        "Units",
        "  qa               900",
        "  trajectory        50",
        "Splits",
        "  train            880",
        "  test             110",
        "Exports (rows)",
        "  trl            1,100   train 880, val 110, test 110",
        "  openai         1,098   train 878, val 110, test 110; skipped 2 (invalid-role 2)");
  }

  @Test
  void everyOutputAndTheReportAreListedUnderTheOutDir() {
    String text = render(sampleReport());
    assertThat(text).contains("Written under " + Path.of("out", "x") + System.lineSeparator()
        + "  sft/trl/train.jsonl" + System.lineSeparator()
        + "  sft/trl/val.jsonl" + System.lineSeparator()
        + "  sft/openai/train.jsonl" + System.lineSeparator()
        + "  report.json" + System.lineSeparator());
  }

  @Test
  void noQuarantineHintWhenNothingWasQuarantined() {
    ObjectNode report = sampleReport();
    ((ObjectNode) report.get("records")).put("quarantined", 0);
    String text = render(report);
    assertThat(text).contains("quarantined").doesNotContain("for why");
  }

  @Test
  void filteredRecordsPointToTheDroppedFileWhenTheRunWroteIt() {
    ObjectNode report = sampleReport();
    assertThat(render(report)).doesNotContain("for which");
    ((com.fasterxml.jackson.databind.node.ArrayNode) report.get("outputs")).add("dropped.jsonl");
    assertThat(render(report).lines()).contains(
        "  filtered          20   see " + Path.of("out", "x", "dropped.jsonl") + " for which");
  }

  @Test
  void missingSectionsAreLeftOut() {
    ObjectNode report = Json.object();
    report.putObject("records").put("input", 3).put("emitted", 3);
    String text = render(report);
    assertThat(text).contains("  read").doesNotContain("Units").doesNotContain("Exports");
    assertThat(text).contains("report.json");
  }
}
