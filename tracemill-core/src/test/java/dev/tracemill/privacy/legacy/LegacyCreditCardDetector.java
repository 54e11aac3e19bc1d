package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Payment card numbers (PANs).
 *
 * <p>Rules: 12 to 19 digits that do not continue a word, a decimal number or a dashed identifier,
 * either contiguous or in groups of 3 to 6 digits joined by one consistent separator (a space or a
 * hyphen: {@code 4111 1111 1111 1111}, {@code 3782-822463-10005}). When trailing groups would spoil the
 * number ({@code 4111 1111 1111 1111 12 25}), the longest valid prefix of whole groups counts. A
 * number must pass the Luhn check and start with a known issuer prefix at a length that issuer uses:
 * Visa 4 (13, 16, 19), Mastercard 51-55 and 2221-2720 (16), Amex 34/37 (15), Diners 300-305/3095/36/38/39
 * (14-19), Discover 6011/644-649/65 (16-19), JCB 35 (16-19; JCB's own range is 3528-3589, but test-data generators such as Faker issue
 * the whole 35 range and no other network uses it) and 2131/1800 (15), UnionPay 62
 * (16-19), Mir 2200-2204 (16-19), Maestro 50/56-69 (12-19). Score 0.95, or 0.85 for 12 digits (only
 * Maestro issues those, and many identifiers have 12 digits). Luhn alone rejects 9 in 10 order numbers;
 * the prefix table rejects timestamps (epoch milliseconds start with 1). Under a card JSON key
 * ({@code card_number}, {@code cc}, {@code pan}) any Luhn-valid 12-19 digit value counts at 0.9.
 */
final class LegacyCreditCardDetector implements Detector {
  static final String NAME = "rule-credit-card";
  private static final int MIN = 12;
  private static final int MAX = 19;
  private static final Set<String> KEYS = Set.of("card", "cardnumber", "cardno", "cc", "ccnumber", "ccnum",
      "creditcard", "creditcardnumber", "debitcard", "pan", "paymentcard");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    if (!LegacyChars.hasDigits(text, MIN)) {
      return List.of();
    }
    boolean keyHint = LegacyChars.keyIn(context, KEYS);
    List<Span> out = List.of();
    int n = text.length();
    int i = 0;
    int[] groupEnds = new int[MAX + 1];
    while (i < n) {
      char c = text.charAt(i);
      if (!LegacyChars.isDigit(c)) {
        i++;
        continue;
      }
      if (i > 0 && blocksStart(text.charAt(i - 1))) {
        while (i < n && (LegacyChars.isWordChar(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '-')) {
          i++;
        }
        continue;
      }
      // Collect digit groups joined by one consistent separator.
      int groups = 0;
      char sep = 0;
      int j = i;
      int digits = 0;
      while (j < n && groups <= MAX) {
        int g = j;
        while (j < n && LegacyChars.isDigit(text.charAt(j))) {
          j++;
        }
        digits += j - g;
        groupEnds[groups++] = j;
        if (digits > MAX + 6 || j + 1 >= n) {
          break;
        }
        char s = text.charAt(j);
        if ((s == ' ' || s == '-') && (sep == 0 || sep == s) && LegacyChars.isDigit(text.charAt(j + 1))) {
          sep = s;
          j++;
        } else {
          break;
        }
      }
      int runEnd = groupEnds[groups - 1];
      Span span = bestPrefix(text, i, groupEnds, groups, sep, keyHint);
      if (span != null) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.add(span);
      }
      i = runEnd;
      while (i < n && (LegacyChars.isWordChar(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
    }
    return out;
  }

  private static boolean blocksStart(char before) {
    return LegacyChars.isWordChar(before) || before == '.' || before == '-' || before == ',' || before == '/';
  }

  private static Span bestPrefix(String text, int start, int[] groupEnds, int groups, char sep, boolean keyHint) {
    for (int g = groups; g >= 1; g--) {
      int end = groupEnds[g - 1];
      if (!endOk(text, end, g == groups)) {
        continue;
      }
      if (g > 1 && !groupsOk(start, groupEnds, g)) {
        continue;
      }
      int digits = end - start - (g - 1);
      if (digits < MIN || digits > MAX || !luhn(text, start, end)) {
        continue;
      }
      if (issuerAccepts(text, start, end, digits)) {
        return new Span(start, end, EntityTypes.CREDIT_CARD, digits == MIN ? 0.85 : 0.95, LegacyCreditCardDetector.NAME);
      }
      if (keyHint) {
        return new Span(start, end, EntityTypes.CREDIT_CARD, 0.9, LegacyCreditCardDetector.NAME);
      }
    }
    return null;
  }

  /** The run may end at a non-word character; a '.' or '-' after it must not lead on to more digits. */
  private static boolean endOk(String text, int end, boolean wholeRun) {
    if (end >= text.length()) {
      return true;
    }
    char after = text.charAt(end);
    if (LegacyChars.isWordChar(after)) {
      return false;
    }
    if ((after == '.' || after == ',' || after == '-') && end + 1 < text.length()
        && LegacyChars.isDigit(text.charAt(end + 1))) {
      return !wholeRun && after != '.' && after != ',';
    }
    return true;
  }

  private static boolean groupsOk(int start, int[] groupEnds, int groups) {
    int from = start;
    for (int g = 0; g < groups; g++) {
      int len = groupEnds[g] - from;
      if (len < 3 || len > 6) {
        return false;
      }
      from = groupEnds[g] + 1;
    }
    return true;
  }

  static boolean luhn(String text, int start, int end) {
    int sum = 0;
    boolean dbl = false;
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      if (!LegacyChars.isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** The first {@code count} digits of the number as an int, skipping separators. */
  private static int prefix(String text, int start, int count) {
    int v = 0;
    for (int i = start; count > 0; i++) {
      char c = text.charAt(i);
      if (LegacyChars.isDigit(c)) {
        v = v * 10 + (c - '0');
        count--;
      }
    }
    return v;
  }

  static boolean issuerAccepts(String text, int start, int end, int len) {
    int p1 = prefix(text, start, 1);
    int p2 = prefix(text, start, 2);
    int p3 = prefix(text, start, 3);
    int p4 = prefix(text, start, 4);
    if (p1 == 4) {
      return len == 13 || len == 16 || len == 19;
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return len == 16;
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15;
    }
    if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
      return len >= 14 && len <= 19;
    }
    if (p2 == 35) {
      return len >= 16 && len <= 19;
    }
    if (p4 == 2131 || p4 == 1800) {
      return len == 15;
    }
    if (p4 >= 2200 && p4 <= 2204) {
      return len >= 16 && len <= 19;
    }
    if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || p2 == 62) {
      return len >= 16 && len <= 19;
    }
    if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
      return len >= 12 && len <= 19;
    }
    return false;
  }
}
