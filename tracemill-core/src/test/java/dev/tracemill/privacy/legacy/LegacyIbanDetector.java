package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * International bank account numbers.
 *
 * <p>Rules: at the start of a token, two letters of a country in the IBAN registry, two check digits,
 * then the BBAN, written compact or in groups of four separated by single spaces
 * ({@code GB82 WEST 1234 5698 7654 32}); all letters in one case. The number must have exactly its
 * country's registered length, must not run on into a word character, and must pass the ISO 7064
 * mod-97 check (remainder 1), which a random string passes once in 97 tries. Score 0.98.
 */
final class LegacyIbanDetector implements Detector {
  static final String NAME = "rule-iban";
  private static final int MIN_LENGTH = 15;

  /** IBAN lengths per country, from the SWIFT IBAN registry. */
  private static final Map<String, Integer> LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
      Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
      Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
      Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
      Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
      Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
      Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
      Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
      Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32),
      Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25),
      Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
      Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
      Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
      Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33),
      Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
      Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
      Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24),
      Map.entry("XK", 20), Map.entry("YE", 30));

  @Override
  public String name() {
    return NAME;
  }

  static Integer registeredLength(char a, char b) {
    return LENGTHS.get(new String(new char[] {Character.toUpperCase(a), Character.toUpperCase(b)}));
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    int n = text.length();
    if (n < MIN_LENGTH || !LegacyChars.hasDigit(text)) {
      return List.of();
    }
    List<Span> out = List.of();
    for (int i = 0; i + 4 <= n; i++) {
      char a = text.charAt(i);
      if (!LegacyChars.isAsciiLetter(a) || LegacyChars.wordCharAt(text, i - 1)) {
        continue;
      }
      char b = text.charAt(i + 1);
      if (!LegacyChars.isAsciiLetter(b) || !LegacyChars.isDigit(text.charAt(i + 2)) || !LegacyChars.isDigit(text.charAt(i + 3))) {
        continue;
      }
      boolean upper = Character.isUpperCase(a);
      if (Character.isUpperCase(b) != upper) {
        continue;
      }
      Integer length = registeredLength(a, b);
      if (length == null) {
        continue;
      }
      int end = scan(text, i, length, upper);
      if (end > 0 && mod97(text, i, end) == 1) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.add(new Span(i, end, EntityTypes.IBAN, 0.98, NAME));
        i = end - 1;
      }
    }
    return out;
  }

  /**
   * The end of an IBAN of {@code length} characters starting at {@code start}, compact or grouped by
   * fours, or -1. Letters must be in the case of the country code.
   */
  private static int scan(String text, int start, int length, boolean upper) {
    int n = text.length();
    int count = 0;
    int i = start;
    boolean grouped = i + 4 < n && text.charAt(i + 4) == ' ';
    while (count < length) {
      if (i >= n) {
        return -1;
      }
      char c = text.charAt(i);
      if (grouped && count > 0 && count % 4 == 0) {
        if (c != ' ') {
          return -1;
        }
        i++;
        if (i >= n) {
          return -1;
        }
        c = text.charAt(i);
      }
      if (LegacyChars.isDigit(c) || (LegacyChars.isAsciiLetter(c) && Character.isUpperCase(c) == upper)) {
        count++;
        i++;
      } else {
        return -1;
      }
    }
    return LegacyChars.wordCharAt(text, i) ? -1 : i;
  }

  /** The ISO 7064 mod-97 remainder of the IBAN in {@code [start, end)}, spaces skipped. */
  static int mod97(String text, int start, int end) {
    int r = 0;
    for (int pass = 0; pass < 2; pass++) {
      int from = pass == 0 ? start + 4 : start;
      int to = pass == 0 ? end : start + 4;
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (c == ' ') {
          continue;
        }
        if (LegacyChars.isDigit(c)) {
          r = (r * 10 + (c - '0')) % 97;
        } else {
          int v = Character.toUpperCase(c) - 'A' + 10;
          r = (r * 100 + v) % 97;
        }
      }
    }
    return r;
  }
}
