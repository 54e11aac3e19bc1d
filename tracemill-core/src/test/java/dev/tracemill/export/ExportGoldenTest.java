package dev.tracemill.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Unit;
import dev.tracemill.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: {@code golden/export/units/<case>.units.jsonl} (written from {@link GoldenUnits})
 * exported by every target must equal {@code golden/export/<format>/<case>.expected.jsonl}, a row or
 * {@code {"skip": reason}} per unit. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class ExportGoldenTest {
  private static final Path DIR = Golden.ROOT.resolve("export");
  private static final Path UNITS = DIR.resolve("units");
  private static final String SUFFIX = ".units.jsonl";

  @Test
  void unitsFilesHoldTheHandBuiltUnits() {
    for (Map.Entry<String, List<Unit>> e : GoldenUnits.cases().entrySet()) {
      StringBuilder out = new StringBuilder();
      for (Unit u : e.getValue()) {
        out.append(Json.write(ModelJson.unit(u))).append('\n');
      }
      Golden.assertMatches(UNITS.resolve(e.getKey() + SUFFIX), out.toString());
    }
  }

  static Stream<Arguments> casesAndFormats() {
    List<Arguments> out = new ArrayList<>();
    for (Path units : Golden.inputs(UNITS, SUFFIX)) {
      for (Exporter exporter : Exporters.ALL) {
        out.add(Arguments.of(caseName(units), exporter.name()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} / {0}")
  @MethodSource("casesAndFormats")
  void everyCaseExportsAsItsGoldenFileSays(String caseName, String format) throws IOException {
    Exporter exporter = Exporters.byName(format).orElseThrow();
    String actual = exportAll(exporter, UNITS.resolve(caseName + SUFFIX));
    Golden.assertMatches(DIR.resolve(format).resolve(caseName + ".expected.jsonl"), actual);
  }

  @Test
  void everyUnitsFileHasAnExpectedFileForEveryFormat() {
    List<Path> inputs = Golden.inputs(UNITS, SUFFIX);
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(GoldenUnits.cases().size());
    for (Path units : inputs) {
      for (Exporter exporter : Exporters.ALL) {
        assertThat(DIR.resolve(exporter.name()).resolve(caseName(units) + ".expected.jsonl"))
            .as("expected file of %s for %s", exporter.name(), units.getFileName()).exists();
      }
    }
  }

  @Test
  void exportingTwiceGivesTheSameBytes() throws IOException {
    for (Path units : Golden.inputs(UNITS, SUFFIX)) {
      for (Exporter exporter : Exporters.ALL) {
        assertThat(exportAll(exporter, units)).isEqualTo(exportAll(exporter, units));
      }
    }
  }

  @Test
  void everyGoldenRowValidatesClean() throws IOException {
    int rows = 0;
    for (Exporter exporter : Exporters.ALL) {
      for (Path expected : Golden.inputs(DIR.resolve(exporter.name()), ".expected.jsonl")) {
        for (String line : Files.readAllLines(expected, StandardCharsets.UTF_8)) {
          JsonNode row = Json.tryParse(line);
          assertThat(row).as("%s is JSON", expected).isNotNull();
          if (!row.has("skip")) {
            assertThat(exporter.validate(row)).as("%s: %s", expected, line).isEmpty();
            rows++;
          }
        }
      }
    }
    assertThat(rows).isGreaterThan(30);
  }

  @Test
  void nonAsciiTextIsWrittenRaw() throws IOException {
    String out = exportAll(Exporters.byName("openai").orElseThrow(), UNITS.resolve("unicode_emoji" + SUFFIX));
    assertThat(out).contains("東京", "🗼", "«capitale»").doesNotContain("\\u");
  }

  static String exportAll(Exporter exporter, Path units) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(units, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      ExportResult r = exporter.export(ModelJson.unit(Json.tryParse(line)));
      out.append(r.isRow() ? Json.write(r.row()) : "{\"skip\":\"" + r.skipReason() + "\"}").append('\n');
    }
    return out.toString();
  }

  private static String caseName(Path units) {
    String name = units.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }
}
