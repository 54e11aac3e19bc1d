package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * The independent check after export: every training file is re-scanned with the secret detector
 * and searched for every original value the privacy stage replaced. Any hit is a residual; the
 * pipeline then fails the run and leaves the outputs unpromoted. A residual names the file, line and
 * type, never the value.
 *
 * <p>The values searched are those of the validated, high-precision types ({@link #GATED}): a value
 * replaced in one place must not survive in another (a unit where it was not recognised, a part of a
 * tool definition the stage keeps, such as a {@code $defs} name). A hit counts only as a whole token: a value that is the start of a longer one
 * ({@code a@b.example.ne} inside {@code a@b.example.net}) is a different value. Names, places and dates
 * are not searched: a first name replaced in one unit can be an ordinary word in another; their recall is
 * measured by {@code tracemill pii-eval}. Values are held in memory only, at most {@value #MAX_VALUES}
 * (past that the gate is partial and says so).
 *
 * <p><b>Organisation dictionaries.</b> Every dictionary term that was replaced (under its own type or
 * another detector's, and however short) is searched for as the {@link DictionaryDetector} matches it: case-insensitively, on
 * word boundaries, not inside tags or dictionary surrogates. Terms that were never seen in the input
 * are not searched for.
 */
public final class LeakGate {
  /** Types whose original values are searched for in the outputs. */
  public static final Set<String> GATED = Set.of(EntityTypes.EMAIL, EntityTypes.CREDIT_CARD,
      EntityTypes.IBAN, EntityTypes.US_SSN, EntityTypes.IP_ADDRESS, EntityTypes.SECRET,
      EntityTypes.URL_CREDENTIALS, EntityTypes.URL_SECRET_PARAM);
  static final int MAX_VALUES = 1_000_000;
  private static final int MIN_LENGTH = 6;

  /** One residual: where, and of which type; never the value. */
  public record Residual(String file, long line, String type) {
    @Override
    public String toString() {
      return file + ":" + line + " (" + type + ")";
    }
  }

  private final Map<String, String> typeByValue = new HashMap<>();
  private final SecretDetector secrets = new SecretDetector();
  /** Every dictionary term (folded) and its type; the first dictionary holding a term gives its type. */
  private final Map<String, String> dictionaryTerms = new HashMap<>();
  /** The replaced dictionary terms (folded) and their types. */
  private final Map<String, String> replacedTerms = new java.util.LinkedHashMap<>();
  private boolean partial;

  /** A gate for runs without organisation dictionaries. */
  public LeakGate() {
    this(List.of());
  }

  /** A gate that also searches for the replaced terms of {@code dictionaries}. */
  public LeakGate(List<TermDictionary> dictionaries) {
    requireNonNull(dictionaries, "dictionaries is null");
    for (TermDictionary d : dictionaries) {
      for (String t : d.terms()) {
        dictionaryTerms.putIfAbsent(t, d.type());
      }
    }
  }

  /** Remembers what one unit's redaction replaced. */
  public void remember(List<AuditPair> replaced) {
    for (AuditPair p : replaced) {
      // Whatever type won the span (a name detector may have taken "Jane Doe" as PERSON), a replaced
      // value that is a dictionary term is searched for as that term.
      String termType = dictionaryTerms.isEmpty() ? null : dictionaryTerms.get(TermDictionary.fold(p.original()));
      if (termType != null) {
        String term = TermDictionary.fold(p.original());
        if (!replacedTerms.containsKey(term)) {
          if (replacedTerms.size() >= MAX_VALUES) {
            partial = true;
          } else {
            replacedTerms.put(term, termType);
          }
        }
      }
      String value = p.original().strip();
      if (!GATED.contains(p.type()) || value.length() < MIN_LENGTH || value.equals(p.replacement().strip())) {
        continue;
      }
      if (typeByValue.size() >= MAX_VALUES && !typeByValue.containsKey(value)) {
        partial = true;
        continue;
      }
      typeByValue.putIfAbsent(value, p.type());
    }
  }

  public int values() {
    return typeByValue.size() + replacedTerms.size();
  }

  /** True when more distinct values were replaced than the gate holds. */
  public boolean partial() {
    return partial;
  }

  /** The residuals in {@code files}, paths relative to {@code root} (as they are reported). */
  public List<Residual> scan(Path root, List<String> files) throws IOException {
    requireNonNull(root, "root is null");
    Trie trie = typeByValue.isEmpty() ? null : Trie.builder().addKeywords(typeByValue.keySet()).build();
    DictionaryDetector terms = replacedTerms.isEmpty() ? null : termDetector();
    List<Residual> found = new ArrayList<>();
    for (String file : files) {
      try (BufferedReader r = Files.newBufferedReader(root.resolve(file), StandardCharsets.UTF_8)) {
        String line;
        long number = 0;
        while ((line = r.readLine()) != null) {
          number++;
          if (trie != null) {
            for (Emit e : trie.parseText(line)) {
              if (wholeToken(line, e.getStart(), e.getEnd() + 1)) {
                found.add(new Residual(file, number, typeByValue.get(e.getKeyword())));
              }
            }
          }
          if (terms != null) {
            for (Span t : terms.detect(line, ScanContext.FREE_TEXT)) {
              found.add(new Residual(file, number, t.type()));
            }
          }
          if (!secrets.detect(line, ScanContext.FREE_TEXT).isEmpty()) {
            found.add(new Residual(file, number, EntityTypes.SECRET));
          }
        }
      }
    }
    return found;
  }

  /** A detector for exactly the replaced dictionary terms, each with its type. */
  private DictionaryDetector termDetector() {
    Map<String, List<String>> byType = new java.util.TreeMap<>();
    replacedTerms.forEach((term, type) -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(term));
    List<TermDictionary> dictionaries = new ArrayList<>();
    byType.forEach((type, list) -> dictionaries.add(new TermDictionary(type, list, "replaced terms")));
    return new DictionaryDetector(dictionaries);
  }

  /**
   * True when {@code [start, end)} is a whole token: not glued to a letter, digit or address
   * character ({@code . _ % + -}) before it, nor to a letter, digit, {@code _ -} or a dot that continues
   * the token after it (a sentence's full stop is fine).
   */
  static boolean wholeToken(String line, int start, int end) {
    if (start > 0) {
      char before = line.charAt(start - 1);
      if (Character.isLetterOrDigit(before) || ".%_+-".indexOf(before) >= 0) {
        return false;
      }
    }
    if (end < line.length()) {
      char after = line.charAt(end);
      if (Character.isLetterOrDigit(after) || after == '_' || after == '-') {
        return false;
      }
      if (after == '.' && end + 1 < line.length() && Character.isLetterOrDigit(line.charAt(end + 1))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "LeakGate[" + typeByValue.size() + " values, " + replacedTerms.size() + " dictionary terms" + (partial ? ", partial" : "") + "]";
  }
}
