package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TermAutomatonTest {
  @Provide
  Arbitrary<List<String>> terms() {
    // A small alphabet (with a non-ASCII letter) makes shared prefixes, suffixes and nesting common.
    return Arbitraries.strings().withChars("abcé ").ofMinLength(1).ofMaxLength(5).set().ofMinSize(1).ofMaxSize(12)
        .map(s -> new ArrayList<>(new LinkedHashSet<>(s)));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abcéd ").ofMaxLength(40);
  }

  /** Every occurrence of every term, as a naive search finds them, in the same order. */
  @Property(tries = 500)
  void findsExactlyWhatANaiveSearchFinds(@ForAll("terms") List<String> terms, @ForAll("texts") String text) {
    TermAutomaton automaton = new TermAutomaton(terms);
    List<String> found = new ArrayList<>();
    automaton.scan(text, (term, end) -> found.add(end + ":" + (end - automaton.length(term)) + ":" + terms.get(term)));
    List<String> expected = new ArrayList<>();
    for (int end = 1; end <= text.length(); end++) {
      for (String t : terms) {
        if (end >= t.length() && text.startsWith(t, end - t.length())) {
          expected.add(end + ":" + (end - t.length()) + ":" + t);
        }
      }
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(automaton.states()).isLessThanOrEqualTo(1 + terms.stream().mapToInt(String::length).sum());
  }
}
