package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the terms of organisation dictionaries ({@link TermDictionary}): customers, internal code
 * names, project names. One Aho-Corasick automaton ({@link TermAutomaton}) holds every term of every
 * dictionary, so a text is scanned once whatever the number of terms.
 *
 * <p><b>Matching.</b> Case-insensitive (each character lower-cased on its own), a whitespace run in the
 * text matches the single space of a term ({@code Acme  Corp} across a line break is {@code acme corp}),
 * and on word boundaries: where a term starts or ends with a letter or digit, the text must not
 * continue with a letter, digit or combining mark ({@code Acme} is found in {@code Acme's},
 * {@code acme-web} and {@code acme_client}, not in {@code Acmeville}). Overlapping matches: the longest
 * wins, then the earliest. A term listed in two dictionaries takes the type of the first.
 *
 * <p><b>Idempotence.</b> Nothing is reported inside what redaction writes: a tag ({@code <CUSTOMER_1>}),
 * the mask {@code [REDACTED]}, or a dictionary surrogate ({@code Customer-7F3A}, see {@link Surrogates})
 * unless the term is that whole token; so a dictionary holding {@code customer} or {@code redacted}
 * leaves redacted text alone. The privacy stage also never picks a surrogate in which this detector
 * finds a term ({@link RedactionContext}); a term that is part of every surrogate of a type (the
 * {@code example} of {@code example.com}) cannot be avoided and is best left out of a dictionary.
 *
 * <p><b>Inside e-mail addresses.</b> A term inside an address that the e-mail rule accepts
 * ({@code jane@acme.com}) is not reported: the whole address is replaced by an e-mail surrogate, which
 * removes the term and keeps the address an address.
 */
public final class DictionaryDetector implements Detector {
  public static final String NAME = "dictionary";
  /** Below validated identifiers (IBAN 0.98), above the name lexicons' organisations (0.8). */
  static final double SCORE = 0.97;

  private static final EmailDetector EMAILS = new EmailDetector();

  private final TermAutomaton automaton;
  /** The type of each term of the automaton, by term index. */
  private final String[] typeOf;
  private final Set<String> types;
  private final int terms;
  private final Pattern surrogateTokens;

  public DictionaryDetector(List<TermDictionary> dictionaries) {
    requireNonNull(dictionaries, "dictionaries is null");
    if (dictionaries.isEmpty()) {
      throw new IllegalArgumentException("a dictionary detector needs at least one dictionary");
    }
    Map<String, String> map = new LinkedHashMap<>();
    Set<String> typeSet = new LinkedHashSet<>();
    for (TermDictionary d : dictionaries) {
      typeSet.add(d.type());
      for (String t : d.terms()) {
        map.putIfAbsent(t, d.type());
      }
    }
    this.types = Set.copyOf(typeSet);
    this.terms = map.size();
    this.automaton = new TermAutomaton(new ArrayList<>(map.keySet()));
    this.typeOf = map.values().toArray(new String[0]);
    List<String> prefixes = new ArrayList<>();
    for (String t : typeSet) {
      if (!EntityTypes.BUILT_IN.contains(t)) {
        prefixes.add(Pattern.quote(Surrogates.dictionaryPrefix(t)));
      }
    }
    this.surrogateTokens = prefixes.isEmpty() ? null : Pattern.compile(
        // the same word characters as isWordChar: letters, decimal digits, marks ("²Customer-43C1" is a surrogate)
        "(?<![\\p{L}\\p{Nd}\\p{M}])(?:" + String.join("|", prefixes) + ")-[0-9A-F]{4}(?![\\p{L}\\p{Nd}\\p{M}])");
  }

  /** The dictionaries' types, in no order. */
  public Set<String> types() {
    return types;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    requireNonNull(text, "text is null");
    if (text.isEmpty()) {
      return List.of();
    }
    Folded f = Folded.of(text);
    List<Candidate> candidates = new ArrayList<>();
    automaton.scan(f.text, (term, foldedEnd) -> {
      int foldedStart = foldedEnd - automaton.length(term);
      int start = f.origin(foldedStart);
      int end = f.origin(foldedEnd - 1) + 1;
      if (boundaryOk(text, start, end, f.text, foldedStart, foldedEnd)) {
        candidates.add(new Candidate(start, end, term));
      }
    });
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<int[]> blocked = protectedRegions(text);
    if (text.indexOf('@') >= 0) {
      for (Span e : EMAILS.detect(text, context)) {
        blocked.add(new int[] {e.start(), e.end(), 0});
      }
    }
    candidates.sort(Comparator.comparingInt((Candidate c) -> c.start - c.end).thenComparingInt(c -> c.start));
    BitSet taken = new BitSet(text.length());
    List<Span> out = new ArrayList<>();
    for (Candidate c : candidates) {
      int next = taken.nextSetBit(c.start);
      if ((next >= 0 && next < c.end) || insideProtected(blocked, c.start, c.end)) {
        continue;
      }
      taken.set(c.start, c.end);
      out.add(new Span(c.start, c.end, typeOf[c.term], SCORE, NAME));
    }
    out.sort(Comparator.comparingInt(Span::start));
    return out;
  }

  private record Candidate(int start, int end, int term) {}

  /** Word boundaries at whichever ends of the term are letters or digits. */
  private static boolean boundaryOk(String text, int start, int end, String folded, int termStart, int termEnd) {
    if (isWordChar(folded.codePointAt(termStart)) && start > 0 && isWordChar(text.codePointBefore(start))) {
      return false;
    }
    return !(isWordChar(folded.codePointBefore(termEnd)) && end < text.length()
        && isWordChar(text.codePointAt(end)));
  }

  /** A letter, a digit or a combining mark: what continues a word. */
  static boolean isWordChar(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
        || t == Character.ENCLOSING_MARK;
  }

  private static final Pattern REDACTION_MARKS = Pattern.compile("<[A-Z][A-Z0-9_]*_\\d+>|\\[[A-Z][A-Z0-9_]*\\]");

  /**
   * What redaction writes in {@code text}: tags and masks as {@code [start, end, 0]}, dictionary
   * surrogates as {@code [start, end, 1]} (a term equal to the whole token may still match it).
   */
  private List<int[]> protectedRegions(String text) {
    List<int[]> out = new ArrayList<>();
    if (text.indexOf('<') >= 0 || text.indexOf('[') >= 0) {
      Matcher m = REDACTION_MARKS.matcher(text);
      while (m.find()) {
        out.add(new int[] {m.start(), m.end(), 0});
      }
    }
    if (surrogateTokens != null && text.indexOf('-') >= 0) {
      Matcher m = surrogateTokens.matcher(text);
      while (m.find()) {
        out.add(new int[] {m.start(), m.end(), 1});
      }
    }
    return out;
  }

  private static boolean insideProtected(List<int[]> regions, int start, int end) {
    for (int[] r : regions) {
      if (r[0] <= start && end <= r[1] && !(r[2] == 1 && r[0] == start && r[1] == end)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "DictionaryDetector[" + terms + " terms, types " + new java.util.TreeSet<>(types) + "]";
  }

  /**
   * A text in matching form ({@link TermDictionary#fold} without the trim) and, when whitespace runs
   * were collapsed, the original index of each folded character.
   */
  private static final class Folded {
    final String text;
    final int[] origin;

    private Folded(String text, int[] origin) {
      this.text = text;
      this.origin = origin;
    }

    int origin(int i) {
      return origin == null ? i : origin[i];
    }

    static Folded of(String s) {
      int n = s.length();
      char[] out = new char[n];
      int[] origin = null;
      int k = 0;
      boolean prevSpace = false;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
        if (space && prevSpace) {
          if (origin == null) {
            origin = new int[n];
            for (int j = 0; j < k; j++) {
              origin[j] = j;
            }
          }
          continue;
        }
        prevSpace = space;
        if (origin != null) {
          origin[k] = i;
        }
        out[k++] = space ? ' ' : Character.toLowerCase(c);
      }
      return new Folded(new String(out, 0, k), origin);
    }
  }
}
