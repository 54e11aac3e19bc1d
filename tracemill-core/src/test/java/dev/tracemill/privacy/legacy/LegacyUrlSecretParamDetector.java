package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The value of a secret-bearing query parameter: {@code ?token=VALUE}, {@code &api_key=VALUE},
 * {@code &X-Amz-Signature=VALUE} (score 0.95). A parameter is a name after {@code ?}, {@code &} or
 * {@code ;}, then {@code =}; names compare case-insensitively against a fixed list of credential
 * names (tokens, keys, signatures, secrets, passwords, AWS/GCS signed-URL fields, Azure SAS
 * {@code sig}). The value runs to the next {@code &}, {@code #}, whitespace, quote or bracket and
 * must be non-empty; only the value is reported, so the redacted URL keeps its shape.
 */
final class LegacyUrlSecretParamDetector implements Detector {
  static final String NAME = "rule-url-secret-param";
  static final Set<String> NAMES = Set.of("token", "access_token", "refresh_token", "id_token", "auth_token",
      "session_token", "private_token", "api_key", "apikey", "api-key", "key", "sig", "signature", "secret",
      "client_secret", "password", "passwd", "pwd", "pass", "auth", "jwt", "x-amz-signature",
      "x-amz-credential", "x-amz-security-token", "x-goog-signature", "x-goog-credential", "awsaccesskeyid",
      "sessionid", "session_id", "code_verifier");
  private static final int MAX_NAME = 24;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    int eq = text.indexOf('=');
    if (eq < 0 || (text.indexOf('?') < 0 && text.indexOf('&') < 0 && text.indexOf(';') < 0)) {
      return List.of();
    }
    List<Span> out = List.of();
    int n = text.length();
    while (eq >= 0) {
      int nameStart = eq;
      while (nameStart > 0 && eq - nameStart <= MAX_NAME && nameChar(text.charAt(nameStart - 1))) {
        nameStart--;
      }
      int next = text.indexOf('=', eq + 1);
      if (nameStart > 0 && nameStart < eq && eq - nameStart <= MAX_NAME) {
        char before = text.charAt(nameStart - 1);
        if ((before == '?' || before == '&' || before == ';')
            && NAMES.contains(text.substring(nameStart, eq).toLowerCase(Locale.ROOT))) {
          int end = eq + 1;
          while (end < n && valueChar(text.charAt(end))) {
            end++;
          }
          if (text.startsWith("[REDACTED]", eq + 1)) {
            end = eq + 1; // already masked: "[REDACTED" is no secret
          }
          if (end > eq + 1) {
            if (out.isEmpty()) {
              out = new ArrayList<>();
            }
            out.add(new Span(eq + 1, end, EntityTypes.URL_SECRET_PARAM, 0.95, NAME));
            next = text.indexOf('=', end);
          }
        }
      }
      eq = next;
    }
    return out;
  }

  private static boolean nameChar(char c) {
    return LegacyChars.isAsciiLetter(c) || LegacyChars.isDigit(c) || c == '_' || c == '-' || c == '.';
  }

  private static boolean valueChar(char c) {
    return !(c == '&' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>'
        || c == '`' || c == ')' || c == ']' || c == '}' || c == '\\' || c == ',');
  }
}
