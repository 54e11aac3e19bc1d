package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The second look at a unit: the people, places and organisations the detectors found somewhere in it,
 * searched for everywhere else in it. A name is often recognised only where a cue stands beside it
 * ({@code My name is Jane Okafor}) and missed where it stands alone ({@code Okafor's order}, in a tool
 * result); once found, it is the same entity wherever it appears in the unit, and gets the same
 * replacement.
 *
 * <p>Only findings that scored at least {@value #MIN_SCORE} are searched for. A person's full name is
 * searched for as a whole and word by word ({@code Jane Okafor}, {@code Jane},
 * {@code Okafor}): the redaction context gives each word the surrogate word of the full name.
 *
 * <p>A value is searched for as a whole word (no letter or digit beside it), with its case. A value of one
 * word that is a common English word or a word that collides with names ({@code Will}, {@code May},
 * {@code Apple}) is not searched for: a cue made it a name in one place, which says nothing of the word
 * elsewhere. Values shorter than {@value #MIN_LENGTH} characters are not searched for either.
 *
 * <p>A detector over one unit's values: the privacy stage builds one per unit, after the first pass, and
 * drops it with the unit. Holds raw values in memory only; never logs them.
 */
final class UnitSweep implements Detector {
  /** The types whose values are searched for again: those found by lexicons and context, not by shape. */
  static final Set<String> TYPES = Set.of(EntityTypes.PERSON, EntityTypes.LOCATION, EntityTypes.ORGANIZATION);
  static final String NAME = "unit-sweep";
  static final int MIN_LENGTH = 3;
  /**
   * The score a finding needs to be searched for again: a weak guess ({@code 4 bags of Ethiopian
   * Yirgacheffe} read as a name at 0.55) is replaced where it was found, not spread over the unit.
   */
  static final double MIN_SCORE = 0.6;
  private static final double SCORE = 0.9;

  private final Map<String, String> typeByValue;

  private UnitSweep(Map<String, String> typeByValue) {
    this.typeByValue = typeByValue;
  }

  /**
   * A sweep for the {@code found} values (original value to type, in the order found), less those that
   * {@code inSurrogate} says are words of a replacement already written, or null when none is left worth
   * searching for.
   */
  static UnitSweep of(Map<String, String> found, NameDetector names, Predicate<String> inSurrogate) {
    requireNonNull(found, "found is null");
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : found.entrySet()) {
      if (!TYPES.contains(e.getValue())) {
        continue;
      }
      List<String> values = new ArrayList<>();
      values.add(e.getKey());
      if (e.getValue().equals(EntityTypes.PERSON)) {
        // Jane Okafor is also Okafor, and Jane, where either stands alone; a title (Mrs) is no name of its own
        for (WordTokens.Token t : WordTokens.of(e.getKey())) {
          if (!t.initial() && !t.number() && t.capitalised() && !PersonLinks.TITLES.contains(t.lower())) {
            values.add(e.getKey().substring(t.start(), t.end()));
          }
        }
      }
      for (String value : values) {
        // a value that is a word of a surrogate written in this unit would be found inside that surrogate
        if (searchable(value, names) && !inSurrogate.test(value)) {
          kept.putIfAbsent(value, e.getValue());
        }
      }
    }
    return kept.isEmpty() ? null : new UnitSweep(kept);
  }

  private static boolean searchable(String value, NameDetector names) {
    if (value.length() < MIN_LENGTH || value.indexOf('\n') >= 0 || !Character.isLetter(value.charAt(0))) {
      return false;
    }
    List<WordTokens.Token> words = WordTokens.of(value);
    if (words.isEmpty()) {
      return false;
    }
    if (words.size() == 1) {
      WordTokens.Token t = words.get(0);
      return !names.isCommonWord(t) && t.length() >= MIN_LENGTH;
    }
    return true;
  }

  /** The values searched for, each with its type, in the order found (sensitive: for the leak gate only). */
  Map<String, String> values() {
    return java.util.Collections.unmodifiableMap(typeByValue);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    List<Span> spans = new ArrayList<>();
    for (Map.Entry<String, String> e : typeByValue.entrySet()) {
      String value = e.getKey();
      for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
        int end = at + value.length();
        if (!wordChar(text, at - 1) && !wordChar(text, end)) {
          spans.add(new Span(at, end, e.getValue(), SCORE, NAME));
        }
      }
    }
    return spans;
  }

  private static boolean wordChar(String text, int i) {
    return i >= 0 && i < text.length() && Character.isLetterOrDigit(text.charAt(i));
  }

  @Override
  public String toString() {
    return "UnitSweep[" + typeByValue.size() + " values]";
  }
}
