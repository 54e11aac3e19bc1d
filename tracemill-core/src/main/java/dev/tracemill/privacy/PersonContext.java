package dev.tracemill.privacy;

import dev.tracemill.privacy.WordTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * Context around a candidate person name that {@link NameDetector} weighs besides its cue phrases: the
 * signs of a street address around it (a house number before or after it, a street word after it), the
 * shape of a vocative ({@code Warrane, can I ...}, {@code ... leave me, Mette!}) and, for a lone known
 * name, a verb or possessive after it ({@code Kaczmarek was}, {@code Meza's song}). Stateless.
 */
final class PersonContext {
  /** Words after a capitalised run that make it part of a street name ({@code Zachary Cliffs}, {@code Eriksson Bridge}). */
  private static final Set<String> STREET_WORDS = Set.of("route", "cove", "coves", "flat", "flats", "cliff",
      "cliffs", "creek", "park", "parks", "union", "point", "points", "hill", "hills", "bridge", "bridges", "lodge",
      "island", "islands", "estate", "estates", "gardens", "garden", "grove", "groves", "heights", "meadow",
      "meadows", "mill", "mills", "ridge", "ridges", "springs", "spring", "station", "valley", "valleys", "view",
      "views", "village", "villages", "ville", "well", "wells", "crossing", "cape", "port", "harbor", "harbour",
      "junction", "manor", "mount", "mountain", "orchard", "pass", "pine", "pines", "plains", "prairie", "ranch",
      "shoal", "shoals", "shore", "shores", "summit", "turnpike", "vista", "walk", "walks", "fort", "ford", "fords",
      "forge", "forges", "glen", "glens", "haven", "isle", "knoll", "knolls", "lake", "lakes", "landing", "loop",
      "mall", "motorway", "oval", "overpass", "pike", "plaza", "radial", "ramp", "rest", "row", "run", "skyway",
      "spur", "stravenue", "stream", "throughway", "trace", "track", "trafficway", "tunnel", "underpass", "viaduct",
      "burg", "burgs", "bypass", "camp", "canyon", "causeway", "center", "centre", "common", "commons", "corner",
      "corners", "crest", "curve", "dale", "dam", "divide", "expressway", "extension", "fall", "falls", "ferry",
      "field", "fields", "freeway", "gateway", "green", "greens", "hollow", "inlet", "keys", "light", "lights",
      "locks", "mews", "neck", "parkway", "path", "rapids", "roads", "squares", "streets", "terrace", "trail",
      "way", "ways", "str", "gate", "str.", "u", "utca", "út", "útja", "tér", "vej", "gade", "katu", "tie", "gatan",
      "vägen", "veien", "vegen", "weg", "straat", "laan", "plein", "strasse", "straße", "gasse", "ulica");


  /** Words that follow a vocative at the start of a sentence: {@code Kuba, can I ...}. */
  private static final Set<String> AFTER_VOCATIVE = Set.of("can", "could", "would", "will", "please", "i", "you",
      "do", "did", "are", "is", "have", "what", "where", "when", "how", "why", "thanks", "thank", "listen", "look",
      "remember", "tell", "let", "we", "let's", "it's", "this", "that", "don't", "hi", "hello", "sorry", "yes",
      "no", "ok", "okay", "welcome", "meet", "come", "go", "wait", "stop", "help", "say");

  /** Verbs that, after a lone known name, say a person acts ({@code Kaczmarek was influenced}). */
  private static final Set<String> WEAK_VERBS_AFTER = Set.of("was", "is", "has", "had", "and", "who", "will",
      "would", "could", "can", "did", "does", "got", "gets", "went", "goes", "made", "makes", "took", "gave");

  /** Phrases after a name that say a person acts or comes from somewhere. */
  private static final java.util.List<String> HUMAN_AFTER = java.util.List.of(" is from", " was born", " said",
      " says", " told", " asked", " replied", " smiled", " laughed", " whispered", " listed his", " listed her",
      " married", " and his wife", " and her husband");

  private static final double HUMAN = 0.25;
  private static final double ADDRESS = -0.4;
  private static final double VOCATIVE = 0.25;
  private static final double KNOWN_VOCATIVE = 0.35;
  private static final double VERB = 0.15;

  private PersonContext() {}

  /**
   * The score to add to the candidate of tokens {@code from..to}: negative beside an address, positive
   * for a vocative or, where {@code knownSingle} (one word from the name lexicons), a verb after it.
   */
  static double around(String text, List<Token> tokens, int from, int to, boolean knownSingle, boolean knownLast,
      boolean lastNoSurname) {
    double score = 0;
    Token first = tokens.get(from);
    Token last = tokens.get(to);
    if (lastNoSurname && STREET_WORDS.contains(last.lower())) {
      score += ADDRESS; // "Victoria Creek", "Eriksson Bridge": a street named after someone
    }
    // a house number before it ("3565 Πλατεία", "Box 149 Monika Union") or a street word or number after it
    if (from > 0 && tokens.get(from - 1).number() && NameDetector.joinedBySpace(text, tokens.get(from - 1), first)) {
      score += ADDRESS;
    } else if (to + 1 < tokens.size() && sameLine(text, last, tokens.get(to + 1))) {
      Token next = tokens.get(to + 1);
      String gap = NameDetector.between(text, last, next);
      if (next.number() && next.length() <= 5 && gap.equals(" ") && !phoneLike(text, next)) {
        score += ADDRESS;
      } else if (!next.number() && STREET_WORDS.contains(next.lower()) && (gap.equals(" ") || gap.equals(". "))
          && (next.capitalised() || next.length() <= 3)) {
        score += ADDRESS;
      }
    }
    if (vocative(text, tokens, from, to)) {
      score += knownLast ? KNOWN_VOCATIVE : VOCATIVE;
    }
    if (humanAfter(text, last.end())) {
      score += HUMAN;
    }
    if (knownSingle && to + 1 < tokens.size()) {
      Token next = tokens.get(to + 1);
      String gap = NameDetector.between(text, last, next);
      if ((gap.equals(" ") && WEAK_VERBS_AFTER.contains(next.lower())) || possessive(text, last.end())) {
        score += VERB;
      }
    }
    return score;
  }

  /** Whether a phrase only a person takes follows at {@code at}: {@code Dzhambek is from}, {@code Csonka said}. */
  private static boolean humanAfter(String text, int at) {
    String after = text.substring(at, Math.min(text.length(), at + 16)).toLowerCase(java.util.Locale.ROOT);
    for (String p : HUMAN_AFTER) {
      if (after.startsWith(p) && (after.length() == p.length() || !Character.isLetter(after.charAt(p.length())))) {
        return true;
      }
    }
    return false;
  }

  /** {@code Name, can I ...} at the start of a sentence, or {@code ..., Name!} / {@code ..., Name?} at its end. */
  private static boolean vocative(String text, List<Token> tokens, int from, int to) {
    Token last = tokens.get(to);
    if (to + 1 < tokens.size() && NameDetector.sentenceStart(text, tokens, from)
        && NameDetector.gap(text, last, tokens.get(to + 1), ", ")
        && AFTER_VOCATIVE.contains(tokens.get(to + 1).lower())) {
      return true;
    }
    if (from == 0 || !NameDetector.gap(text, tokens.get(from - 1), tokens.get(from), ", ")) {
      return false;
    }
    int end = last.end();
    if (end >= text.length() || "!?.".indexOf(text.charAt(end)) < 0) {
      return false;
    }
    return end + 1 >= text.length() || Character.isWhitespace(text.charAt(end + 1)) || text.charAt(end + 1) == '"';
  }

  /** {@code 's} or {@code ’s} then a space at {@code at}: {@code Meza's song}. */
  private static boolean possessive(String text, int at) {
    return at + 2 < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '\u2019')
        && text.charAt(at + 1) == 's' && text.charAt(at + 2) == ' ';
  }

  private static boolean sameLine(String text, Token a, Token b) {
    return NameDetector.between(text, a, b).indexOf('\n') < 0;
  }

  /** A number followed by more digit groups on its line, as in a phone number ({@code 0494 92 82 32}). */
  private static boolean phoneLike(String text, Token number) {
    int i = number.end();
    int digits = 0;
    while (i < text.length() && i < number.end() + 12 && text.charAt(i) != '\n') {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c != ' ' && c != '-' && c != '.') {
        break;
      }
      i++;
    }
    return digits >= 4;
  }
}
