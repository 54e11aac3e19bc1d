package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: a date is only reported when something says it is a birth date, because dates
 * alone (timestamps, release dates, deadlines) are everywhere and identify no one.
 *
 * <p>Date shapes: ISO {@code 1985-03-14} and {@code 1985/03/14}; numeric day and month in either order
 * with {@code /}, {@code .} or {@code -} and a 2- or 4-digit year ({@code 03/14/1985},
 * {@code 14.03.1985}); month names, full or abbreviated ({@code March 14, 1985}, {@code 14 March 1985},
 * {@code 14th of Mar 1985}). Months 1-12, days 1-31, 4-digit years 1900-2099.
 *
 * <p>Context: a cue ({@code born}, {@code date of birth}, {@code DOB}, {@code D.O.B.},
 * {@code birthday}, {@code birth date}, {@code birthdate}, {@code b.}) with the date starting within
 * 40 characters after the cue, or ending within 40 characters before it; score 0.85. A JSON key that
 * names a birth date ({@code dob}, {@code date_of_birth}, {@code birth_date}, {@code birthdate},
 * {@code birthday}) makes every date in the value one, at 0.9. A text without a digit or a cue costs
 * one pass of character comparisons and no regex.
 */
final class DateOfBirthDetector implements Detector {
  static final String NAME = "rule-date-of-birth";
  private static final int WINDOW = 40;
  private static final int MAX_DATE = 24;
  private static final String[] CUES = {"born", "date of birth", "dob", "d.o.b", "birthday", "birth date",
      "birthdate", "birth-date", "b."};
  private static final Set<String> KEYS = Set.of("dob", "dateofbirth", "birthdate", "birthday", "birthdt",
      "dobdate", "bday");
  private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
      + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final Pattern DATE = Pattern.compile(
      "(?<![\\w.\\-/])(?:"
          + "(?<iy>(?:19|20)\\d\\d)[-/](?<im>\\d{1,2})[-/](?<id>\\d{1,2})"
          + "|(?<na>\\d{1,2})(?<ns>[/.\\-])(?<nb>\\d{1,2})\\k<ns>(?<ny>(?:19|20)\\d\\d|\\d\\d)"
          + "|" + MONTH + "\\s+(?<md>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<my>(?:19|20)\\d\\d)"
          + "|(?<dd>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + ",?\\s+(?<dy>(?:19|20)\\d\\d)"
          + ")(?![\\w\\-/]|\\.\\d)",
      Pattern.CASE_INSENSITIVE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    if (!Chars.hasDigit(text)) {
      return List.of();
    }
    if (Chars.keyIn(context, KEYS)) {
      List<Span> out = new ArrayList<>();
      Matcher m = DATE.matcher(text);
      while (m.find()) {
        if (valid(m)) {
          out.add(new Span(m.start(), m.end(), EntityTypes.DATE_OF_BIRTH, 0.9, NAME));
        }
      }
      return out;
    }
    List<Span> out = List.of();
    Matcher m = null;
    int n = text.length();
    int lastEnd = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      // Every cue must start a word (see Chars.cueAt): a b or d inside a word starts none.
      int folded = c | 0x20; // 'b' for b and B, 'd' for d and D, and for no other character
      if (folded != 'b' && folded != 'd' || Chars.wordCharAt(text, i - 1)) {
        continue;
      }
      String cue = cueAt(text, i);
      if (cue == null) {
        continue;
      }
      if (m == null) {
        m = DATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      int cueEnd = i + cue.length();
      Span found = null;
      m.region(cueEnd, Math.min(n, cueEnd + WINDOW + MAX_DATE));
      while (m.find() && m.start() <= cueEnd + WINDOW) {
        if (valid(m) && m.start() >= lastEnd) {
          found = new Span(m.start(), m.end(), EntityTypes.DATE_OF_BIRTH, 0.85, NAME);
          break;
        }
      }
      if (found == null) {
        m.region(Math.max(lastEnd, i - WINDOW - MAX_DATE), i);
        while (m.find()) {
          if (valid(m) && m.end() >= i - WINDOW) {
            found = new Span(m.start(), m.end(), EntityTypes.DATE_OF_BIRTH, 0.85, NAME);
          }
        }
      }
      if (found != null) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.add(found);
        lastEnd = found.end();
        i = Math.max(i, found.end() - 1);
      } else {
        i = cueEnd - 1;
      }
    }
    return out;
  }

  private static String cueAt(String text, int i) {
    for (String cue : CUES) {
      if (Chars.cueAt(text, i, cue)) {
        return cue;
      }
    }
    return null;
  }

  private static boolean valid(Matcher m) {
    if (m.group("iy") != null) {
      return month(m.group("im")) && day(m.group("id"));
    }
    if (m.group("na") != null) {
      int a = Integer.parseInt(m.group("na"));
      int b = Integer.parseInt(m.group("nb"));
      return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
    }
    String d = m.group("md") != null ? m.group("md") : m.group("dd");
    return day(d);
  }

  private static boolean month(String s) {
    int v = Integer.parseInt(s);
    return v >= 1 && v <= 12;
  }

  private static boolean day(String s) {
    int v = Integer.parseInt(s);
    return v >= 1 && v <= 31;
  }
}
