package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import dev.tracemill.segment.LongHashSet;
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
 * ({@code a@b.example.ne} inside {@code a@b.example.net}) is a different value. Values are held in memory
 * only, at most {@value #MAX_VALUES} (past that the gate is partial and says so).
 *
 * <p><b>People, places, organisations</b> are searched per unit ({@link #rememberNames}): the names a
 * unit's redaction searched for everywhere in the unit may not stand in that unit's rows, as whole tokens
 * with their case; each row's unit is the {@code "id"} of the meta sidecar's row of the same number. Not
 * across units: a first name replaced in one unit can be an ordinary word in another. Dates of birth are
 * not searched.
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
  /** Per name type, hashes of (unit id, value) of the names searched for in that unit. */
  private final Map<String, LongHashSet> namesByType = new java.util.LinkedHashMap<>();

  {
    for (String type : List.of(EntityTypes.PERSON, EntityTypes.LOCATION, EntityTypes.ORGANIZATION)) {
      namesByType.put(type, new LongHashSet());
    }
  }

  /** Hashes of the first word of every such name, unit aside: most words need no look-up of longer spans. */
  private final LongHashSet firstWords = new LongHashSet();
  private long namesHeld;
  private static final long FIRST_WORD = 0x9E3779B97F4A7C15L;
  /** The most words of a name looked for in a row. */
  private static final int MAX_NAME_WORDS = 8;

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

  /**
   * Remembers the people, places and organisations that one unit's redaction searched for everywhere in
   * the unit ({@link PrivacyStage.Outcome#swept()}): none may be left in that unit's rows. They are held as
   * 64-bit hashes of unit id and value, never as text.
   */
  public void rememberNames(String unitId, Map<String, String> swept) {
    requireNonNull(unitId, "unitId is null");
    for (Map.Entry<String, String> e : swept.entrySet()) {
      LongHashSet set = namesByType.get(e.getValue());
      if (set == null) {
        continue;
      }
      if (namesHeld >= MAX_VALUES) {
        partial = true;
        return;
      }
      String value = e.getKey();
      if (set.add(hash(hash(unitId), value, 0, value.length()))) {
        namesHeld++;
      }
      WordTokens.Token first = WordTokens.of(value).get(0);
      firstWords.add(hash(FIRST_WORD, value, first.start(), first.end()));
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
    return typeByValue.size() + replacedTerms.size() + (int) Math.min(Integer.MAX_VALUE, namesHeld);
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
      // each row's unit id: its own "id" in a meta sidecar, the sidecar's line of the same number otherwise
      boolean sidecar = file.endsWith(".meta.jsonl");
      Path meta = sidecar ? null : root.resolve(file.substring(0, file.length() - ".jsonl".length()) + ".meta.jsonl");
      try (BufferedReader r = Files.newBufferedReader(root.resolve(file), StandardCharsets.UTF_8);
          BufferedReader ids = namesHeld == 0 || sidecar || !Files.exists(meta) ? null
              : Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
        String line;
        long number = 0;
        while ((line = r.readLine()) != null) {
          number++;
          String unitId = namesHeld == 0 ? null : unitId(sidecar ? line : ids == null ? null : ids.readLine());
          if (unitId != null) {
            String type = name(line, unitId);
            if (type != null) {
              found.add(new Residual(file, number, type));
            }
          }
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

  /** The {@code "id"} a tag sidecar row opens with, or null. */
  private static String unitId(String metaLine) {
    if (metaLine == null || !metaLine.startsWith("{\"id\":\"")) {
      return null;
    }
    int end = metaLine.indexOf('"', 7);
    return end < 0 ? null : metaLine.substring(7, end);
  }

  /**
   * The type of a name searched for in unit {@code unitId} that {@code line} still holds as a whole token
   * (one to {@value #MAX_NAME_WORDS} words from a word that opens such a name), or null.
   */
  private String name(String line, String unitId) {
    List<WordTokens.Token> tokens = WordTokens.of(line);
    long unit = hash(unitId);
    for (int k = 0; k < tokens.size(); k++) {
      WordTokens.Token t = tokens.get(k);
      if (!firstWords.contains(hash(FIRST_WORD, line, t.start(), t.end()))) {
        continue;
      }
      for (int n = k; n < tokens.size() && n < k + MAX_NAME_WORDS; n++) {
        int end = tokens.get(n).end();
        for (int e = end; e <= Math.min(line.length(), end + 1); e++) { // "Acme Corp." keeps its full stop
          if (!wholeToken(line, t.start(), e)) {
            continue;
          }
          long h = hash(unit, line, t.start(), e);
          for (Map.Entry<String, LongHashSet> byType : namesByType.entrySet()) {
            if (byType.getValue().contains(h)) {
              return byType.getKey();
            }
          }
        }
      }
    }
    return null;
  }

  private static long hash(String s) {
    return hash(0xCBF29CE484222325L, s, 0, s.length());
  }

  /** FNV-1a over {@code s[from, to)}, continuing from {@code seed}. */
  private static long hash(long seed, String s, int from, int to) {
    long h = seed;
    for (int i = from; i < to; i++) {
      h ^= s.charAt(i);
      h *= 0x100000001B3L;
    }
    return h;
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
