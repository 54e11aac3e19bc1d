package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.junit.jupiter.api.Test;

/** {@link KeywordScanner} reports what org.ahocorasick's case-insensitive trie reports. */
class KeywordScannerTest {
  private static final List<String> KEYWORDS = List.of("key", "apikey", "api_key", "sk-", "sk-proj-", "ya29.",
      "q~", "-u ", "://", "pass", "password", "passwd", "ss", "s", "kk");

  @Test
  void reportsEveryOccurrenceIncludingOverlapsAsTheLibraryDoes() {
    KeywordScanner scanner = new KeywordScanner(KEYWORDS);
    Trie trie = Trie.builder().ignoreCase().addKeywords(KEYWORDS).build();
    Random random = new Random(7);
    String alphabet = "aAkKeEyYpPiI_-sSoOrRwWdDq~:/ .29\u0130\u212A\u017F\u00e9\u65e5";
    int hits = 0;
    for (int t = 0; t < 3000; t++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(80);
      while (b.length() < len) {
        if (random.nextInt(4) == 0) {
          b.append(KEYWORDS.get(random.nextInt(KEYWORDS.size())).toUpperCase());
        } else {
          b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String text = b.toString();
      List<String> expected = new ArrayList<>();
      for (Emit e : trie.parseText(text)) {
        expected.add(e.getStart() + "|" + e.getEnd() + "|" + e.getKeyword());
      }
      List<String> actual = new ArrayList<>();
      scanner.scan(text, (k, start, end) -> actual.add(start + "|" + end + "|" + scanner.keyword(k)));
      // The library orders hits of one end position by its own set order; compare as multisets per end.
      assertThat(actual).as(text).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(ends(actual)).isSorted();
      hits += actual.size();
    }
    assertThat(hits).isGreaterThan(5000);
  }

  private static List<Integer> ends(List<String> hits) {
    return hits.stream().map(h -> Integer.parseInt(h.split("\\|")[1])).toList();
  }

  @Test
  void foldsCaseLikeCharacterToLowerCase() {
    KeywordScanner scanner = new KeywordScanner(List.of("ik"));
    List<Integer> starts = new ArrayList<>();
    scanner.scan("\u0130\u212A IK ik \u00cdk", (k, s, e) -> starts.add(s));
    assertThat(starts).containsExactly(0, 3, 6);
  }

  @Test
  void rejectsKeywordsItCannotHold() {
    assertThatThrownBy(() -> new KeywordScanner(List.of("caf\u00e9"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeywordScanner(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeywordScanner(List.of("Key", "key"))).isInstanceOf(IllegalArgumentException.class);
  }
}
