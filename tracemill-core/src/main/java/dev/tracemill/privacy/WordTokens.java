package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One left-to-right pass that cuts a text into word and number tokens with their offsets, the way
 * {@link NameDetector} needs them: letters joined by an inner hyphen or apostrophe stay one word
 * ({@code O'Brien}, {@code Jean-Luc}), a possessive {@code 's} is left out ({@code Smith's} gives
 * {@code Smith}), and everything else (spaces, punctuation) only separates tokens; the detector reads
 * the separators back from the text when it needs them.
 */
final class WordTokens {
  /** A token {@code [start, end)}; {@code lower} is its lower-cased text, for lexicon look-ups. */
  record Token(int start, int end, String lower, boolean number, boolean capitalised, boolean allCaps,
      long innerCapitals) {
    int length() {
      return end - start;
    }

    /** Whether the character at {@code i} (below 64) of the token is a capital in the text. */
    boolean upperAt(int i) {
      return i < 64 && (innerCapitals & (1L << i)) != 0;
    }

    /** A single capital letter, as in {@code J. Smith} or {@code Szabina J Gelencsér}. */
    boolean initial() {
      return length() == 1 && capitalised;
    }
  }

  private WordTokens() {}

  static List<Token> of(String text) {
    List<Token> tokens = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        int start = i;
        i++;
        while (i < n) {
          char d = text.charAt(i);
          if (Character.isLetter(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
            i++;
          } else if (isJoiner(d) && i + 1 < n && Character.isLetter(text.charAt(i + 1)) && !possessive(text, i)) {
            i += 2;
          } else {
            break;
          }
        }
        tokens.add(word(text, start, i));
        if (i + 1 < n && isJoiner(text.charAt(i)) && possessive(text, i)) {
          i += 2; // the possessive 's is no word of its own
        }
      } else if (c >= '0' && c <= '9') {
        int start = i;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
          i++;
        }
        tokens.add(new Token(start, i, text.substring(start, i), true, false, false, 0));
      } else {
        i++;
      }
    }
    return tokens;
  }

  private static Token word(String text, int start, int end) {
    String raw = text.substring(start, end);
    boolean capitalised = Character.isUpperCase(raw.charAt(0));
    boolean allCaps = capitalised && raw.length() > 1 && raw.equals(raw.toUpperCase(Locale.ROOT));
    long capitals = 0;
    for (int i = 0; i < raw.length() && i < 64; i++) {
      if (Character.isUpperCase(raw.charAt(i))) {
        capitals |= 1L << i;
      }
    }
    return new Token(start, end, raw.toLowerCase(Locale.ROOT), false, capitalised, allCaps, capitals);
  }

  private static boolean isJoiner(char c) {
    return c == '-' || c == '\'' || c == '\u2019';
  }

  /** An apostrophe starting a trailing {@code 's}: the word ends before it. */
  private static boolean possessive(String text, int apostrophe) {
    if (text.charAt(apostrophe) == '-') {
      return false;
    }
    int after = apostrophe + 1;
    char s = text.charAt(after);
    return (s == 's' || s == 'S') && (after + 1 >= text.length() || !Character.isLetter(text.charAt(after + 1)));
  }
}
