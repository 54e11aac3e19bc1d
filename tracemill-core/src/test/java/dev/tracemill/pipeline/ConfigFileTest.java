package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemill.curate.ExactDedup;
import dev.tracemill.export.Exporters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  private static RunConfig build(ConfigFile config) {
    return config.applyTo(RunConfig.builder()).build();
  }

  @Test
  void everyScalarKeyReachesTheRunConfig() throws IOException {
    Path file = dir.resolve("tracemill.yaml");
    Files.writeString(file, """
        in: [logs/a.jsonl, /abs/b.jsonl, "-"]
        out: out/x
        success-only: false
        min-length: 5
        max-length: 900
        limit: 1000
        dedup: false
        dedup-field: full
        collapse: false
        shuffle: false
        seed: 7
        split-ratio: [0.8, 0.1, 0.1]
        strict: true
        max-record-bytes: 4096
        """);
    RunConfig c = build(ConfigFile.load(file));
    assertThat(c.inputs()).containsExactly(dir.resolve("logs/a.jsonl").toString(), "/abs/b.jsonl", "-");
    assertThat(c.out()).isEqualTo(dir.resolve("out/x"));
    assertThat(c.successOnly()).isFalse();
    assertThat(c.minLength()).isEqualTo(5);
    assertThat(c.maxLength()).isEqualTo(900);
    assertThat(c.limit()).isEqualTo(1000L);
    assertThat(c.dedup()).isFalse();
    assertThat(c.dedupField()).isEqualTo(ExactDedup.Field.FULL);
    assertThat(c.collapse()).isFalse();
    assertThat(c.shuffle()).isFalse();
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.splitRatio()).containsExactly(0.8, 0.1, 0.1);
    assertThat(c.strict()).isTrue();
    assertThat(c.maxRecordBytes()).isEqualTo(4096);
  }

  @Test
  void keysAreReportedInDocumentedOrderAndAbsentKeysKeepBuilderDefaults() {
    ConfigFile config = ConfigFile.parse("seed: 3\nin: a\nout: b\n", "t.yaml", null);
    assertThat(config.keys()).containsExactly("in", "out", "seed");
    RunConfig c = build(config);
    assertThat(c.inputs()).containsExactly("a");
    assertThat(c.out()).isEqualTo(Path.of("b"));
    assertThat(c.seed()).isEqualTo(3);
    assertThat(c.successOnly()).isTrue();
    assertThat(c.dedup()).isTrue();
    assertThat(c.splitRatio()).isNull();
    assertThat(c.formats()).containsExactly("trl");
  }

  @Test
  void aSingleInputPathAndCommaSeparatedRatiosAreAccepted() {
    RunConfig c = build(ConfigFile.parse("in: logs/\nout: o\nsplit-ratio: \"0.9, 0.1\"\n", "t.yaml", null));
    assertThat(c.inputs()).containsExactly("logs/");
    assertThat(c.splitRatio()).containsExactly(0.9, 0.1);
  }

  @Test
  void formatsMayBeAListOrACommaSeparatedString() {
    assertThat(ConfigFile.parse("format: [trl, openai]", "t.yaml", null).value("format"))
        .isEqualTo(List.of("trl", "openai"));
    assertThat(ConfigFile.parse("format: trl, openai", "t.yaml", null).value("format"))
        .isEqualTo(List.of("trl", "openai"));
  }

  @Test
  void knownFormatsReachTheRunConfig() {
    Assumptions.assumeTrue(Exporters.names().size() >= 2, "fewer than two exporters registered in this build");
    String a = Exporters.names().get(0);
    String b = Exporters.names().get(1);
    RunConfig c = build(ConfigFile.parse("in: x\nout: o\nformat: " + b + "," + a, "t.yaml", null));
    assertThat(c.formats()).containsExactly(b, a);
  }

  @Test
  void autoInputFormatMeansDetection() {
    ConfigFile config = ConfigFile.parse("input-format: auto", "t.yaml", null);
    assertThat(config.has("input-format")).isTrue();
    assertThat(config.value("input-format")).isNull();
  }

  @Test
  void emptyValuesAndAnEmptyFileCountAsAbsent() {
    assertThat(ConfigFile.parse("limit:\nseed: ~\n", "t.yaml", null).keys()).isEmpty();
    assertThat(ConfigFile.parse("", "t.yaml", null).keys()).isEmpty();
    assertThat(ConfigFile.parse("# only a comment\n", "t.yaml", null).keys()).isEmpty();
  }

  @Test
  void anUnknownKeyIsNamedWithTheClosestValidKey() {
    assertThatThrownBy(() -> ConfigFile.parse("splt-ratio: 0.8,0.2", "tracemill.yaml", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown key 'splt-ratio' in tracemill.yaml (did you mean 'split-ratio'?)")
        .hasMessageContaining("Valid keys: in, out, input-format, format,");
  }

  @Test
  void snakeCaseKeysSuggestTheDashedName() {
    assertThatThrownBy(() -> ConfigFile.parse("success_only: false", "c.yaml", null))
        .hasMessageContaining("(did you mean 'success-only'?)");
  }

  @Test
  void aKeyFarFromEveryValidKeyGetsNoSuggestion() {
    assertThatThrownBy(() -> ConfigFile.parse("temperature: 0.7", "c.yaml", null))
        .hasMessageStartingWith("unknown key 'temperature' in c.yaml. Valid keys:");
  }

  @Test
  void wrongValueTypesNameTheKeyAndTheExpectedType() {
    assertThatThrownBy(() -> ConfigFile.parse("seed: seven", "c.yaml", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("c.yaml: key 'seed' expects a whole number, got a string (seven)");
    assertThatThrownBy(() -> ConfigFile.parse("success-only: maybe", "c.yaml", null))
        .hasMessageContaining("key 'success-only' expects true or false");
    assertThatThrownBy(() -> ConfigFile.parse("min-length: 2.5", "c.yaml", null))
        .hasMessageContaining("key 'min-length' expects a whole number");
    assertThatThrownBy(() -> ConfigFile.parse("max-record-bytes: 99999999999", "c.yaml", null))
        .hasMessageContaining("key 'max-record-bytes' expects a whole number up to 2147483647");
    assertThatThrownBy(() -> ConfigFile.parse("in: {a: 1}", "c.yaml", null))
        .hasMessageContaining("key 'in' expects a path or a list of paths, got a mapping");
    assertThatThrownBy(() -> ConfigFile.parse("split-ratio: [0.8, high]", "c.yaml", null))
        .hasMessageContaining("key 'split-ratio' expects 1 to 3 numbers");
    assertThatThrownBy(() -> ConfigFile.parse("dedup-field: answer", "c.yaml", null))
        .hasMessageContaining("key 'dedup-field' expects 'prompt' or 'full'");
  }

  @Test
  void valuesTheBuilderRejectsAreReportedWithFileAndKey() {
    ConfigFile config = ConfigFile.parse("in: a\nout: b\nsplit-ratio: [0.5, 0.2]", "c.yaml", null);
    assertThatThrownBy(() -> build(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("c.yaml, key 'split-ratio': split-ratio values must sum to 1");
  }

  @Test
  void aFileThatIsNotAMappingOrNotYamlIsRejected() {
    assertThatThrownBy(() -> ConfigFile.parse("- in\n- out\n", "c.yaml", null))
        .hasMessageStartingWith("c.yaml must be a mapping");
    assertThatThrownBy(() -> ConfigFile.parse("in: [a, b\nout: x", "c.yaml", null))
        .hasMessageStartingWith("c.yaml is not valid YAML at line");
  }

  @Test
  void aDuplicatedKeyIsAnError() {
    assertThatThrownBy(() -> ConfigFile.parse("seed: 1\nseed: 2\n", "c.yaml", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c.yaml is not valid YAML")
        .hasMessageContaining("seed");
  }

  @Test
  void withoutDropsKeysSoExplicitOptionsCanReplaceThem() {
    ConfigFile config = ConfigFile.parse("in: [a, b]\nout: o\nseed: 9", "c.yaml", null);
    ConfigFile rest = config.without(Set.of("in"));
    assertThat(rest.keys()).containsExactly("out", "seed");
    RunConfig c = rest.applyTo(RunConfig.builder().input("c")).build();
    assertThat(c.inputs()).containsExactly("c");
    assertThat(config.keys()).contains("in");
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> ConfigFile.load(dir.resolve("nope.yaml"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void editDistanceCountsSingleEdits() {
    assertThat(ConfigFile.editDistance("splt-ratio", "split-ratio")).isEqualTo(1);
    assertThat(ConfigFile.editDistance("seed", "seed")).isZero();
    assertThat(ConfigFile.editDistance("", "out")).isEqualTo(3);
    assertThat(ConfigFile.editDistance("kitten", "sitting")).isEqualTo(3);
  }
}
