package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every {@link Detector} keeps; each detector's test implements this interface and gets
 * these properties run against it, plus {@link #positives()} and {@link #negatives()} of its own: spans in
 * bounds and named after their detector, deterministic, no overlap after merging, and idempotent redaction.
 */
interface DetectorContract {
  Detector detector();

  /** Texts in which the detector must find at least one span of {@link #type()} covering the marked value. */
  List<String> positives();

  /** Texts in which the detector must find nothing. */
  List<String> negatives();

  String type();

  @Property(tries = 300)
  default void spansStayInBoundsAndNameTheirDetector(@ForAll("texts") String text) {
    for (Span s : detector().detect(text, ScanContext.FREE_TEXT)) {
      assertThat(s.start()).isBetween(0, text.length() - 1);
      assertThat(s.end()).isBetween(s.start() + 1, text.length());
      assertThat(s.detector()).isEqualTo(detector().name());
    }
  }

  @Property(tries = 100)
  default void detectionIsDeterministic(@ForAll("texts") String text) {
    assertThat(detector().detect(text, ScanContext.FREE_TEXT))
        .isEqualTo(detector().detect(text, ScanContext.FREE_TEXT));
  }

  @Property(tries = 100)
  default void spansDoNotOverlapAfterMerge(@ForAll("texts") String text) {
    List<Span> merged = SpanMerger.merge(detector().detect(text, ScanContext.FREE_TEXT), text.length());
    for (int i = 1; i < merged.size(); i++) {
      assertThat(merged.get(i).start()).isGreaterThanOrEqualTo(merged.get(i - 1).end());
    }
  }

  /** Redacting redacted text changes nothing, in every style. */
  @Property(tries = 60)
  default void redactingRedactedTextChangesNothing(@ForAll("texts") String text) {
    for (RedactionStyle style : RedactionStyle.values()) {
      Redactor redactor = new Redactor(RedactionPolicy.defaults().withStyle(style));
      String once = redactor.redact(text, detector().detect(text, ScanContext.FREE_TEXT),
          RedactionContext.forUnit("u")).text();
      String twice = redactor.redact(once, detector().detect(once, ScanContext.FREE_TEXT),
          RedactionContext.forUnit("u")).text();
      assertThat(twice).as("%s style", style).isEqualTo(once);
    }
  }

  @net.jqwik.api.Example
  default void findsEveryPositive() {
    for (String text : positives()) {
      assertThat(detector().detect(text, ScanContext.FREE_TEXT))
          .as("spans in a positive example (index %d)", positives().indexOf(text))
          .anyMatch(s -> s.type().equals(type()));
    }
  }

  @net.jqwik.api.Example
  default void findsNothingInNegatives() {
    for (String text : negatives()) {
      assertThat(detector().detect(text, ScanContext.FREE_TEXT))
          .as("spans in a negative example (index %d)", negatives().indexOf(text))
          .isEmpty();
    }
  }

  @Provide
  default Arbitrary<String> texts() {
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> mixed = Arbitraries.of(positives().isEmpty() ? List.of("") : positives())
        .flatMap(p -> Arbitraries.strings().ofMaxLength(20).map(pre -> pre + p + pre));
    return Arbitraries.oneOf(noise, mixed);
  }
}
