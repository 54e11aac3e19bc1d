package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Entity linking for person surrogates within one unit: {@code Jane Doe}, then {@code Jane}, then
 * {@code Ms. Doe} read as one person after redaction ({@code Maya Rossi}, {@code Maya}, {@code Ms. Rossi}).
 *
 * <p>How: a name is cut into words; in a name of two or more words the last is the family name and the
 * others are given names; a lone word is a family name when this unit has seen it as one, or else when
 * the name lexicons know it as a surname and not as a given name; otherwise it is a given name. Each
 * word gets its own surrogate word, seeded by {@code PERSON:given:<word>} or {@code PERSON:family:<word>}
 * under the context's key, so a given name maps to the same surrogate wherever it occurs, in whatever
 * order the mentions come, and with a corpus key across units too. Two different words of one role
 * never share a surrogate word within a unit while the lists allow (up to {@link RedactionContext#ATTEMPTS}
 * seeds are tried), so distinct people stay distinct. Titles ({@code Ms.}, {@code Dr}) and lower-case
 * particles ({@code van}, {@code de}) are kept; an initial becomes the initial of the surrogate of the
 * given name it abbreviates when the unit has one starting with it, else a letter drawn from its seed.
 *
 * <p>For the {@link RedactionStyle#TAG} style, {@link #canonical} maps a lone word to the full name this
 * unit saw it in ({@code Jane} after {@code Jane Doe}), so both get one tag number; this one depends on
 * order (the full name must come first). One instance per {@link RedactionContext}; not thread-safe.
 */
final class PersonLinks {
  /** Titles and suffixes a person's surrogate keeps as they are; no name of its own. */
  static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam",
      "mister", "doctor", "professor", "dame", "lady", "lord", "rev", "fr", "sr", "jr", "st");
  private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "del", "della", "di", "da",
      "du", "dos", "das", "do", "la", "le", "ter", "ten", "bin", "binti", "ibn", "al", "el", "y", "zu", "af");
  private static final String LETTERS = "ABCDEFGHIJKLMNOPRSTVW";

  private final Map<String, String> given = new HashMap<>();
  private final Map<String, String> family = new HashMap<>();
  private final Map<String, String> givenOwners = new HashMap<>();
  private final Map<String, String> familyOwners = new HashMap<>();
  private final Map<String, String> fullNames = new HashMap<>();

  /** The surrogate of the person name {@code original}, each word seeded through {@code ctx}. */
  String surrogate(String original, RedactionContext ctx) {
    List<String> parts = split(original);
    List<Integer> words = wordIndexes(parts);
    register(parts, words);
    StringBuilder out = new StringBuilder(original.length());
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (i % 2 == 1 || !words.contains(i)) {
        out.append(i % 2 == 0 && initial(part) ? initialOf(part, ctx) : part);
        continue;
      }
      boolean isFamily = words.size() > 1 ? words.get(words.size() - 1) == i : loneIsFamily(core(part));
      out.append(word(part, isFamily, ctx));
    }
    return out.toString();
  }

  /**
   * The form under which {@code original} counts as one entity for tags: a lone given or family name
   * seen earlier in a full name of this unit maps to that full name's normalised form.
   */
  String canonical(String original) {
    List<String> parts = split(original);
    List<Integer> words = wordIndexes(parts);
    register(parts, words);
    if (words.size() == 1) {
      String full = fullNames.get(core(parts.get(words.get(0))));
      if (full != null) {
        return full;
      }
    }
    if (words.size() >= 2) {
      StringBuilder full = new StringBuilder();
      for (int i : words) {
        full.append(full.length() == 0 ? "" : " ").append(core(parts.get(i)));
      }
      return full.toString();
    }
    return Surrogates.normalise(EntityTypes.PERSON, original);
  }

  /** Remembers the roles and the full name of a name of two or more words. */
  private void register(List<String> parts, List<Integer> words) {
    if (words.size() < 2) {
      return;
    }
    StringBuilder full = new StringBuilder();
    for (int i : words) {
      full.append(full.length() == 0 ? "" : " ").append(core(parts.get(i)));
    }
    String name = full.toString();
    for (int k = 0; k < words.size(); k++) {
      String w = core(parts.get(words.get(k)));
      fullNames.putIfAbsent(w, name);
      if (k == words.size() - 1) {
        family.putIfAbsent(w, null);
      } else {
        given.putIfAbsent(w, null);
      }
    }
  }

  private boolean loneIsFamily(String w) {
    if (family.containsKey(w) != given.containsKey(w)) {
      return family.containsKey(w);
    }
    NameLexicons lexicons = NameLexicons.builtIn();
    return lexicons.surnames().contains(w) && !lexicons.firstNames().contains(w);
  }

  private String word(String part, boolean isFamily, RedactionContext ctx) {
    String w = core(part);
    Map<String, String> known = isFamily ? family : given;
    Map<String, String> owners = isFamily ? familyOwners : givenOwners;
    String chosen = known.get(w);
    if (chosen == null) {
      String material = "PERSON:" + (isFamily ? "family:" : "given:") + w;
      chosen = Surrogates.personWord(part, isFamily, ctx.seed(material)).toLowerCase(Locale.ROOT);
      for (int attempt = 1; attempt < RedactionContext.ATTEMPTS; attempt++) {
        String owner = owners.get(chosen);
        if (owner == null || owner.equals(w)) {
          break;
        }
        chosen = Surrogates.personWord(part, isFamily, ctx.seed(material + "#" + attempt)).toLowerCase(Locale.ROOT);
      }
      known.put(w, chosen);
      owners.putIfAbsent(chosen, w);
    }
    int s = 0;
    int e = part.length();
    while (s < e && !Character.isLetter(part.charAt(s))) {
      s++;
    }
    while (e > s && !Character.isLetter(part.charAt(e - 1))) {
      e--;
    }
    return part.substring(0, s) + withCaseOf(chosen, part.substring(s, e)) + part.substring(e);
  }

  /** The initial of a given name's surrogate when this unit has a given name with that initial. */
  private String initialOf(String part, RedactionContext ctx) {
    char letter = Character.toLowerCase(part.charAt(0));
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(given).entrySet()) {
      if (e.getValue() != null && !e.getKey().isEmpty() && e.getKey().charAt(0) == letter) {
        return Character.toUpperCase(e.getValue().charAt(0)) + part.substring(1);
      }
    }
    long seed = ctx.seed("PERSON:initial:" + letter);
    char c = LETTERS.charAt((int) Math.floorMod(seed, (long) LETTERS.length()));
    return (Character.isUpperCase(part.charAt(0)) ? c : Character.toLowerCase(c)) + part.substring(1);
  }

  /** {@code word} (lower case) in the capitalisation of {@code like}. */
  private static String withCaseOf(String word, String like) {
    if (like.length() > 1 && like.equals(like.toUpperCase(Locale.ROOT)) && !like.equals(like.toLowerCase(Locale.ROOT))) {
      return word.toUpperCase(Locale.ROOT);
    }
    if (like.equals(like.toLowerCase(Locale.ROOT))) {
      return word;
    }
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** Alternating words and separators: even indexes are words (with their punctuation), odd are blanks. */
  private static List<String> split(String original) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    int n = original.length();
    StringBuilder lead = new StringBuilder();
    while (i < n && Character.isWhitespace(original.charAt(i))) {
      lead.append(original.charAt(i++));
    }
    while (i < n) {
      int start = i;
      while (i < n && !Character.isWhitespace(original.charAt(i))) {
        i++;
      }
      parts.add(original.substring(start, i));
      int gap = i;
      while (i < n && Character.isWhitespace(original.charAt(i))) {
        i++;
      }
      if (i > gap) {
        parts.add(original.substring(gap, i));
      }
    }
    if (lead.length() > 0) {
      if (parts.isEmpty()) {
        parts.add("");
      }
      parts.set(0, lead + parts.get(0));
    }
    return parts;
  }

  /** The indexes of the parts that are name words: not titles, particles, initials or punctuation. */
  private static List<Integer> wordIndexes(List<String> parts) {
    List<Integer> words = new ArrayList<>();
    for (int i = 0; i < parts.size(); i += 2) {
      String c = core(parts.get(i));
      if (c.length() < 2 || TITLES.contains(c) || (PARTICLES.contains(c) && Character.isLowerCase(parts.get(i).strip().charAt(0)))) {
        continue;
      }
      words.add(i);
    }
    return words;
  }

  private static boolean initial(String part) {
    String c = core(part);
    return c.length() == 1 && Character.isLetter(part.strip().charAt(0));
  }

  /** The lower-cased letters of a word, without surrounding punctuation ({@code "Doe,"} gives {@code doe}). */
  private static String core(String part) {
    int s = 0;
    int e = part.length();
    while (s < e && !Character.isLetter(part.charAt(s))) {
      s++;
    }
    while (e > s && !Character.isLetter(part.charAt(e - 1))) {
      e--;
    }
    return part.substring(s, e).toLowerCase(Locale.ROOT);
  }
}
