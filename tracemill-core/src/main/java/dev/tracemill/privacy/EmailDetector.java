package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * E-mail addresses, found from each {@code @} outwards rather than by a regex over the whole text
 * (a text without {@code @} costs one {@code indexOf}).
 *
 * <p>Rules: a local part of {@code A-Z a-z 0-9 . _ % + -} (not ending with a dot, no {@code ..};
 * leading dots belong to the text before: "today.jane@example.com"), then a domain of at least two
 * dot-separated labels of letters, digits and inner hyphens, the last one (the TLD) 2 to 24 letters. The address must not sit inside a longer token: the
 * character before it must not be a word character, {@code /} or {@code :} (those make it part of a
 * URL's {@code user:password@host}, which {@link UrlCredentialsDetector} reports), except after
 * {@code mailto:}; nor may another {@code @} or word character follow it. Score 0.95. When the
 * {@link ScanContext#jsonKey() JSON key} names an e-mail field ({@code email}, {@code e_mail},
 * {@code from}, {@code to}...), an address without a TLD ({@code ops@localhost}) is accepted at 0.8.
 */
final class EmailDetector implements Detector {
  static final String NAME = "rule-email";
  private static final Set<String> KEYS = Set.of("email", "emailaddress", "mail", "email1", "useremail",
      "customeremail", "contactemail", "from", "to", "cc", "bcc", "replyto", "sender", "recipient");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    int at = text.indexOf('@');
    if (at < 0) {
      return List.of();
    }
    boolean keyHint = Chars.keyIn(context, KEYS);
    List<Span> out = List.of();
    int n = text.length();
    int searchFrom = 0;
    while (at >= 0) {
      int start = at;
      while (start > searchFrom && isLocalChar(text.charAt(start - 1))) {
        start--;
      }
      // A full stop before the address ends the sentence before it: "...today.jane@example.com".
      while (start < at && text.charAt(start) == '.') {
        start++;
      }
      int end = at + 1;
      while (end < n && isDomainChar(text.charAt(end))) {
        end++;
      }
      // A sentence full stop or a trailing hyphen is not part of the domain.
      while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
        end--;
      }
      int next = text.indexOf('@', at + 1);
      if (start < at && end > at + 1 && localOk(text, start, at) && boundaryOk(text, start, end)) {
        double score = domainScore(text, at + 1, end, keyHint);
        if (score > 0) {
          if (out.isEmpty()) {
            out = new ArrayList<>();
          }
          out.add(new Span(start, end, EntityTypes.EMAIL, score, NAME));
          searchFrom = end;
          next = next >= 0 && next < end ? text.indexOf('@', end) : next;
        }
      }
      at = next;
    }
    return out;
  }

  private static boolean isLocalChar(char c) {
    return Chars.isAsciiLetter(c) || Chars.isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+'
        || c == '-';
  }

  private static boolean isDomainChar(char c) {
    return Chars.isAsciiLetter(c) || Chars.isDigit(c) || c == '.' || c == '-';
  }

  private static boolean localOk(String text, int start, int at) {
    if (text.charAt(start) == '.' || text.charAt(at - 1) == '.') {
      return false;
    }
    for (int i = start + 1; i < at; i++) {
      if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean boundaryOk(String text, int start, int end) {
    if (start > 0) {
      char before = text.charAt(start - 1);
      if (before == ':' && start >= 7 && text.regionMatches(true, start - 7, "mailto:", 0, 7)) {
        // mailto:someone@example.com is an address
      } else if (Chars.isWordChar(before) || before == '/' || before == ':' || before == '@') {
        return false;
      }
    }
    if (end < text.length()) {
      char after = text.charAt(end);
      return after != '@' && !Chars.isWordChar(after);
    }
    return true;
  }

  /** 0.95 for a domain with a valid TLD, 0.8 for a dot-less host under an e-mail key, else 0. */
  private static double domainScore(String text, int from, int to, boolean keyHint) {
    int labelStart = from;
    int labels = 0;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '.') {
        if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
          return 0;
        }
        labels++;
        if (i < to) {
          labelStart = i + 1;
        }
      }
    }
    int tldLength = to - labelStart;
    boolean tldLetters = tldLength >= 2 && tldLength <= 24;
    for (int i = labelStart; i < to && tldLetters; i++) {
      tldLetters = Chars.isAsciiLetter(text.charAt(i));
    }
    if (labels >= 2 && tldLetters) {
      return 0.95;
    }
    return keyHint && labels == 1 ? 0.8 : 0;
  }
}
