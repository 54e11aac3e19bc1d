package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import static java.util.Objects.requireNonNull;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Telephone numbers, in two tiers.
 *
 * <p>First a cheap scan finds phone-shaped runs: from a digit, {@code +} or {@code (} that does not
 * continue a word, a run of digits joined by at most two of {@code - . space ( ) /} in a row, with an
 * optional {@code x123} extension, holding 7 to 15 digits and not followed by a word character. A
 * text with fewer than 7 digits is not scanned at all.
 *
 * <p>Validated tier (score 0.95): libphonenumber accepts the run as a valid number, parsed against
 * the configured default region ({@code parse} + {@code isValidNumber} on the whole run, then
 * {@code findNumbers} with {@link Leniency#VALID} for long runs that may hold two numbers):
 * international {@code +CC} numbers of any country anywhere, and national numbers of the default
 * region without context.
 *
 * <p>Context tier (score 0.6): a run that libphonenumber does not accept (a national number of
 * another country, a fictional range) counts when a phone cue ({@code phone}, {@code tel},
 * {@code mobile}, {@code fax}, {@code desk}, {@code call me on}, {@code messages to}...) ends within 30
 * characters before it with no digit in between, when it is followed by a line label such as
 * {@code office}, {@code fax} or {@code mobile}, or when the JSON key names a phone field (0.7 then).
 *
 * <p>Never a phone number, in either tier: a run holding a date ({@code 2026-11-22},
 * {@code 22.11.2026}, so also timestamps), one followed by {@code :} and a digit (a clock time), one
 * that continues a hyphenated or dotted identifier ({@code INV-2026-000123}), dotted groups shaped
 * like a version or an IPv4 address (a one-digit group, or four groups of up to three digits), and
 * a run right after {@code version}, {@code v}, {@code release} or {@code build}.
 */
final class LegacyPhoneDetector implements Detector {
  static final String NAME = "rule-phone";
  static final String DEFAULT_REGION = "US";
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;
  private static final int CUE_WINDOW = 30;
  private static final String[] CUES_BEFORE = {"phone", "ph:", "ph.", "tel", "tel.", "telephone", "mobile",
      "mob", "cell", "cellphone", "fax", "desk", "landline", "hotline", "whatsapp", "sms",
      "text me", "call me", "call us", "call me at", "call me on", "reach me", "reach us", "contact",
      "dial", "messages to", "answering at", "registered", "phone number", "mobile number"};
  private static final String[] VERSION_WORDS = {"version", "ver", "v", "release", "build", "firmware", "fw"};
  private static final String[] CUES_AFTER = {"office", "fax", "mobile", "cell", "home", "work", "desk"};
  private static final Set<String> KEYS = Set.of("phone", "phonenumber", "phoneno", "telephone", "tel",
      "mobile", "mobilenumber", "mobilephone", "cell", "cellphone", "fax", "contactnumber",
      "contactphone", "homephone", "workphone", "msisdn");

  private final String region;
  private final boolean[] nationalLengths;

  LegacyPhoneDetector(String region) {
    requireNonNull(region, "region is null");
    if (!UTIL.getSupportedRegions().contains(region)) {
      throw new IllegalArgumentException("phone region must be an ISO 3166 code libphonenumber supports"
          + " (for example US, GB, DE), got " + region);
    }
    this.region = region;
    this.nationalLengths = nationalLengths(region);
  }

  /**
   * Which national significant number lengths the region's numbers can have, asked of libphonenumber
   * once per length, so that a run of the wrong length never pays for a parse.
   */
  private static boolean[] nationalLengths(String region) {
    boolean[] possible = new boolean[MAX_DIGITS + 2];
    int countryCode = UTIL.getCountryCodeForRegion(region);
    for (int len = 1; len < possible.length; len++) {
      PhoneNumber probe = new PhoneNumber().setCountryCode(countryCode).setNationalNumber((long) Math.pow(10, len - 1));
      possible[len] = UTIL.isPossibleNumberWithReason(probe) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
    }
    return possible;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    if (!LegacyChars.hasDigits(text, MIN_DIGITS)) {
      return List.of();
    }
    boolean keyHint = LegacyChars.keyIn(context, KEYS);
    List<Span> out = List.of();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!(LegacyChars.isDigit(c) || c == '+' || c == '(')) {
        i++;
        continue;
      }
      if (LegacyChars.wordCharAt(text, i - 1) || (i > 0 && text.charAt(i - 1) == '.' && LegacyChars.isDigit(c))
          || (i > 1 && "-./".indexOf(text.charAt(i - 1)) >= 0 && LegacyChars.isWordChar(text.charAt(i - 2)))) {
        i++;
        while (i < n && (LegacyChars.isWordChar(text.charAt(i)) || text.charAt(i) == '.')) {
          i++;
        }
        continue;
      }
      int start = i;
      int digits = 0;
      int end = i;
      int sepRun = 0;
      int j = i;
      while (j < n) {
        char d = text.charAt(j);
        if (LegacyChars.isDigit(d)) {
          digits++;
          j++;
          end = j;
          sepRun = 0;
        } else if (d == 'x' && j == end && digits >= MIN_DIGITS && j + 1 < n && LegacyChars.isDigit(text.charAt(j + 1))) {
          j++;
          while (j < n && LegacyChars.isDigit(text.charAt(j))) {
            j++;
          }
          end = j;
          break;
        } else if ((d == '-' || d == '.' || d == ' ' || d == '(' || d == ')' || d == '/' || (d == '+' && j == start))
            && sepRun < 2) {
          sepRun++;
          j++;
        } else {
          break;
        }
      }
      i = Math.max(j, start + 1);
      if (digits < MIN_DIGITS || digits > MAX_DIGITS || LegacyChars.wordCharAt(text, end)
          || (end < n && text.charAt(end) == ':' && end + 1 < n && LegacyChars.isDigit(text.charAt(end + 1)))
          || containsDate(text, start, end) || versionOrAddressShaped(text, start, end)
          || LegacyChars.afterWord(text, start, VERSION_WORDS)) {
        continue;
      }
      List<Span> found = validated(text, start, end, digits);
      if (found.isEmpty()) {
        int first = start;
        while (!LegacyChars.isDigit(text.charAt(first)) && text.charAt(first) != '+' && text.charAt(first) != '(') {
          first++;
        }
        boolean cue = keyHint || LegacyChars.cueBefore(text, first, CUE_WINDOW, CUES_BEFORE)
            || LegacyChars.cueAfter(text, end, 3, CUES_AFTER);
        if (cue) {
          found = List.of(new Span(first, end, EntityTypes.PHONE, keyHint ? 0.7 : 0.6, NAME));
        }
      }
      if (!found.isEmpty()) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.addAll(found);
      }
    }
    return out;
  }

  /**
   * Validated numbers in the run. The whole run is parsed first ({@code parse} + {@code isValidNumber},
   * about ten times cheaper than {@code findNumbers}, which most runs need not pay for); only a run
   * that fails and has room for two numbers (more than 10 digits) goes through {@code findNumbers}
   * with {@link Leniency#VALID}, which splits it.
   */
  private List<Span> validated(String text, int start, int end, int digits) {
    boolean international = text.charAt(start) == '+';
    // A national number may carry a one- or two-digit trunk prefix (0, 1, 06) before its significant digits.
    boolean lengthFits = international || nationalLengths[digits] || nationalLengths[digits - 1]
        || nationalLengths[digits - 2];
    if (!lengthFits && digits <= 10) {
      return List.of();
    }
    try {
      PhoneNumber number = UTIL.parse(text.subSequence(start, end), region);
      if (UTIL.isValidNumber(number)) {
        return List.of(new Span(start, end, EntityTypes.PHONE, 0.95, NAME));
      }
    } catch (NumberParseException e) {
      // Not a number in this region's terms; findNumbers or the context tier may still take it.
    }
    if (digits <= 10) {
      return List.of();
    }
    List<Span> spans = List.of();
    for (PhoneNumberMatch m : UTIL.findNumbers(text.subSequence(start, end), region, Leniency.VALID,
        Long.MAX_VALUE)) {
      if (spans.isEmpty()) {
        spans = new ArrayList<>(1);
      }
      spans.add(new Span(start + m.start(), start + m.end(), EntityTypes.PHONE, 0.95, NAME));
    }
    return spans;
  }

  /**
   * Whether the run holds a date: a 4-digit year, a separator, 1-2 digits, the same separator and
   * 1-2 digits ({@code 2026-11-22}), or the day-month-year order ({@code 22.11.2026}). Timestamps
   * such as {@code 2015-12-22 04} otherwise parse as valid US numbers.
   */
  static boolean containsDate(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!LegacyChars.isDigit(text.charAt(i)) || (i > start && LegacyChars.isDigit(text.charAt(i - 1)))) {
        continue;
      }
      int a = digitsFrom(text, i, end);
      int p = i + a;
      if (p + 1 >= end || !isDateSep(text.charAt(p))) {
        continue;
      }
      char sep = text.charAt(p);
      int b = digitsFrom(text, p + 1, end);
      int q = p + 1 + b;
      if (b == 0 || q >= end || text.charAt(q) != sep) {
        continue;
      }
      int c = digitsFrom(text, q + 1, end);
      if ((a == 4 && b <= 2 && c >= 1 && c <= 2) || (a <= 2 && b <= 2 && c == 4)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDateSep(char c) {
    return c == '-' || c == '/' || c == '.';
  }

  private static int digitsFrom(String text, int from, int end) {
    int i = from;
    while (i < end && LegacyChars.isDigit(text.charAt(i))) {
      i++;
    }
    return i - from;
  }

  /**
   * Dot-separated groups shaped like a version or an IPv4 address rather than a dotted phone number:
   * a one-digit group ({@code 124.0.6367.207}) or four groups of at most three digits.
   */
  static boolean versionOrAddressShaped(String text, int start, int end) {
    if (text.indexOf('.', start) < 0 || text.indexOf('.', start) >= end) {
      return false;
    }
    int groups = 0;
    int longest = 0;
    int len = 0;
    boolean single = false;
    for (int i = start; i <= end; i++) {
      if (i < end && LegacyChars.isDigit(text.charAt(i))) {
        len++;
      } else if (len > 0) {
        groups++;
        longest = Math.max(longest, len);
        single |= len == 1;
        len = 0;
      }
    }
    return single || (groups == 4 && longest <= 3);
  }
}
