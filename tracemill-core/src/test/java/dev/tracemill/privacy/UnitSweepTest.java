package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link UnitSweep}: what is searched for again, and how it is matched. Values here are made up. */
class UnitSweepTest {
  private static final NameDetector NAMES = new NameDetector();

  private static UnitSweep sweep(Map<String, String> found) {
    return UnitSweep.of(found, NAMES, v -> false);
  }

  private static List<String> found(UnitSweep sweep, String text) {
    return sweep.detect(text, ScanContext.FREE_TEXT).stream()
        .map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
  }

  @Test
  void findsEveryWholeWordOccurrenceWithItsType() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("Okafor", EntityTypes.PERSON);
    values.put("Brevantix Labs", EntityTypes.ORGANIZATION);
    UnitSweep sweep = sweep(values);
    assertThat(found(sweep, "Okafor's order from Brevantix Labs; Okafor again."))
        .containsExactlyInAnyOrder("PERSON:Okafor", "PERSON:Okafor", "ORGANIZATION:Brevantix Labs");
    // inside a longer word, or in another case, it is another word
    assertThat(found(sweep, "Okaforson and okafor and BrevantixLabs")).isEmpty();
  }

  @Test
  void commonWordsShortValuesAndOtherTypesAreNotSearched() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("Will", EntityTypes.PERSON);
    values.put("Al", EntityTypes.PERSON);
    values.put("jane@example.com", EntityTypes.EMAIL);
    assertThat(sweep(values)).isNull();
  }

  @Test
  void aPersonsFullNameIsSearchedWordByWordButNotItsTitle() {
    UnitSweep sweep = sweep(Map.of("Mrs Jane Okafor", EntityTypes.PERSON));
    assertThat(found(sweep, "Okafor called; Mrs Smith did not; Jane did."))
        .containsExactlyInAnyOrder("PERSON:Okafor", "PERSON:Jane");
  }

  @Test
  void aWordOfAWrittenSurrogateIsNotSearched() {
    Map<String, String> values = Map.of("Samir", EntityTypes.PERSON);
    assertThat(UnitSweep.of(values, NAMES, v -> v.equals("Samir"))).isNull();
  }

  @Test
  void contextRemembersReplacedNamesAndSurrogateWords() {
    RedactionContext ctx = RedactionContext.forUnit("u1");
    Redactor redactor = new Redactor(RedactionPolicy.defaults());
    String text = "My name is Jane Okafor.";
    RedactionResult r = redactor.redact(text, List.of(new Span(11, 22, EntityTypes.PERSON, 0.9, "test")), ctx);
    assertThat(ctx.named()).containsEntry("Jane Okafor", EntityTypes.PERSON);
    String surrogate = r.text().substring(11, r.text().length() - 1);
    String firstWord = surrogate.substring(0, surrogate.indexOf(' '));
    assertThat(ctx.inSurrogate(firstWord)).isTrue();
    assertThat(ctx.inSurrogate(firstWord.substring(0, 2))).isFalse();
  }
}
