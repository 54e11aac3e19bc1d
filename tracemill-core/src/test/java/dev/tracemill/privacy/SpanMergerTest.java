package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SpanMergerTest {
  private static final int LENGTH = 60;

  private static Span span(int start, int end, String type, double score) {
    return new Span(start, end, type, score, "d-" + type);
  }

  @Test
  void higherScoreWinsAndTheLoserKeepsOnlyItsUncoveredPiece() {
    List<Span> out = SpanMerger.merge(List.of(span(0, 10, "PHONE", 0.6), span(5, 15, "US_SSN", 0.9)), 20);
    assertThat(out).containsExactly(span(0, 5, "PHONE", 0.6), span(5, 15, "US_SSN", 0.9));
  }

  @Test
  void onEqualScoreTheLongerSpanWinsAndAbsorbsTheContainedOne() {
    List<Span> out = SpanMerger.merge(List.of(span(3, 6, "SECRET", 0.95), span(0, 10, "URL_CREDENTIALS", 0.95)), 10);
    assertThat(out).containsExactly(span(0, 10, "URL_CREDENTIALS", 0.95));
  }

  @Test
  void onEqualScoreAndLengthTheTypePriorityDecides() {
    List<Span> out = SpanMerger.merge(List.of(span(0, 9, "PHONE", 0.9), span(0, 9, "US_SSN", 0.9)), 9);
    assertThat(out).extracting(Span::type).containsExactly("US_SSN");
    List<Span> reversed = SpanMerger.merge(List.of(span(0, 9, "US_SSN", 0.9), span(0, 9, "PHONE", 0.9)), 9);
    assertThat(reversed).isEqualTo(out);
  }

  @Test
  void overlappingSpansOfOneTypeBecomeTheirUnionButAdjacentOnesStayApart() {
    assertThat(SpanMerger.merge(List.of(span(0, 6, "EMAIL", 0.8), span(4, 12, "EMAIL", 0.95)), 12))
        .containsExactly(new Span(0, 12, "EMAIL", 0.95, "d-EMAIL"));
    assertThat(SpanMerger.merge(List.of(span(0, 5, "PHONE", 0.9), span(5, 9, "PHONE", 0.9)), 9))
        .containsExactly(span(0, 5, "PHONE", 0.9), span(5, 9, "PHONE", 0.9));
  }

  @Test
  void aSpanPastTheEndOfTheTextIsRejected() {
    assertThatThrownBy(() -> SpanMerger.merge(List.of(span(0, 11, "EMAIL", 0.9)), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 10");
  }

  @Property
  void outputIsSortedInBoundsAndNonOverlapping(@ForAll("spans") List<Span> spans) {
    List<Span> out = SpanMerger.merge(spans, LENGTH);
    for (int i = 0; i < out.size(); i++) {
      Span s = out.get(i);
      assertThat(s.start()).isGreaterThanOrEqualTo(0);
      assertThat(s.end()).isLessThanOrEqualTo(LENGTH);
      if (i > 0) {
        assertThat(out.get(i - 1).end()).isLessThanOrEqualTo(s.start());
      }
    }
  }

  @Property
  void everyFlaggedPositionIsCoveredAndNothingElse(@ForAll("spans") List<Span> spans) {
    List<Span> out = SpanMerger.merge(spans, LENGTH);
    for (int p = 0; p < LENGTH; p++) {
      int pos = p;
      boolean flagged = spans.stream().anyMatch(s -> s.start() <= pos && pos < s.end());
      Span covering = out.stream().filter(s -> s.start() <= pos && pos < s.end()).findFirst().orElse(null);
      assertThat(covering != null).as("position %d", pos).isEqualTo(flagged);
      if (covering != null) {
        assertThat(spans.stream().anyMatch(s -> s.start() <= pos && pos < s.end() && s.type().equals(covering.type())))
            .as("the type at %d was claimed there by an input span", pos).isTrue();
      }
    }
  }

  @Property
  void theSpanWithTheHighestScoreKeepsAllItsPositions(@ForAll("spans") List<Span> spans) {
    double max = spans.stream().mapToDouble(Span::score).max().orElse(-1);
    List<Span> best = spans.stream().filter(s -> s.score() == max).toList();
    if (best.size() != 1) {
      return;
    }
    Span winner = best.get(0);
    List<Span> out = SpanMerger.merge(spans, LENGTH);
    for (int p = winner.start(); p < winner.end(); p++) {
      int pos = p;
      assertThat(out.stream().filter(s -> s.start() <= pos && pos < s.end()).findFirst().orElseThrow().type())
          .isEqualTo(winner.type());
    }
  }

  @Property
  void theResultDoesNotDependOnTheOrderOfTheInput(@ForAll("spans") List<Span> spans) {
    List<Span> reversed = new ArrayList<>(spans);
    java.util.Collections.reverse(reversed);
    assertThat(SpanMerger.merge(reversed, LENGTH)).isEqualTo(SpanMerger.merge(spans, LENGTH));
  }

  @Property
  void aSingleSpanComesBackUnchanged(@ForAll @IntRange(min = 0, max = 58) int start,
      @ForAll @IntRange(min = 1, max = 20) int length) {
    Span s = span(start, Math.min(LENGTH, start + length), "EMAIL", 0.9);
    assertThat(SpanMerger.merge(List.of(s), LENGTH)).containsExactly(s);
  }

  @Provide
  Arbitrary<List<Span>> spans() {
    Arbitrary<String> types = Arbitraries.of("EMAIL", "PHONE", "SECRET", "PERSON", "CUSTOMER");
    Arbitrary<Double> scores = Arbitraries.of(0.5, 0.7, 0.9, 0.95);
    Arbitrary<Span> one = Combinators.combine(Arbitraries.integers().between(0, LENGTH - 1),
        Arbitraries.integers().between(1, 15), types, scores)
        .as((start, len, type, score) -> new Span(start, Math.min(LENGTH, start + len), type, score, "d-" + type));
    return one.list().ofMaxSize(12);
  }
}
