package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the secret table: a rule is only run where one of its {@code keywords} occurs (the
 * {@link SecretDetector} finds them all in one Aho-Corasick pass, ignoring case), and then only over a
 * window of {@code before} characters before and {@code after} characters after each hit. The window
 * must be wide enough to hold any whole match that contains the keyword; the finder reports the span
 * of the secret value only, never of the keyword that led to it.
 */
record SecretRule(String id, String provider, List<String> keywords, int before, int after, double score,
    Finder finder) {

  SecretRule {
    requireNonNull(id, "id is null");
    requireNonNull(provider, "provider is null");
    keywords = List.copyOf(keywords);
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has no keyword, so the prefilter would never run it");
    }
    if (before < 0 || after < 0) {
      throw new IllegalArgumentException("rule " + id + ": window sizes must be >= 0");
    }
    if (!(score > 0 && score <= 1)) {
      throw new IllegalArgumentException("rule " + id + ": score must be in (0, 1], got " + score);
    }
    requireNonNull(finder, "finder is null");
  }

  /**
   * Finds secret values whose match lies within {@code [from, to)} of {@code text} (a finder that
   * anchors on a name in the window may read the value after it; see the generic rule).
   */
  @FunctionalInterface
  interface Finder {
    void find(String text, int from, int to, Sink sink);
  }

  @FunctionalInterface
  interface Sink {
    void accept(int start, int end);
  }

  /** The span is the first capturing group that took part in the match, or the whole match if none. */
  static final int FIRST_GROUP = -1;

  /**
   * A finder that runs {@code pattern} over the window (lookarounds may see past it) and reports
   * {@code group} of each match whose value passes {@code check}.
   */
  static Finder regex(Pattern pattern, int group, Predicate<String> check) {
    return regex(pattern, null, group, check);
  }

  /**
   * As {@link #regex(Pattern, int, Predicate)}, for a pattern whose every match starts with one of the
   * characters of {@code starts} (null: any character). The pattern is then only tried, anchored, at
   * those characters, instead of at every position of the window as {@link Matcher#find()} does: the
   * same matches (find reports the leftmost match and goes on from its end; so does this), found
   * several times faster where the pattern opens with a lookbehind or a case-insensitive group, which
   * keep {@code java.util.regex} from skipping ahead on its own.
   */
  static Finder regex(Pattern pattern, String starts, int group, Predicate<String> check) {
    requireNonNull(pattern, "pattern is null");
    requireNonNull(check, "check is null");
    boolean[] start = starts == null ? null : new boolean[128];
    if (starts != null) {
      for (char c : starts.toCharArray()) {
        if (c >= 128) {
          throw new IllegalArgumentException("start characters must be ASCII");
        }
        start[c] = true;
      }
    }
    return (text, from, to, sink) -> {
      Matcher m = null;
      if (start == null) {
        m = pattern.matcher(text);
        m.region(from, to);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        while (m.find()) {
          report(m, group, check, text, sink);
        }
        return;
      }
      int p = from;
      while (p < to) {
        char c = text.charAt(p);
        if (c >= 128 || !start[c]) {
          p++;
          continue;
        }
        if (m == null) {
          m = pattern.matcher(text);
          m.useTransparentBounds(true);
          m.useAnchoringBounds(false);
        }
        m.region(p, to);
        if (m.lookingAt()) {
          report(m, group, check, text, sink);
          p = m.end() > p ? m.end() : p + 1;
        } else {
          p++;
        }
      }
    };
  }

  private static void report(Matcher m, int group, Predicate<String> check, String text, Sink sink) {
    int g = group;
    if (g == FIRST_GROUP) {
      g = 0;
      for (int i = 1; i <= m.groupCount(); i++) {
        if (m.start(i) >= 0) {
          g = i;
          break;
        }
      }
    }
    int start = m.start(g);
    int end = m.end(g);
    if (start >= 0 && end > start && check.test(text.substring(start, end))) {
      sink.accept(start, end);
    }
  }

  @Override
  public String toString() {
    return id + "(" + provider + ")";
  }
}
