package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the secret table: a rule is only run where one of its {@code keywords} occurs (the
 * {@link LegacySecretDetector} finds them all in one Aho-Corasick pass, ignoring case), and then only over a
 * window of {@code before} characters before and {@code after} characters after each hit. The window
 * must be wide enough to hold any whole match that contains the keyword; the finder reports the span
 * of the secret value only, never of the keyword that led to it.
 */
record LegacySecretRule(String id, String provider, List<String> keywords, int before, int after, double score,
    Finder finder) {

  LegacySecretRule {
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
    requireNonNull(pattern, "pattern is null");
    requireNonNull(check, "check is null");
    return (text, from, to, sink) -> {
      Matcher m = pattern.matcher(text);
      m.region(from, to);
      m.useTransparentBounds(true);
      m.useAnchoringBounds(false);
      while (m.find()) {
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
    };
  }

  @Override
  public String toString() {
    return id + "(" + provider + ")";
  }
}
