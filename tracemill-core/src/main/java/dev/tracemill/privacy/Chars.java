package dev.tracemill.privacy;

import java.util.Locale;
import java.util.Set;

/**
 * Character tests and context look-ups shared by the rule detectors. Everything here works on the
 * scanned {@code String} in place (no copies, no regexes), because these checks run on every
 * candidate and the rule detectors must keep up with tens of megabytes per second.
 */
final class Chars {
  private Chars() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static final boolean[] ASCII_HEX = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_HEX[c] = isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
  }

  static boolean isHex(char c) {
    return c < 128 && ASCII_HEX[c];
  }

  /** {@link #isWordChar} for ASCII, looked up instead of asked of {@link Character} on every call. */
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_WORD[c] = c == '_' || Character.isLetterOrDigit(c);
    }
  }

  /** A letter or digit of any script, or an underscore: what continues an identifier or a word. */
  static boolean isWordChar(char c) {
    return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
  }

  static boolean wordCharAt(String text, int i) {
    return i >= 0 && i < text.length() && isWordChar(text.charAt(i));
  }

  static boolean hasDigit(String text) {
    return digitCount(text) > 0;
  }

  /** Whether {@code text} holds at least {@code min} ASCII digits. */
  static boolean hasDigits(String text, int min) {
    return digitCount(text) >= min;
  }

  /**
   * The last text counted on this thread and its count: the privacy stage runs every rule detector on
   * one text after another, and five of them first ask how many digits it holds, so the text is
   * counted once instead of five times. Holding one reference per thread keeps nothing alive that
   * its caller does not hold.
   */
  private static final ThreadLocal<Object[]> LAST_COUNT = ThreadLocal.withInitial(() -> new Object[2]);

  /** How many ASCII digits {@code text} holds. */
  static int digitCount(String text) {
    Object[] last = LAST_COUNT.get();
    if (last[0] == text) {
      return (Integer) last[1];
    }
    int count = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        count++;
      }
    }
    last[0] = text;
    last[1] = count;
    return count;
  }

  /**
   * A JSON key reduced to lower-case letters and digits ({@code "Date_Of-Birth"} becomes
   * {@code "dateofbirth"}), so that key hints compare spelling variants alike; null stays null.
   */
  static String normalizeKey(String key) {
    if (key == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  static boolean keyIn(ScanContext context, Set<String> normalizedKeys) {
    String key = context.jsonKey();
    return key != null && normalizedKeys.contains(normalizeKey(key));
  }

  /**
   * Whether one of {@code cues} (lower case) starts at {@code i} case-insensitively as a whole word: no
   * word character just before it, and none just after it unless the cue itself ends in a
   * non-word character.
   */
  static boolean cueAt(String text, int i, String cue) {
    if (!text.regionMatches(true, i, cue, 0, cue.length())) {
      return false;
    }
    if (wordCharAt(text, i - 1)) {
      return false;
    }
    int end = i + cue.length();
    return !isWordChar(cue.charAt(cue.length() - 1)) || !wordCharAt(text, end);
  }

  /**
   * Whether a cue ends within {@code window} characters before {@code pos}, with no digit between
   * the cue and {@code pos} (so that a cue names the nearest number after it, not one further on).
   */
  static boolean cueBefore(String text, int pos, int window, String[] cues) {
    int from = Math.max(0, pos - window);
    for (int i = pos - 1; i >= from; i--) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        return false;
      }
      for (String cue : cues) {
        int s = i - cue.length() + 1;
        if (s >= 0 && Character.toLowerCase(c) == cue.charAt(cue.length() - 1) && cueAt(text, s, cue)) {
          return true;
        }
      }
    }
    return false;
  }

  /** As {@link #cueBefore(String, int, int, String[])}, with the cues indexed once. */
  static boolean cueBefore(String text, int pos, int window, Cues cues) {
    int from = Math.max(0, pos - window);
    for (int i = pos - 1; i >= from; i--) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        return false;
      }
      char lower = Character.toLowerCase(c);
      if (lower >= 128) {
        continue;
      }
      String[] ending = cues.byLastChar[lower];
      if (ending == null) {
        continue;
      }
      for (String cue : ending) {
        int s = i - cue.length() + 1;
        if (s >= 0 && cueAt(text, s, cue)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Cue words (lower case ASCII) indexed by their last character, so that a backward scan compares a
   * character with the few cues that end in it instead of with all of them.
   */
  static final class Cues {
    final String[][] byLastChar = new String[128][];

    private Cues(String[] cues) {
      for (String cue : cues) {
        char last = cue.charAt(cue.length() - 1);
        if (last >= 128) {
          throw new IllegalArgumentException("cues must end in an ASCII character");
        }
        String[] old = byLastChar[last];
        String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
        grown[grown.length - 1] = cue;
        byLastChar[last] = grown;
      }
    }

    static Cues of(String[] cues) {
      return new Cues(cues);
    }
  }

  /**
   * Whether a cue starts within {@code window} characters after {@code pos}, with no digit between
   * {@code pos} and the cue.
   */
  static boolean cueAfter(String text, int pos, int window, String[] cues) {
    int to = Math.min(text.length(), pos + window);
    for (int i = pos; i < to; i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        return false;
      }
      for (String cue : cues) {
        if (Character.toLowerCase(c) == cue.charAt(0) && cueAt(text, i, cue)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the word just before {@code start} (skipping up to three spaces, colons, equals signs or
   * hyphens) is one of {@code words}, compared case-insensitively.
   */
  static boolean afterWord(String text, int start, String[] words) {
    int i = start - 1;
    while (i >= 0 && start - i <= 3 && " :=-".indexOf(text.charAt(i)) >= 0) {
      i--;
    }
    int wordEnd = i + 1;
    while (i >= 0 && isAsciiLetter(text.charAt(i))) {
      i--;
    }
    int wordStart = i + 1;
    if (wordStart == wordEnd || wordCharAt(text, i)) {
      return false;
    }
    for (String w : words) {
      if (w.length() == wordEnd - wordStart && text.regionMatches(true, wordStart, w, 0, w.length())) {
        return true;
      }
    }
    return false;
  }
}
