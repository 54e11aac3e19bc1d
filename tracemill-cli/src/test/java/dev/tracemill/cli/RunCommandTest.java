package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.curate.ExactDedup;
import dev.tracemill.export.Exporters;
import dev.tracemill.pipeline.ConfigFile;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.pipeline.RunFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir Path dir;

  private CliHarness cli() {
    return new CliHarness(dir);
  }

  private Path config(String yaml) throws IOException {
    Path file = dir.resolve("tracemill.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--help")).isZero();
    for (String option : List.of("--in", "--out", "--config", "--input-format", "--format",
        "--[no-]success-only", "--min-length", "--max-length", "--limit", "--[no-]dedup", "--dedup-field",
        "--[no-]collapse", "--[no-]shuffle", "--seed", "--split-ratio", "--strict", "--max-record-bytes",
        "--quiet", "--help", "--version")) {
      assertThat(cli.out).as(option).contains(option);
    }
    String flat = cli.out.replaceAll("\\s+", " ");
    assertThat(flat).contains("Default: trl", "Default: 42", "Default: 8388608", "Default: prompt",
        "Default: auto", "Exit codes:", "3 internal error");
  }

  @Test
  void everyConfigKeyIsARunOption() {
    CommandLine run = Cli.create(new CliContext((c, l) -> null, dir, k -> null, false))
        .getSubcommands().get("run");
    for (String key : ConfigFile.KEYS) {
      assertThat(run.getCommandSpec().findOption("--" + key)).as(key).isNotNull();
    }
  }

  @Test
  void withOnlyInAndOutTheBuilderDefaultsApply() {
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--in", "a.jsonl", "--out", "o")).isZero();
    assertThat(cli.captured).isEqualTo(RunConfig.builder().input("a.jsonl").out(Path.of("o")).build());
  }

  @Test
  void everyOptionReachesTheRunConfig() {
    CliHarness cli = cli();
    int code = cli.execute("run", "--in", "a.jsonl", "b/", "--in", "-", "--out", "o", "--input-format", "auto",
        "--no-success-only", "--min-length", "3", "--max-length", "700", "--limit", "50", "--no-dedup",
        "--dedup-field", "FULL", "--no-collapse", "--no-shuffle", "--seed", "9", "--split-ratio", "0.9,0.1",
        "--strict", "--max-record-bytes", "2048", "--invalid-tool-calls", "drop");
    assertThat(code).as(cli.err).isZero();
    RunConfig c = cli.captured;
    assertThat(c.dropInvalidToolCalls()).isTrue();
    assertThat(c.inputs()).containsExactly("a.jsonl", "b/", "-");
    assertThat(c.out()).isEqualTo(Path.of("o"));
    assertThat(c.inputFormat()).isNull();
    assertThat(c.successOnly()).isFalse();
    assertThat(c.minLength()).isEqualTo(3);
    assertThat(c.maxLength()).isEqualTo(700);
    assertThat(c.limit()).isEqualTo(50L);
    assertThat(c.dedup()).isFalse();
    assertThat(c.dedupField()).isEqualTo(ExactDedup.Field.FULL);
    assertThat(c.collapse()).isFalse();
    assertThat(c.shuffle()).isFalse();
    assertThat(c.seed()).isEqualTo(9);
    assertThat(c.splitRatio()).containsExactly(0.9, 0.1);
    assertThat(c.strict()).isTrue();
    assertThat(c.maxRecordBytes()).isEqualTo(2048);
  }

  @Test
  void exportFormatsAreCommaSeparated() {
    Assumptions.assumeTrue(Exporters.names().size() >= 2, "fewer than two exporters registered in this build");
    String a = Exporters.names().get(0);
    String b = Exporters.names().get(1);
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--in", "x", "--out", "o", "--format", b + "," + a)).as(cli.err).isZero();
    assertThat(cli.captured.formats()).containsExactly(b, a);
  }

  @Test
  void configFileValuesReachTheRunConfig() throws IOException {
    Path file = config("""
        in: [logs/]
        out: out/x
        success-only: false
        split-ratio: "0.8,0.1,0.1"
        seed: 7
        dedup-field: full
        """);
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--config", file.toString())).as(cli.err).isZero();
    RunConfig c = cli.captured;
    assertThat(c.inputs()).containsExactly(dir.resolve("logs").toString());
    assertThat(c.out()).isEqualTo(dir.resolve("out/x"));
    assertThat(c.successOnly()).isFalse();
    assertThat(c.splitRatio()).containsExactly(0.8, 0.1, 0.1);
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.dedupField()).isEqualTo(ExactDedup.Field.FULL);
    assertThat(c.dedup()).isTrue();
  }

  @Test
  void commandLineOptionsOverrideTheConfigFile() throws IOException {
    Path file = config("""
        in: [a.jsonl, b.jsonl]
        out: out/x
        success-only: false
        shuffle: true
        seed: 7
        split-ratio: [0.8, 0.2]
        """);
    CliHarness cli = cli();
    int code = cli.execute("run", "--config", file.toString(), "--in", "c.jsonl", "--seed", "9",
        "--success-only", "--no-shuffle");
    assertThat(code).as(cli.err).isZero();
    RunConfig c = cli.captured;
    assertThat(c.inputs()).containsExactly("c.jsonl");
    assertThat(c.seed()).isEqualTo(9);
    assertThat(c.successOnly()).isTrue();
    assertThat(c.shuffle()).isFalse();
    assertThat(c.out()).isEqualTo(dir.resolve("out/x"));
    assertThat(c.splitRatio()).containsExactly(0.8, 0.2);
  }

  @Test
  void anUnknownConfigKeyIsAUsageErrorThatNamesItAndSuggests() throws IOException {
    Path file = config("in: a\nout: o\nsplt-ratio: 0.8,0.2\n");
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--config", file.toString())).isEqualTo(2);
    assertThat(cli.err).contains("unknown key 'splt-ratio' in " + file + " (did you mean 'split-ratio'?)")
        .contains("Valid keys: in, out,")
        .contains("Try 'tracemill run --help'.");
    assertThat(cli.captured).isNull();
  }

  @Test
  void aConfigValueOfTheWrongTypeIsAUsageError() throws IOException {
    Path file = config("in: a\nout: o\nseed: seven\n");
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--config", file.toString())).isEqualTo(2);
    assertThat(cli.err).contains("key 'seed' expects a whole number, got a string (seven)");
  }

  @Test
  void aMissingConfigFileIsAUsageError() {
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(cli.err).contains("cannot read config file").contains("nope.yaml");
  }

  @Test
  void anInvalidSplitRatioIsAUsageErrorWithTheReason() {
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--in", "a", "--out", "o", "--split-ratio", "0.5,0.2")).isEqualTo(2);
    assertThat(cli.err).startsWith("tracemill: error: split-ratio values must sum to 1")
        .contains("Try 'tracemill run --help'.");

    assertThat(cli.execute("run", "--in", "a", "--out", "o", "--split-ratio", "0.5,half")).isEqualTo(2);
    assertThat(cli.err).contains("--split-ratio").contains("half");

    assertThat(cli.execute("run", "--in", "a", "--out", "o", "--split-ratio", "0.5,0.2,0.2,0.1")).isEqualTo(2);
    assertThat(cli.err).contains("split-ratio takes 1 to 3 numbers");
    assertThat(cli.captured).isNull();
  }

  @Test
  void anUnknownExportFormatIsAUsageErrorListingTheKnownOnes() {
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--in", "a", "--out", "o", "--format", "nope")).isEqualTo(2);
    assertThat(cli.err).contains("unknown export format 'nope'. Known formats: "
        + String.join(", ", Exporters.names()));
  }

  @Test
  void missingInputOrOutputIsAUsageError() {
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--out", "o")).isEqualTo(2);
    assertThat(cli.err).contains("no input given");
    assertThat(cli.execute("run", "--in", "a")).isEqualTo(2);
    assertThat(cli.err).contains("no output directory given");
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithASuggestion() {
    CliHarness cli = cli();
    assertThat(cli.execute("run", "--in", "a", "--out", "o", "--sed", "3")).isEqualTo(2);
    assertThat(cli.err).contains("Unknown option").contains("'--sed'").contains("--seed").contains("Try 'tracemill run --help'.");
  }

  @Test
  void privacyOptionsAndTheCorpusKeyReachTheConfigButTheKeyIsNeverShown() {
    CliHarness cli = cli();
    cli.env.put("TRACEMILL_PII_KEY", "s3cret-corpus-key");
    assertThat(cli.execute("run", "--in", "logs/", "--out", "o", "--pii", "off", "--pii-style", "tag",
        "--pii-region", "gb")).isZero();
    assertThat(cli.captured.pii()).isFalse();
    assertThat(cli.captured.piiStyle()).isEqualTo(dev.tracemill.privacy.RedactionStyle.TAG);
    assertThat(cli.captured.piiRegion()).isEqualTo("GB");
    assertThat(cli.captured.piiKey()).isNotNull();
    assertThat(cli.captured.toString()).doesNotContain("s3cret");
    assertThat(cli.out + cli.err).doesNotContain("s3cret");

    CliHarness defaults = cli();
    assertThat(defaults.execute("run", "--in", "logs/", "--out", "o")).isZero();
    assertThat(defaults.captured.pii()).isTrue();
    assertThat(defaults.captured.piiKey()).isNull();
    assertThat(cli().execute("run", "--in", "logs/", "--out", "o", "--pii", "maybe")).isEqualTo(2);
  }

  @Test
  void aRunThatReadsNoRecordSucceedsWithAWarningOnStderr() {
    CliHarness cli = cli();
    cli.report = SummaryTest.sampleReport();
    ((com.fasterxml.jackson.databind.node.ObjectNode) cli.report.get("records")).put("input", 0);
    assertThat(cli.execute("run", "--in", "empty/", "--out", "o", "--quiet")).isZero();
    assertThat(cli.err).contains("warning: no records were read from empty/");
    cli.report = SummaryTest.sampleReport();
    assertThat(cli.execute("run", "--in", "logs/", "--out", "o", "--quiet")).isZero();
    assertThat(cli.err).doesNotContain("warning");
  }

  @Test
  void aFailedRunExitsOneWithOneLineOnStderr() {
    CliHarness cli = cli();
    cli.failure = new RunFailedException("cannot read logs/a.jsonl: no such file. Check the --in path.");
    assertThat(cli.execute("run", "--in", "logs/a.jsonl", "--out", "o")).isEqualTo(1);
    assertThat(cli.err).isEqualTo("tracemill: error: cannot read logs/a.jsonl: no such file. Check the --in path."
        + System.lineSeparator());
    assertThat(cli.out).isEmpty();
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorWhoseMessageIsShownOnlyWhenDebugging() {
    CliHarness cli = cli();
    cli.failure = new IllegalStateException("secret record text");
    assertThat(cli.execute("run", "--in", "a", "--out", "o")).isEqualTo(3);
    assertThat(cli.err).startsWith("tracemill: internal error: java.lang.IllegalStateException at ")
        .contains("TRACEMILL_DEBUG=1")
        .doesNotContain("secret record text");

    cli.env.put("TRACEMILL_DEBUG", "1");
    assertThat(cli.execute("run", "--in", "a", "--out", "o")).isEqualTo(3);
    assertThat(cli.err).contains("secret record text").contains("\tat ");
  }

  @Test
  void quietPrintsNothingOnSuccess() {
    CliHarness cli = cli();
    cli.report = SummaryTest.sampleReport();
    assertThat(cli.execute("run", "--in", "a", "--out", "o", "--quiet")).isZero();
    assertThat(cli.out).isEmpty();
    assertThat(cli.err).isEmpty();
  }

  @Test
  void quietStillReportsErrors() {
    CliHarness cli = cli();
    cli.failure = new RunFailedException("output folder o is not writable");
    assertThat(cli.execute("run", "--in", "a", "--out", "o", "-q")).isEqualTo(1);
    assertThat(cli.err).contains("output folder o is not writable");
  }

  @Test
  void aSuccessfulRunPrintsTheSummary() {
    CliHarness cli = cli();
    cli.report = SummaryTest.sampleReport();
    assertThat(cli.execute("run", "--in", "a", "--out", "o")).isZero();
    assertThat(cli.out).contains("Records").contains("Written under o").contains("report.json");
  }
}
