package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.export.Exporters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path home;

  @Test
  void theDemoReadsTheExampleLogsUnderHomeAndWritesEveryFormatToOutDemo() throws IOException {
    Assumptions.assumeFalse(Exporters.names().isEmpty(), "no exporters registered in this build");
    Files.createDirectories(home.resolve("examples/logs"));
    CliHarness cli = new CliHarness(home);
    cli.report = SummaryTest.sampleReport();
    assertThat(cli.execute("demo")).as(cli.err).isZero();
    assertThat(cli.captured.inputs()).containsExactly(home.resolve("examples/logs").toString());
    assertThat(cli.captured.out()).isEqualTo(home.resolve("out/demo"));
    assertThat(cli.captured.formats()).isEqualTo(Exporters.names());
    assertThat(cli.captured.splitRatio()).containsExactly(0.8, 0.1, 0.1);
    assertThat(cli.captured.seed()).isEqualTo(42);
    assertThat(cli.out).contains("Records").contains("report.json");
  }

  @Test
  void theDemoOutputFolderCanBeChosen() throws IOException {
    Assumptions.assumeFalse(Exporters.names().isEmpty(), "no exporters registered in this build");
    Files.createDirectories(home.resolve("examples/logs"));
    CliHarness cli = new CliHarness(home);
    Path elsewhere = home.resolve("elsewhere");
    assertThat(cli.execute("demo", "--out", elsewhere.toString(), "--quiet")).as(cli.err).isZero();
    assertThat(cli.captured.out()).isEqualTo(elsewhere);
    assertThat(cli.out).isEmpty();
  }

  @Test
  void withoutTheExampleLogsTheDemoFailsSayingWhereItLooked() {
    CliHarness cli = new CliHarness(home);
    assertThat(cli.execute("demo")).isEqualTo(1);
    assertThat(cli.err).startsWith("tracemill: error: the example logs are not at "
        + home.resolve("examples/logs") + ".").contains("./tracemill launcher");
    assertThat(cli.err.lines()).hasSize(1);
    assertThat(cli.captured).isNull();
  }
}
