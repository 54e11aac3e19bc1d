package dev.tracemill.privacy;

import static dev.tracemill.privacy.FakeDetector.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tracemill.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiEvaluatorTest {
  // Fake values only. Offsets are written out by hand and checked by example(...).
  private static final String MAIL = "Write to jane.roe@example.com today";          // [9, 29)
  private static final String NAME = "Call Alexandra Quin now";                       // [5, 19) PERSON, 14 chars
  private static final String PLACE = "From Springfield North Dakota";                // [5, 29) LOCATION, 24 chars
  private static final String PHONE = "Ring 555-0142 soon";                           // [5, 13)
  private static final String DATE = "Seen on 2/8/1935 there";                        // [8, 16) DATE_TIME
  private static final String NOTHING = "Version 1.2.3 shipped";

  private static GoldExample example(long index, String text, FakeDetector.At... gold) {
    List<GoldExample.Entity> entities = new java.util.ArrayList<>();
    for (FakeDetector.At g : gold) {
      entities.add(new GoldExample.Entity(g.start(), g.end(), g.type()));
    }
    return new GoldExample(index, text, entities);
  }

  private static EvalReport run(Map<String, List<FakeDetector.At>> predictions, GoldExample... examples) {
    PiiEvaluator evaluator = new PiiEvaluator(List.of(new FakeDetector("fake", predictions)),
        EntityMapping.presidio());
    for (GoldExample e : examples) {
      evaluator.accept(e);
    }
    return evaluator.report();
  }

  @Test
  void handWrittenOffsetsPointAtTheFakeValues() {
    assertThat(MAIL.substring(9, 29)).isEqualTo("jane.roe@example.com");
    assertThat(NAME.substring(5, 19)).isEqualTo("Alexandra Quin");
    assertThat(PLACE.substring(5, 29)).isEqualTo("Springfield North Dakota");
    assertThat(PHONE.substring(5, 13)).isEqualTo("555-0142");
    assertThat(DATE.substring(8, 16)).isEqualTo("2/8/1935");
  }

  @Test
  void anExactMatchIsATruePositive() {
    EvalReport r = run(Map.of(MAIL, List.of(span(9, 29, "EMAIL"))), example(0, MAIL, span(9, 29, "EMAIL_ADDRESS")));
    assertThat(r.byType().get("EMAIL")).isEqualTo(new EvalReport.Counts(1, 1, 1, 0, 0, 0));
    assertThat(r.overall().f2()).hasValue(1.0);
  }

  @Test
  void aPartialOverlapFindsTheGoldSpanOnlyWhenItCoversHalfOfIt() {
    GoldExample gold = example(0, NAME, span(5, 19, "PERSON"));
    // "Alexandra" is 9 of 14 characters: found.
    assertThat(run(Map.of(NAME, List.of(span(5, 14, "PERSON"))), gold).byType().get("PERSON").tp()).isEqualTo(1);
    // 7 of 14 is exactly half: found.
    assertThat(run(Map.of(NAME, List.of(span(12, 19, "PERSON"))), gold).byType().get("PERSON").tp()).isEqualTo(1);
    // " Quin" is 5 of 14: missed, but it touches the gold span, so it is not a false positive either.
    assertThat(run(Map.of(NAME, List.of(span(14, 19, "PERSON"))), gold).byType().get("PERSON"))
        .isEqualTo(new EvalReport.Counts(1, 1, 0, 0, 1, 0));
  }

  @Test
  void fragmentsAreUnitedBeforeMeasuringCoverage() {
    GoldExample gold = example(0, PLACE, span(5, 29, "GPE"));
    // [5,13) and [21,29): 16 of 24 characters, found by the two together.
    assertThat(run(Map.of(PLACE, List.of(span(5, 13, "LOCATION"), span(21, 29, "LOCATION"))), gold)
        .byType().get("LOCATION")).isEqualTo(new EvalReport.Counts(1, 2, 1, 0, 0, 0));
    // [5,14) and [8,16) overlap: their union is 11 of 24 (summing them would say 17): missed.
    assertThat(run(Map.of(PLACE, List.of(span(5, 14, "LOCATION"), span(8, 16, "LOCATION"))), gold)
        .byType().get("LOCATION").tp()).isZero();
  }

  @Test
  void aWrongTypeIsAMissForTheGoldTypeAndAFalsePositiveForThePredictedOne() {
    EvalReport r = run(Map.of(PHONE, List.of(span(5, 13, "CREDIT_CARD"))), example(0, PHONE, span(5, 13, "PHONE_NUMBER")));
    assertThat(r.byType().get("PHONE")).isEqualTo(new EvalReport.Counts(1, 0, 0, 0, 1, 0));
    assertThat(r.byType().get("CREDIT_CARD")).isEqualTo(new EvalReport.Counts(0, 1, 0, 1, 0, 0));
    assertThat(r.overall()).isEqualTo(new EvalReport.Counts(1, 1, 0, 1, 1, 0));
    // It would still have been redacted.
    assertThat(r.anyType()).isEqualTo(new EvalReport.Counts(1, 1, 1, 0, 0, 0));
  }

  @Test
  void aMissedSpanIsAFalseNegative() {
    EvalReport r = run(Map.of(), example(0, MAIL, span(9, 29, "EMAIL_ADDRESS")));
    assertThat(r.byType().get("EMAIL")).isEqualTo(new EvalReport.Counts(1, 0, 0, 0, 1, 0));
    assertThat(r.overall().precision()).isEmpty();
    assertThat(r.overall().recall()).hasValue(0.0);
    assertThat(r.overall().f2()).hasValue(0.0);
  }

  @Test
  void aSpuriousSpanIsAFalsePositiveEvenWhereTheTextHasNoGold() {
    EvalReport r = run(Map.of(NOTHING, List.of(span(8, 13, "IP_ADDRESS"))), example(0, NOTHING));
    assertThat(r.byType().get("IP_ADDRESS")).isEqualTo(new EvalReport.Counts(0, 1, 0, 1, 0, 0));
    assertThat(r.overall().precision()).hasValue(0.0);
    assertThat(r.overall().recall()).isEmpty();
    assertThat(r.examplesWithGold()).isZero();
  }

  @Test
  void aPredictionOnAGoldSpanOfATypeNotEvaluatedIsIgnored() {
    EvalReport r = run(Map.of(DATE, List.of(span(8, 16, "PHONE"))), example(0, DATE, span(8, 16, "DATE_TIME")));
    assertThat(r.byType().get("PHONE")).isEqualTo(new EvalReport.Counts(0, 1, 0, 0, 0, 1));
    assertThat(r.goldNotEvaluated()).containsExactly(Map.entry("DATE_TIME", 1L));
    assertThat(r.anyType().ignored()).isEqualTo(1);
  }

  @Test
  void predictionsOfTypesTheCorpusDoesNotScoreAreOnlyCounted() {
    EvalReport r = run(Map.of(DATE, List.of(span(8, 16, "DATE_OF_BIRTH"), span(0, 4, "SECRET"))),
        example(0, DATE, span(8, 16, "DATE_TIME")));
    assertThat(r.byType()).isEmpty();
    assertThat(r.overall()).isEqualTo(EvalReport.Counts.ZERO);
    assertThat(r.predictedNotEvaluated()).containsExactly(Map.entry("DATE_OF_BIRTH", 1L), Map.entry("SECRET", 1L));
  }

  @Test
  void goldTypesTheMappingDoesNotKnowAreReportedApart() {
    EvalReport r = run(Map.of(), example(0, NAME, span(5, 19, "FAVOURITE_COLOUR")));
    assertThat(r.goldUnknown()).containsExactly(Map.entry("FAVOURITE_COLOUR", 1L));
    assertThat(r.goldNotEvaluated()).isEmpty();
    assertThat(r.goldSpans()).isEqualTo(1);
    assertThat(r.overall().gold()).isZero();
  }

  @Test
  void theSameSpanFromTwoDetectorsCountsOnce() {
    Map<String, List<FakeDetector.At>> same = Map.of(NOTHING, List.of(span(8, 13, "US_SSN")));
    PiiEvaluator evaluator = new PiiEvaluator(List.of(new FakeDetector("a", same), new FakeDetector("b", same)),
        EntityMapping.presidio());
    evaluator.accept(example(0, NOTHING));
    assertThat(evaluator.report().byType().get("US_SSN")).isEqualTo(new EvalReport.Counts(0, 1, 0, 1, 0, 0));
  }

  @Test
  void overallIsTheMicroAverageAndF2WeighsRecall() {
    // EMAIL found, PERSON found, LOCATION found, PHONE missed, IBAN missed, one spurious US_SSN:
    // TP 3, FP 1, FN 2 -> P = 3/4, R = 3/5, F2 = 5 * 0.75 * 0.6 / (4 * 0.75 + 0.6) = 2.25 / 3.6 = 0.625.
    String iban = "Pay GB82WEST12345698765432 now";                                  // [4, 26)
    assertThat(iban.substring(4, 26)).isEqualTo("GB82WEST12345698765432");
    EvalReport r = run(Map.of(
            MAIL, List.of(span(9, 29, "EMAIL")),
            NAME, List.of(span(5, 19, "PERSON")),
            PLACE, List.of(span(5, 29, "LOCATION")),
            NOTHING, List.of(span(8, 13, "US_SSN"))),
        example(0, MAIL, span(9, 29, "EMAIL_ADDRESS")),
        example(1, NAME, span(5, 19, "PERSON")),
        example(2, PLACE, span(5, 29, "STREET_ADDRESS")),
        example(3, PHONE, span(5, 13, "PHONE_NUMBER")),
        example(4, iban, span(4, 26, "IBAN_CODE")),
        example(5, NOTHING));
    assertThat(r.overall()).isEqualTo(new EvalReport.Counts(5, 4, 3, 1, 2, 0));
    assertThat(r.overall().precision().getAsDouble()).isCloseTo(0.75, within(1e-12));
    assertThat(r.overall().recall().getAsDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(r.overall().f2().getAsDouble()).isCloseTo(0.625, within(1e-12));
    assertThat(r.examples()).isEqualTo(6);
    assertThat(r.examplesWithGold()).isEqualTo(5);
    assertThat(r.byType().keySet()).containsExactly("EMAIL", "PHONE", "IBAN", "US_SSN", "PERSON", "LOCATION");
  }

  @Test
  void f2IsComputedFromPrecisionAndRecall() {
    // P = 1, R = 1/4: F2 = 5 * 0.25 / (4 + 0.25) = 1.25 / 4.25.
    assertThat(new EvalReport.Counts(4, 1, 1, 0, 3, 0).f2().getAsDouble()).isCloseTo(1.25 / 4.25, within(1e-12));
    // P = R = 0.8: F2 = 0.8.
    assertThat(new EvalReport.Counts(10, 10, 8, 2, 2, 0).f2().getAsDouble()).isCloseTo(0.8, within(1e-12));
    // Nothing to find and nothing found: undefined.
    assertThat(EvalReport.Counts.ZERO.f2()).isEmpty();
  }

  @Test
  void theReportHoldsCountsAndNeverTheText() {
    EvalReport r = run(Map.of(MAIL, List.of(span(9, 29, "EMAIL")), NAME, List.of(span(5, 9, "PERSON"))),
        example(0, MAIL, span(9, 29, "EMAIL_ADDRESS")), example(1, NAME, span(5, 19, "PERSON")));
    String json = Json.write(r.toJson());
    String table = r.table();
    for (String value : List.of("jane.roe", "example.com", "Alexandra", "Quin", "Call", "Write")) {
      assertThat(json).doesNotContain(value);
      assertThat(table).doesNotContain(value);
    }
    assertThat(json).contains("\"EMAIL\":{\"gold\":1,\"predicted\":1,\"tp\":1,\"fp\":0,\"fn\":0,\"ignored\":0,"
        + "\"precision\":1.0000,\"recall\":1.0000,\"f2\":1.0000}");
    assertThat(json).contains("\"PERSON\":{\"gold\":1,\"predicted\":1,\"tp\":0,\"fp\":0,\"fn\":1,\"ignored\":0,"
        + "\"precision\":null,\"recall\":0.0000,\"f2\":0.0000}");
    assertThat(table).contains("overall").contains("0.500");
  }

  @Test
  void aSpanPastTheEndOfTheTextIsADetectorBugNamedWithoutTheText() {
    PiiEvaluator evaluator = new PiiEvaluator(
        List.of(new FakeDetector("broken", Map.of(NOTHING, List.of(span(5, 99, "EMAIL"))))), EntityMapping.presidio());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluator.accept(example(0, NOTHING)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broken")
        .hasMessageNotContaining("Version");
  }
}
