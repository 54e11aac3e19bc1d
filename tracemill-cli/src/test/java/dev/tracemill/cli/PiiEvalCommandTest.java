package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PiiEvalCommandTest {
  // Fake values. Record 0: e-mail [5, 25), phone [34, 42); record 1: person [4, 12); record 2: nothing.
  private static final String GOLD = "[\n"
      + "{\"full_text\": \"Mail jane.roe@example.com or call 555-0142\", \"spans\": ["
      + "{\"entity_type\": \"EMAIL_ADDRESS\", \"entity_value\": \"jane.roe@example.com\", \"start_position\": 5, \"end_position\": 25},"
      + "{\"entity_type\": \"PHONE_NUMBER\", \"entity_value\": \"555-0142\", \"start_position\": 34, \"end_position\": 42}]},\n"
      + "{\"full_text\": \"Ask Jane Roe\", \"spans\": [{\"entity_type\": \"PERSON\", \"entity_value\": \"Jane Roe\","
      + " \"start_position\": 4, \"end_position\": 12}]},\n"
      + "{\"full_text\": \"Build 1.2.3 on Tuesday\", \"spans\": [{\"entity_type\": \"DATE_TIME\", \"entity_value\": \"Tuesday\","
      + " \"start_position\": 15, \"end_position\": 22}]}\n"
      + "]\n";

  /** Finds e-mail addresses at example.com, and nothing else. */
  private static final class ExampleMail implements Detector {
    private static final Pattern MAIL = Pattern.compile("[a-z.]+@example\\.com");

    @Override
    public String name() {
      return "example-mail";
    }

    @Override
    public List<Span> detect(String text, ScanContext context) {
      List<Span> out = new ArrayList<>();
      Matcher m = MAIL.matcher(text);
      while (m.find()) {
        out.add(new Span(m.start(), m.end(), "EMAIL", 1.0, name()));
      }
      return out;
    }
  }

  @TempDir Path dir;
  Path gold;
  PrivacyOptions given;
  List<Detector> detectors = List.of(new ExampleMail());
  String out;
  String err;

  @BeforeEach
  void writeGold() throws IOException {
    gold = dir.resolve("gold.json");
    Files.writeString(gold, GOLD);
  }

  private int execute(String... args) {
    CliContext context = new CliContext((c, l) -> null, dir, k -> null, false, options -> {
      given = options;
      return new DetectorSet(detectors);
    });
    CommandLine cmd = Cli.create(context);
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cmd.setOut(new PrintWriter(o, true));
    cmd.setErr(new PrintWriter(e, true));
    int code = cmd.execute(args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void printsATableWithOneRowPerScoredTypeAndTheOverallFigures() {
    assertThat(execute("pii-eval", "--gold", gold.toString())).as(err).isZero();
    assertThat(out).contains("Detectors: example-mail");
    assertThat(out).containsPattern("(?m)^type +gold +predicted +TP +FP +FN +precision +recall +F2$");
    assertThat(out).containsPattern("(?m)^EMAIL +1 +1 +1 +0 +0 +1\\.000 +1\\.000 +1\\.000$");
    assertThat(out).containsPattern("(?m)^PHONE +1 +0 +0 +0 +1 +- +0\\.000 +0\\.000$");
    assertThat(out).containsPattern("(?m)^PERSON +1 +0 +0 +0 +1 +- +0\\.000 +0\\.000$");
    // TP 1, FP 0, FN 2: P = 1, R = 1/3, F2 = (5/3) / (4 + 1/3) = 0.385.
    assertThat(out).containsPattern("(?m)^overall +3 +1 +1 +0 +2 +1\\.000 +0\\.333 +0\\.385$");
    assertThat(out).contains("Gold spans not evaluated: DATE_TIME 1");
    assertThat(out + err).doesNotContain("jane.roe", "Jane Roe", "555-0142");
  }

  @Test
  void jsonGivesTheSameFiguresAndNoText() {
    assertThat(execute("pii-eval", "--gold", gold.toString(), "--json")).as(err).isZero();
    JsonNode report = Json.tryParse(out);
    assertThat(report).isNotNull();
    assertThat(report.get("examples").asLong()).isEqualTo(3);
    assertThat(report.get("detectors").get(0).asText()).isEqualTo("example-mail");
    assertThat(report.at("/overall/tp").asLong()).isEqualTo(1);
    assertThat(report.at("/overall/fn").asLong()).isEqualTo(2);
    assertThat(report.at("/overall/f2").decimalValue()).isEqualByComparingTo("0.3846");
    assertThat(report.at("/byType/EMAIL/recall").decimalValue()).isEqualByComparingTo("1");
    assertThat(report.at("/goldNotEvaluated/DATE_TIME").asLong()).isEqualTo(1);
    assertThat(out).doesNotContain("jane.roe", "Jane Roe", "555-0142", "Tuesday");
  }

  @Test
  void theRegionReachesTheDetectorsAndDefaultsToUs() {
    assertThat(execute("pii-eval", "--gold", gold.toString())).isZero();
    assertThat(given.region()).isEqualTo("US");
    assertThat(execute("pii-eval", "--gold", gold.toString(), "--region", "gb")).isZero();
    assertThat(given.region()).isEqualTo("GB");
  }

  @Test
  void anUnknownRegionIsAUsageError() {
    assertThat(execute("pii-eval", "--gold", gold.toString(), "--region", "XX")).isEqualTo(2);
    assertThat(err).contains("--region").contains("ISO 3166-1");
  }

  @Test
  void withoutGoldItIsAUsageError() {
    assertThat(execute("pii-eval")).isEqualTo(2);
    assertThat(err).contains("--gold");
  }

  @Test
  void aMissingGoldFileFailsWithExitCodeOne() {
    assertThat(execute("pii-eval", "--gold", dir.resolve("absent.json").toString())).isEqualTo(1);
    assertThat(err).contains("cannot read gold file").contains("absent.json").contains("NoSuchFileException");
  }

  @Test
  void aMalformedGoldFileFailsNamingTheRecordButNotItsText() throws IOException {
    Files.writeString(gold, "{\"full_text\": \"Mail jane.roe@example.com\", \"spans\": [{\"entity_type\": \"EMAIL_ADDRESS\","
        + " \"entity_value\": \"jane.roe@example.com\", \"start_position\": 4, \"end_position\": 24}]}\n");
    assertThat(execute("pii-eval", "--gold", gold.toString())).isEqualTo(1);
    assertThat(err).contains("gold record 0").contains("spans[0]").doesNotContain("jane.roe");
  }

  @Test
  void withNoDetectorsItSaysSo() {
    detectors = List.of();
    assertThat(execute("pii-eval", "--gold", gold.toString())).isZero();
    assertThat(out).contains("Detectors: none");
    assertThat(err).contains("no detectors are configured");
  }

  @Test
  void helpListsTheOptionsAndExitCodesAndTheTopCommandListsPiiEval() {
    assertThat(execute("pii-eval", "--help")).isZero();
    assertThat(out).contains("--gold", "--json", "--region", "Default: US", "Exit codes:",
        "1  the gold file cannot be read");
    assertThat(execute("--help")).isZero();
    assertThat(out).contains("pii-eval");
  }
}
