package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * Credentials in a URL's authority: the {@code user:password} of {@code scheme://user:password@host}
 * (score 0.95). The authority runs from {@code ://} to the first {@code /}, {@code ?}, {@code #},
 * whitespace, quote or bracket; its user info ends at the last {@code @} in it. A user info without a
 * colon is reported only when it is at least 20 characters long with no dot, the shape of a token used
 * as the user name ({@code https://TOKEN@github.com}), at 0.7; a plain {@code ssh://git@host} is not.
 * An empty password ({@code user:@host}) is not a credential; an empty user with a password
 * ({@code redis://:password@host}) is.
 */
final class LegacyUrlCredentialsDetector implements Detector {
  static final String NAME = "rule-url-credentials";
  private static final int TOKEN_USER_MIN = 20;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    int p = text.indexOf("://");
    if (p < 0) {
      return List.of();
    }
    List<Span> out = List.of();
    int n = text.length();
    while (p >= 0) {
      int start = p + 3;
      int end = start;
      int lastAt = -1;
      int colon = -1;
      while (end < n) {
        char c = text.charAt(end);
        if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<'
            || c == '>' || c == '`' || c == '\\') {
          break;
        }
        if (c == '@') {
          lastAt = end;
        }
        end++;
      }
      if (lastAt > start) {
        for (int i = start; i < lastAt; i++) {
          if (text.charAt(i) == ':') {
            colon = i;
            break;
          }
        }
        double score = 0;
        if (colon >= start && colon + 1 < lastAt) {
          score = 0.95;
        } else if (colon < 0 && lastAt - start >= TOKEN_USER_MIN && text.lastIndexOf('.', lastAt) < start) {
          score = 0.7;
        }
        if (score > 0) {
          if (out.isEmpty()) {
            out = new ArrayList<>();
          }
          out.add(new Span(start, lastAt, EntityTypes.URL_CREDENTIALS, score, NAME));
        }
      }
      p = text.indexOf("://", Math.max(end, p + 3));
    }
    return out;
  }
}
