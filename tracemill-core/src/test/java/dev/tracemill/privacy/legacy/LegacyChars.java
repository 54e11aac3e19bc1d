package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import java.util.Locale;
import java.util.Set;

/**
 * Character tests and context look-ups shared by the rule detectors. Everything here works on the
 * scanned {@code String} in place (no copies, no regexes), because these checks run on every
 * candidate and the rule detectors must keep up with tens of megabytes per second.
 */
final class LegacyChars {
  private LegacyChars() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A letter or digit of any script, or an underscore: what continues an identifier or a word. */
  static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  static boolean wordCharAt(String text, int i) {
    return i >= 0 && i < text.length() && isWordChar(text.charAt(i));
  }

  static boolean hasDigit(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} holds at least {@code min} ASCII digits, stopping as soon as it does. */
  static boolean hasDigits(String text, int min) {
    int count = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      if (isDigit(text.charAt(i)) && ++count >= min) {
        return true;
      }
    }
    return false;
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
