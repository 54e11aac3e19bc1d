package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * US social security numbers.
 *
 * <p>Rules: nine digits as area-group-serial with valid ranges (area not 000, 666 or 900-999; group
 * not 00; serial not 0000), not continuing a word, a decimal or a dashed identifier. The dashed form
 * {@code AAA-GG-SSSS} counts anywhere (score 0.85, or 0.95 next to a cue); the spaced
 * ({@code AAA GG SSSS}) and bare ({@code AAAGGSSSS}) forms only when a cue ({@code ssn}, {@code ss#},
 * {@code social security}, {@code social sec}) ends within 40 characters before them with no digit in
 * between (0.9), or when the JSON key names an SSN field (0.95). Since 2011 areas are assigned at
 * random, so the ranges are all the validation there is.
 */
final class UsSsnDetector implements Detector {
  static final String NAME = "rule-us-ssn";
  private static final String[] CUES = {"ssn", "ssn#", "ss#", "ssn:", "social security", "social sec",
      "social-security", "socialsecurity"};
  private static final Chars.Cues CUES_INDEX = Chars.Cues.of(CUES);
  private static final Set<String> KEYS = Set.of("ssn", "ssnnumber", "socialsecurity", "socialsecuritynumber",
      "socialsecurityno", "ussn", "usssn", "taxpayerssn");
  private static final int CUE_WINDOW = 40;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    if (!Chars.hasDigits(text, 9)) {
      return List.of();
    }
    boolean keyHint = Chars.keyIn(context, KEYS);
    List<Span> out = List.of();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Chars.isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      if (i > 0 && blocks(text.charAt(i - 1))) {
        while (i < n && (Chars.isWordChar(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '-')) {
          i++;
        }
        continue;
      }
      int end = -1;
      char sep = 0;
      if (digitsAt(text, i, 3) && i + 3 < n) {
        char s = text.charAt(i + 3);
        if ((s == '-' || s == ' ') && digitsAt(text, i + 4, 2) && i + 6 < n && text.charAt(i + 6) == s
            && digitsAt(text, i + 7, 4)) {
          end = i + 11;
          sep = s;
        } else if (digitsAt(text, i, 9)) {
          end = i + 9;
        }
      }
      if (end > 0 && !continues(text, end) && validRanges(text, i, sep == 0 ? 0 : 1)) {
        boolean cue = Chars.cueBefore(text, i, CUE_WINDOW, CUES_INDEX);
        double score;
        if (keyHint) {
          score = 0.95;
        } else if (sep == '-') {
          score = cue ? 0.95 : 0.85;
        } else {
          score = cue ? 0.9 : 0;
        }
        if (score > 0) {
          if (out.isEmpty()) {
            out = new ArrayList<>();
          }
          out.add(new Span(i, end, EntityTypes.US_SSN, score, NAME));
        }
      }
      while (i < n && (Chars.isWordChar(text.charAt(i)) || text.charAt(i) == '-')) {
        i++;
      }
    }
    return out;
  }

  private static boolean blocks(char before) {
    return Chars.isWordChar(before) || before == '.' || before == '-' || before == ',' || before == '/';
  }

  private static boolean continues(String text, int end) {
    if (end >= text.length()) {
      return false;
    }
    char c = text.charAt(end);
    if (Chars.isWordChar(c)) {
      return true;
    }
    return (c == '-' || c == '.' || c == '/' || c == ':') && end + 1 < text.length()
        && Chars.isDigit(text.charAt(end + 1));
  }

  private static boolean digitsAt(String text, int from, int count) {
    if (from + count > text.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (!Chars.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Area, group and serial ranges; {@code gap} is 1 when the parts are separated, else 0. */
  static boolean validRanges(String text, int start, int gap) {
    int area = number(text, start, 3);
    int group = number(text, start + 3 + gap, 2);
    int serial = number(text, start + 5 + 2 * gap, 4);
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  private static int number(String text, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (text.charAt(i) - '0');
    }
    return v;
  }
}
