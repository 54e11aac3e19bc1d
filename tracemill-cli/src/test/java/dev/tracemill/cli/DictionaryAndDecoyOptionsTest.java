package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.TermDictionary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run --pii-dictionary}, {@code pii-eval --pii-dictionary} and {@code pii-eval --decoys}. */
class DictionaryAndDecoyOptionsTest {
  @TempDir Path dir;
  String out;
  String err;
  PrivacyOptions given;

  private int evalCommand(String... args) {
    CliContext context = new CliContext((c, l) -> null, dir, k -> null, false, options -> {
      given = options;
      return DetectorSet.defaults(options);
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
  void runLoadsRepeatedDictionariesAndNeverShowsATerm() throws Exception {
    Files.writeString(dir.resolve("customers.txt"), "Zentrix Labs\n");
    Files.writeString(dir.resolve("projects.tsv"), "term\tlead\nKestrel\tml\n");
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("run", "--in", "logs/", "--out", "o",
        "--pii-dictionary", "customer=" + dir.resolve("customers.txt"),
        "--pii-dictionary", "PROJECT=" + dir.resolve("projects.tsv"))).as(cli.err).isZero();
    assertThat(cli.captured.piiDictionaries()).extracting(TermDictionary::type).containsExactly("CUSTOMER", "PROJECT");
    assertThat(cli.captured.toString() + cli.out + cli.err).doesNotContainIgnoringCase("zentrix")
        .doesNotContainIgnoringCase("kestrel");
  }

  @Test
  void aMissingOrEmptyDictionaryIsAUsageErrorNamingTheFile() throws Exception {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("run", "--in", "logs/", "--out", "o", "--pii-dictionary",
        "CUSTOMER=" + dir.resolve("nope.txt"))).isEqualTo(2);
    assertThat(cli.err).contains("--pii-dictionary").contains("nope.txt").contains("does not exist");
    assertThat(cli.captured).isNull();
    Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n");
    CliHarness again = new CliHarness(dir);
    assertThat(again.execute("run", "--in", "logs/", "--out", "o", "--pii-dictionary",
        "CUSTOMER=" + dir.resolve("empty.txt"))).isEqualTo(2);
    assertThat(again.err).contains("empty.txt").contains("holds no terms");
    CliHarness bad = new CliHarness(dir);
    assertThat(bad.execute("run", "--in", "logs/", "--out", "o", "--pii-dictionary", "customers.txt")).isEqualTo(2);
    assertThat(bad.err).contains("TYPE=FILE");
  }

  @Test
  void decoysPrintTheSurvivalRatePerKindAndOverall() {
    assertThat(evalCommand("pii-eval", "--decoys")).as(err).isZero();
    assertThat(out).contains("Decoys: built-in").containsPattern("(?m)^version +\\d+ +\\d+ +[01]\\.\\d{4}")
        .containsPattern("(?m)^overall +\\d{3} +\\d{3} +[01]\\.\\d{4}$");
  }

  @Test
  void aDecoyFileIsScoredAndJsonNamesWhatAteEachDecoy() throws Exception {
    Path decoys = dir.resolve("mine.tsv");
    Files.writeString(decoys, "price\tIt costs [[$12.50]] a month\nleak\tMail [[ops.lead@qzxmail.io]] now\nbad line\n");
    assertThat(evalCommand("pii-eval", "--decoys", decoys.toString(), "--json")).as(err).isZero();
    JsonNode report = Json.tryParse(out);
    assertThat(report.get("decoys").asInt()).isEqualTo(2);
    assertThat(report.get("survived").asInt()).isEqualTo(1);
    assertThat(report.at("/by_kind/leak/eaten_by/rule-email:EMAIL").asInt()).isEqualTo(1);
    assertThat(report.at("/eaten/0/decoy").asText()).isEqualTo("ops.lead@qzxmail.io");
    assertThat(report.at("/malformed/0").asText()).startsWith("line 3:");
  }

  @Test
  void evalNeedsGoldOrDecoysAndPassesDictionariesToTheDetectors() throws Exception {
    assertThat(evalCommand("pii-eval")).isEqualTo(2);
    assertThat(err).contains("--gold FILE, --decoys [FILE], or both");
    Files.writeString(dir.resolve("c.txt"), "Zentrix\n");
    Path gold = dir.resolve("gold.jsonl");
    Files.writeString(gold, "{\"full_text\": \"Call Zentrix today\", \"spans\": [{\"entity_type\": \"CUSTOMER\","
        + " \"start_position\": 5, \"end_position\": 12}]}\n");
    assertThat(evalCommand("pii-eval", "--gold", gold.toString(), "--pii-dictionary",
        "CUSTOMER=" + dir.resolve("c.txt"))).as(err).isZero();
    assertThat(given.dictionaries()).hasSize(1);
    assertThat(out).containsPattern("(?m)^CUSTOMER +1 +1 +1 +0 +0 +1\\.000 +1\\.000 +1\\.000$");
    assertThat(out).doesNotContain("Zentrix");
  }
}
