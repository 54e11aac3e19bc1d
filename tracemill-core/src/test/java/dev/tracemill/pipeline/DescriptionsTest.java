package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.export.Exporter;
import dev.tracemill.export.Exporters;
import dev.tracemill.ingest.Formats;
import dev.tracemill.ingest.LogFormat;
import org.junit.jupiter.api.Test;

/**
 * {@code tracemill formats} prints one description per reader and exporter; a new one registered
 * without a description would show a bare name.
 */
class DescriptionsTest {
  private static final int MAX_LENGTH = 90;

  @Test
  void everyRegisteredReaderHasAOneLineDescription() {
    assertThat(Formats.ALL).isNotEmpty();
    for (LogFormat format : Formats.ALL) {
      assertOneLine(format.name(), format.description());
    }
  }

  @Test
  void everyRegisteredExporterHasAOneLineDescription() {
    assertThat(Exporters.ALL).isNotEmpty();
    for (Exporter exporter : Exporters.ALL) {
      assertOneLine(exporter.name(), exporter.description());
    }
  }

  private static void assertOneLine(String name, String description) {
    assertThat(description).as(name).isNotBlank().doesNotContain("\n").hasSizeLessThanOrEqualTo(MAX_LENGTH);
  }
}
