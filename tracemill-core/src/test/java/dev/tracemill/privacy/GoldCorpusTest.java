package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemill.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GoldCorpusTest {
  private static List<GoldExample> read(String json) throws IOException {
    List<GoldExample> out = new ArrayList<>();
    GoldCorpus.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out::add);
    return out;
  }

  private static final String ONE = "{\"full_text\": \"Mail jane.roe@example.com\", \"masked\": \"Mail {{EMAIL_ADDRESS}}\","
      + " \"spans\": [{\"entity_type\": \"EMAIL_ADDRESS\", \"entity_value\": \"jane.roe@example.com\","
      + " \"start_position\": 5, \"end_position\": 25}], \"template_id\": 3, \"metadata\": null}";
  private static final String TWO = "{\"full_text\": \"Nothing here\", \"spans\": []}";

  @Test
  void readsAJsonArrayOfRecords() throws IOException {
    List<GoldExample> examples = read("[\n" + ONE + ",\n" + TWO + "\n]\n");
    assertThat(examples).containsExactly(
        new GoldExample(0, "Mail jane.roe@example.com", List.of(new GoldExample.Entity(5, 25, "EMAIL_ADDRESS"))),
        new GoldExample(1, "Nothing here", List.of()));
  }

  @Test
  void readsJsonLinesOfTheSameRecords() throws IOException {
    assertThat(read(ONE + "\n" + TWO + "\n")).isEqualTo(read("[" + ONE + "," + TWO + "]"));
  }

  @Test
  void partsSplitByTemplateIdAndTogetherMakeTheWholeCorpus() throws IOException {
    String corpus = "{\"full_text\": \"a\", \"spans\": [], \"template_id\": 4}\n"
        + "{\"full_text\": \"b\", \"spans\": [], \"template_id\": 7}\n"
        + "{\"full_text\": \"c\", \"spans\": [], \"template_id\": 4}\n"
        + "{\"full_text\": \"d\", \"spans\": []}\n";
    assertThat(texts(corpus, GoldCorpus.Part.DEV)).containsExactly("a", "c");
    assertThat(texts(corpus, GoldCorpus.Part.TEST)).containsExactly("b", "d");
    assertThat(texts(corpus, GoldCorpus.Part.ALL)).containsExactly("a", "b", "c", "d");
  }

  private static List<String> texts(String corpus, GoldCorpus.Part part) throws IOException {
    List<String> out = new ArrayList<>();
    long n = GoldCorpus.read(new ByteArrayInputStream(corpus.getBytes(StandardCharsets.UTF_8)), part,
        e -> out.add(e.text()));
    assertThat(n).isEqualTo(out.size());
    return out;
  }

  @Test
  void anEmptyFileHasNoExamples() throws IOException {
    assertThat(read("")).isEmpty();
    assertThat(read("[]")).isEmpty();
  }

  @Test
  void codePointOffsetsFromPythonAreConvertedWhenTheValueSaysSo() throws IOException {
    // Python counts the emoji as one character, Java as two: "Jane Roe" starts at 2 in code points.
    String record = "{\"full_text\": \"\uD83D\uDE00 Jane Roe\", \"spans\": [{\"entity_type\": \"PERSON\","
        + " \"entity_value\": \"Jane Roe\", \"start_position\": 2, \"end_position\": 10}]}";
    GoldExample e = read(record).get(0);
    assertThat(e.entities()).containsExactly(new GoldExample.Entity(3, 11, "PERSON"));
    assertThat(e.text().substring(3, 11)).isEqualTo("Jane Roe");
  }

  @Test
  void aBadRecordStopsTheReadNamingTheRecordAndFieldButNotTheText() {
    String wrongValue = "[" + TWO + ", {\"full_text\": \"Mail jane.roe@example.com\", \"spans\": [{\"entity_type\":"
        + " \"EMAIL_ADDRESS\", \"entity_value\": \"jane.roe@example.org\", \"start_position\": 5,"
        + " \"end_position\": 25}]}]";
    assertThatThrownBy(() -> read(wrongValue)).isInstanceOf(GoldCorpusException.class)
        .hasMessageContaining("gold record 1").hasMessageContaining("spans[0]")
        .hasMessageContaining("entity_value does not match").hasMessageNotContaining("jane.roe");
    assertThatThrownBy(() -> read("{\"spans\": []}")).hasMessageContaining("gold record 0")
        .hasMessageContaining("full_text: missing");
    assertThatThrownBy(() -> read("{\"full_text\": \"secret jane.roe\", \"spans\": [{\"entity_type\": \"PERSON\","
        + " \"start_position\": \"7\", \"end_position\": 15}]}"))
        .hasMessageContaining("spans[0].start_position: expected a non-negative integer")
        .hasMessageNotContaining("jane");
    assertThatThrownBy(() -> read("{\"full_text\": \"short\", \"spans\": [{\"entity_type\": \"PERSON\","
        + " \"start_position\": 2, \"end_position\": 50}]}"))
        .hasMessageContaining("end_position is past the end of full_text");
  }

  @Test
  void invalidJsonIsReportedByPositionWithoutQuotingTheFile() {
    assertThatThrownBy(() -> read("[{\"full_text\": \"jane.roe@example.com\" \"spans\": []}]"))
        .isInstanceOf(GoldCorpusException.class)
        .hasMessageContaining("not valid JSON at line 1")
        .hasMessageNotContaining("jane");
    assertThatThrownBy(() -> read("[" + TWO)).isInstanceOf(GoldCorpusException.class);
  }

  @Test
  void theSharedPresidioCorpusHasTheRecordsAndTypesDocumented() throws IOException {
    Path file = SharedData.file("datasets/presidio-research/synth_dataset_v2.json");
    Map<String, Long> types = new TreeMap<>();
    long[] spans = {0};
    long n = GoldCorpus.of(file).forEach(e -> {
      for (GoldExample.Entity entity : e.entities()) {
        types.merge(entity.type(), 1L, Long::sum);
        spans[0]++;
      }
    });
    assertThat(n).isEqualTo(1500);
    assertThat(spans[0]).isEqualTo(2863);
    // The table in docs/privacy.md; every type here is either mapped or declared not evaluated.
    assertThat(types).isEqualTo(new TreeMap<>(Map.ofEntries(
        Map.entry("PERSON", 857L), Map.entry("STREET_ADDRESS", 598L), Map.entry("GPE", 411L),
        Map.entry("ORGANIZATION", 250L), Map.entry("CREDIT_CARD", 136L), Map.entry("DATE_TIME", 119L),
        Map.entry("TITLE", 92L), Map.entry("PHONE_NUMBER", 92L), Map.entry("AGE", 74L), Map.entry("NRP", 55L),
        Map.entry("EMAIL_ADDRESS", 49L), Map.entry("ZIP_CODE", 37L), Map.entry("DOMAIN_NAME", 37L),
        Map.entry("IBAN_CODE", 21L), Map.entry("US_SSN", 16L), Map.entry("IP_ADDRESS", 14L),
        Map.entry("US_DRIVER_LICENSE", 5L))));
    assertThat(types.keySet()).allMatch(EntityMapping.presidio()::knows);
  }

  @Test
  void withNoDetectorsTheSharedCorpusScoresItsGoldAndFindsNothing() throws IOException {
    Path file = SharedData.file("datasets/presidio-research/synth_dataset_v2.json");
    EvalReport r = PiiEvaluator.evaluate(List.of(), GoldCorpus.of(file));
    assertThat(r.examples()).isEqualTo(1500);
    assertThat(r.examplesWithGold()).isEqualTo(1246);
    assertThat(r.goldSpans()).isEqualTo(2863);
    // 857 + (598 + 411) + 250 + 136 + 92 + 49 + 21 + 16 + 14 scored; 119 + 92 + 74 + 55 + 37 + 37 + 5 not.
    assertThat(r.overall()).isEqualTo(new EvalReport.Counts(2444, 0, 0, 0, 2444, 0));
    assertThat(r.byType().get("LOCATION").gold()).isEqualTo(1009);
    assertThat(r.goldNotEvaluated().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(419);
    assertThat(r.goldUnknown()).isEmpty();
  }
}
