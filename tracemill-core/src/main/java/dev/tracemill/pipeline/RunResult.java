package dev.tracemill.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What a finished run produced: {@code report} is exactly what was written to {@code report.json}
 * (keys documented in docs/report.md); {@code reportFile} is where.
 */
public record RunResult(ObjectNode report, Path reportFile) {
  public RunResult {
    requireNonNull(report, "report is null");
    requireNonNull(reportFile, "reportFile is null");
  }

  public long inputRecords() {
    return report.path("records").path("input").asLong();
  }

  public long quarantinedRecords() {
    return report.path("records").path("quarantined").asLong();
  }
}
