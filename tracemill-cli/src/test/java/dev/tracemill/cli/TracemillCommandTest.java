package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.export.Exporters;
import dev.tracemill.ingest.Formats;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracemillCommandTest {
  @TempDir Path dir;

  @Test
  void withoutACommandItIsAUsageError() {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute()).isEqualTo(2);
    assertThat(cli.err).contains("no command given").contains("Try 'tracemill --help'.");
  }

  @Test
  void topLevelHelpListsTheCommandsAndExitCodes() {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("--help")).isZero();
    assertThat(cli.out).contains("run", "demo", "formats", "Exit codes:", "2  invalid usage");
  }

  @Test
  void versionIsPrinted() {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("--version")).isZero();
    assertThat(cli.out).startsWith("tracemill ");
  }

  @Test
  void formatsListsEveryReaderAndExporter() {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("formats")).isZero();
    assertThat(cli.out).contains("Input formats").contains("Export formats");
    for (String name : Formats.names()) {
      assertThat(cli.out).contains("  " + name);
    }
    for (String name : Exporters.names()) {
      assertThat(cli.out).contains("  " + name);
    }
  }

  @Test
  void aFormatLineAlignsItsDescription() {
    assertThat(FormatsCommand.line("trl", "TRL conversational", 6)).isEqualTo("  trl     TRL conversational");
    assertThat(FormatsCommand.line("trl", "", 6)).isEqualTo("  trl");
  }
}
