package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import static dev.tracemill.privacy.legacy.LegacySecretRule.FIRST_GROUP;
import static dev.tracemill.privacy.legacy.LegacySecretRule.regex;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in secret table. Token shapes were learnt from the providers' documented prefixes and the
 * gitleaks rule sources and fixtures ({@code cmd/generate/config/rules/*.go}); the rules here are our
 * own. Each provider rule matches a distinctive prefix, so its keyword is that prefix; the context
 * rules (AWS secret keys, passwords, generic tokens) key on the name the value is assigned to. A check
 * after the regex throws out placeholders and low-entropy bodies.
 */
final class LegacySecretRules {
  /** Characters that continue a token: a match must not start or end inside a longer token. */
  private static final String L = "(?<![A-Za-z0-9_-])";
  private static final String R = "(?![A-Za-z0-9_-])";

  private LegacySecretRules() {}

  static List<LegacySecretRule> defaults() {
    return List.of(
        // OpenAI: project, service-account and admin keys (sk-proj-, sk-svcacct-, sk-admin-) carry the
        // T3BlbkFJ marker (base64 of "OpenAI") mid-key; legacy user keys are sk- + 48 alphanumerics.
        rule("openai-project-key", "openai", 0.99, 1, 260, List.of("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-none-"),
            L + "sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}" + R, 0,
            v -> LegacySecretValues.random(v, 3.5)),
        rule("openai-legacy-key", "openai", 0.99, 1, 52, List.of("sk-"),
            L + "sk-(?:[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})" + R, 0,
            v -> LegacySecretValues.random(v, 3.5)),
        // Anthropic: sk-ant-api03- / sk-ant-admin01- + 93 characters + "AA".
        rule("anthropic-api-key", "anthropic", 0.99, 1, 130, List.of("sk-ant-api"),
            L + "sk-ant-api\\d\\d-[A-Za-z0-9_-]{86,100}AA" + R, 0, v -> LegacySecretValues.random(v, 3.5)),
        rule("anthropic-admin-key", "anthropic", 0.99, 1, 130, List.of("sk-ant-admin"),
            L + "sk-ant-admin\\d\\d-[A-Za-z0-9_-]{86,100}AA" + R, 0, v -> LegacySecretValues.random(v, 3.5)),
        // AWS access key ids: a four-letter type prefix and 16 upper-case base32 characters. AWS's
        // documentation example ends in EXAMPLE; DNA and shouting text fail the entropy check.
        rule("aws-access-key-id", "aws", 0.95, 1, 20, List.of("akia", "asia", "abia", "acca", "a3t"),
            "(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])", 0,
            v -> !v.contains("EXAMPLE") && LegacySecretValues.random(v, 3.0)),
        // AWS secret access keys are 40 base64 characters with no prefix: only next to their name.
        rule("aws-secret-access-key", "aws", 0.9, 30, 110,
            List.of("secret_access_key", "secretaccesskey", "secret-access-key", "secret access key", "aws_secret",
                "aws-secret", "aws secret"),
            "(?i:secret[_ -]?access[_ -]?key|aws[_ -]secret)[A-Za-z0-9_-]*[^\\n]{0,30}?"
                + "(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", 1,
            v -> !v.contains("EXAMPLE") && LegacySecretValues.classes(v) >= 2 && LegacySecretValues.random(v, 4.0)),
        // Amazon Bedrock long-lived API keys: ABSK + base64 of "BedrockAPIKey-...", a prefix distinctive
        // enough to need no entropy check.
        rule("aws-bedrock-api-key", "aws", 0.99, 1, 280, List.of("absk"),
            "(?<![A-Za-z0-9+/])ABSK[A-Za-z0-9+/]{109,269}={0,2}(?![A-Za-z0-9+/=])", 0,
            v -> v.startsWith("ABSKQmVkcm9ja0FQSUtleS")),
        // GitHub: classic tokens (ghp_ personal, gho_ OAuth, ghu_/ghs_ app, ghr_ refresh) and
        // fine-grained personal access tokens (github_pat_).
        rule("github-token", "github", 0.99, 1, 260, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            "(?<![A-Za-z0-9_])gh[pousr]_([A-Za-z0-9]{36,251})(?![A-Za-z0-9_])", 0,
            v -> LegacySecretValues.random(v.substring(4), 3.5)),
        rule("github-fine-grained-pat", "github", 0.99, 1, 260, List.of("github_pat_"),
            "(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{80,250}(?![A-Za-z0-9_])", 0,
            v -> LegacySecretValues.random(v.substring(11), 3.5)),
        // GitLab: glpat- personal, gldt- deploy, glrt- runner (incl. routable glrt-t1_...), glptt- trigger,
        // glft- feed, glimt- incoming mail, glsoat- SCIM, glcbt- CI job, gloas- OAuth app secret, glagent-,
        // glffct- feature flags client; and legacy GR1348941 runner registration tokens.
        rule("gitlab-token", "gitlab", 0.99, 1, 320,
            List.of("glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glimt-", "glsoat-", "glcbt-", "gloas-", "glagent-",
                "glffct-"),
            L + "gl(?:pat|dt|rt|ptt|ft|imt|soat|cbt|oas|agent|ffct)-[A-Za-z0-9_.-]{20,300}" + R, 0,
            v -> LegacySecretValues.random(v.substring(v.indexOf('-') + 1), 3.0)),
        rule("gitlab-runner-registration-token", "gitlab", 0.99, 1, 80, List.of("gr1348941"),
            L + "GR1348941[A-Za-z0-9_-]{20,64}" + R, 0, v -> LegacySecretValues.random(v.substring(9), 3.0)),
        // Slack: bot (xoxb-), user (xoxp-/xoxe-), legacy workspace (xoxa-/xoxr-), legacy (xoxo-/xoxs-),
        // configuration (xoxe.xoxp-) and app-level (xapp-) tokens.
        rule("slack-token", "slack", 0.99, 1, 200,
            List.of("xoxb-", "xoxp-", "xoxe-", "xoxa-", "xoxr-", "xoxo-", "xoxs-", "xoxe.", "xapp-"),
            L + "(?:xoxb-[0-9]{8,14}-[A-Za-z0-9-]{18,}" + "|xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34}"
                + "|xox[ar]-(?:\\d-)?[0-9A-Za-z-]{8,48}" + "|xox[os]-\\d+-\\d+-\\d+-[A-Fa-f0-9]+"
                + "|xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{140,180}" + "|xoxe-\\d-[A-Za-z0-9]{120,160}"
                + "|xapp-\\d-[A-Za-z0-9]+-\\d+-[A-Za-z0-9]+)" + R, 0,
            v -> LegacySecretValues.random(v.substring(5), 3.0)),
        // Slack incoming webhooks and workflow triggers: the path after the host is the secret.
        rule("slack-webhook-url", "slack", 0.99, 1, 140, List.of("hooks.slack.com"),
            "hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/_-]{20,120})", 1,
            v -> LegacySecretValues.random(v, 3.0)),
        // Stripe secret and restricted keys (publishable pk_ keys are public by design) and webhook
        // signing secrets.
        rule("stripe-key", "stripe", 0.99, 1, 260,
            List.of("sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_", "whsec_"),
            "(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9+/=]{32,100})"
                + "(?![A-Za-z0-9_])", 0,
            v -> LegacySecretValues.random(v.substring(v.lastIndexOf('_') + 1), 3.0)),
        // Google: API keys (AIza + 35), OAuth access tokens (ya29.), OAuth client secrets (GOCSPX-).
        rule("google-api-key", "google", 0.97, 1, 40, List.of("aiza"),
            L + "AIza[A-Za-z0-9_-]{35}" + R, 0, v -> LegacySecretValues.random(v.substring(4), 3.5)),
        rule("google-oauth-token", "google", 0.97, 1, 2100, List.of("ya29."),
            L + "ya29\\.[A-Za-z0-9_-]{20,2048}" + R, 0, v -> LegacySecretValues.random(v.substring(5), 3.5)),
        rule("google-oauth-client-secret", "google", 0.99, 1, 40, List.of("gocspx-"),
            L + "GOCSPX-[A-Za-z0-9_-]{28}" + R, 0, v -> LegacySecretValues.random(v.substring(7), 3.0)),
        // Azure AD (Entra ID) client secrets: three characters, a digit, "Q~", then 31-34 characters.
        rule("azure-ad-client-secret", "azure", 0.95, 5, 40, List.of("q~"),
            "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])", 0,
            v -> LegacySecretValues.random(v.substring(6), 3.0)),
        // Azure storage / Service Bus connection strings: the key after AccountKey= or SharedAccessKey=.
        rule("azure-storage-key", "azure", 0.99, 1, 110, List.of("accountkey=", "sharedaccesskey="),
            "(?i:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{40,86}={0,2})(?![A-Za-z0-9+/=])", 1,
            v -> LegacySecretValues.random(v, 3.5)),
        // Hugging Face user access tokens (hf_ + 34 letters) and legacy organisation tokens (api_org_).
        rule("huggingface-token", "huggingface", 0.97, 1, 50, List.of("hf_", "api_org_"),
            "(?<![A-Za-z0-9_])(?:hf_[A-Za-z]{34,40}|api_org_[A-Za-z]{34})(?![A-Za-z0-9_])", 0,
            v -> {
              String body = v.substring(v.startsWith("hf_") ? 3 : 8);
              return LegacySecretValues.random(body, 3.5) && upper(body) >= 4 && upper(body) <= body.length() - 4;
            }),
        // npm access tokens: npm_ + 36 alphanumerics.
        rule("npm-token", "npm", 0.99, 1, 44, List.of("npm_"),
            "(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])", 0,
            v -> LegacySecretValues.random(v.substring(4), 3.5)),
        // JSON Web Tokens: header and payload are base64url JSON objects, so both start with eyJ.
        rule("jwt", "jwt", 0.95, 1, 8192, List.of("eyj"),
            L + "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}" + R, 0, v -> true),
        // PEM and PGP private key blocks, header to footer; a block cut off before its footer is covered
        // as far as its base64 body runs. The body may sit in a JSON string with \n escapes.
        new LegacySecretRule("private-key", "private-key", List.of("private key-----", "private key block-----"), 60,
            PemFinder.MAX_BLOCK, 0.99, new PemFinder()),
        // Passwords in URLs and connection strings: scheme://user:PASSWORD@host.
        rule("connection-string-password", "connection-string", 0.95, 1, 400, List.of("://"),
            "(?<=[A-Za-z0-9])://(?:[^\\s:/?#@\"'<>\\[\\]{}]{0,128}):([^\\s/?#@\"'<>]{1,256})@(?=[A-Za-z0-9\\[])", 1,
            v -> LegacySecretValues.passwordValue(v, true)),
        // Password assignments: password=, passwd:, pwd=, "password": "...", Password=...; (ADO/JDBC),
        // DB_PASSWORD=... (env), in JSON (also with escaped quotes inside a JSON string), YAML and code. A bare
        // "pass" is English ("You shall not pass: ..."), so it counts only as a suffix (SMTP_PASS) or quoted.
        rule("password-assignment", "password", 0.85, 1, 230,
            List.of("password", "passwd", "pwd", "passphrase", "pass"),
            "(?i)(?:password|passwd|pwd|passphrase|(?<=[a-z0-9][_.-])pass|(?<=[\"'])pass)"
                + "(?:\\\\?[\"'])?\\s*(?::=|=>|=|:)\\s*"
                + "(?:\\\\\"([^\"\\\\\\n]{1,200})\\\\\"|\"([^\"\\n]{1,200})\"|'([^'\\n]{1,200})'"
                + "|([^\\s\"'\\\\,;&(){}\\[\\]<>]{1,200}+)(?![(]))", FIRST_GROUP,
            v -> LegacySecretValues.passwordValue(v, false)),
        // curl -u user:password / --user user:password.
        rule("cli-basic-auth", "http-auth", 0.9, 8, 300, List.of("-u ", "--user "),
            "(?:(?<=\\s)-u|--user)\\s+[\"']?(?:[^\\s\"':]*)[\"']?:[\"']?([^\\s\"']{3,200})", 1,
            v -> LegacySecretValues.passwordValue(v, true)),
        // An HTTP Authorization header value (any scheme): always a credential.
        rule("http-authorization", "http-auth", 0.9, 1, 1100, List.of("authorization"),
            "(?i:authorization)[\"']?\\s*[:=]\\s*[\"']?(?:(?i:bearer|basic|token|api-token|digest|negotiate)\\s+)?"
                + "([A-Za-z0-9+/=_~.:@!-]{8,1024}+)", 1,
            v -> !LegacySecretValues.isPlaceholder(v) && LegacySecretValues.classes(v) >= 2
                && LegacySecretValues.entropy(v) >= 2.5),
        new LegacySecretRule("generic-secret", "generic", GenericSecretFinder.KEYWORDS, 0, GenericSecretFinder.NAME_WINDOW, 0.7,
            new GenericSecretFinder()));
  }

  private static LegacySecretRule rule(String id, String provider, double score, int before, int after,
      List<String> keywords, String pattern, int group, Predicate<String> check) {
    return new LegacySecretRule(id, provider, keywords, before, after, score,
        regex(Pattern.compile(pattern), group, check));
  }

  private static int upper(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += Character.isUpperCase(s.charAt(i)) ? 1 : 0;
    }
    return n;
  }

  /**
   * PEM and PGP private key blocks, from the BEGIN line through the END line; a block cut off before
   * its END line (a truncated log) is covered as far as its base64 body runs. The body may sit in a JSON
   * string with {@code \\n} escapes. Done in code rather than one regex because a lazy search for the
   * footer across a 20 kB body would recurse once per character in java.util.regex.
   */
  static final class PemFinder implements LegacySecretRule.Finder {
    static final int MAX_BLOCK = 20_000;
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern END = Pattern.compile("-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern ARMOUR = Pattern.compile("-----(?:BEGIN|END)[ A-Z0-9]*-----");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z][A-Za-z-]{1,30}: [^\\n\\\\]*");

    @Override
    public void find(String text, int from, int to, LegacySecretRule.Sink sink) {
      Matcher begin = BEGIN.matcher(text);
      Matcher end = END.matcher(text);
      int next = from;
      while (next < to) {
        begin.region(next, to);
        if (!begin.find()) {
          break;
        }
        int limit = Math.min(text.length(), Math.min(to, begin.start() + MAX_BLOCK));
        end.region(begin.end(), limit);
        int stop = end.find() ? end.end() : bodyEnd(text, begin.end(), limit);
        if (stop > begin.end() && bodyIsReal(text.substring(begin.start(), stop))) {
          sink.accept(begin.start(), stop);
        }
        next = Math.max(stop, begin.end());
      }
    }

    /** Where an unterminated body ends: at the first character that is not base64, space or an escape. */
    private static int bodyEnd(String text, int from, int limit) {
      int i = from;
      int lastBody = from;
      while (i < limit) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < limit && "nrt".indexOf(text.charAt(i + 1)) >= 0) {
          i += 2;
        } else if (Character.isWhitespace(c)) {
          if (c == '\n' && i + 1 < limit && text.charAt(i + 1) == '\n' && lastBody > from) {
            break;
          }
          i++;
        } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=')) {
          i++;
          lastBody = i;
        } else {
          break;
        }
      }
      return lastBody;
    }

    /** A block whose body holds at least 64 random base64 characters (not "anything", not empty). */
    static boolean bodyIsReal(String block) {
      String body = HEADER.matcher(ARMOUR.matcher(block).replaceAll("")).replaceAll("")
          .replace("\\n", "").replace("\\r", "").replace("\\t", "").replaceAll("\\s+", "");
      return body.length() >= 64 && LegacySecretValues.random(body, 4.0);
    }
  }

  /**
   * Generic high-entropy tokens after a secret-ish name: the name must end in one of the keywords at
   * a word-part boundary ({@code OP_SERVICE_ACCOUNT_TOKEN}, {@code apiKey}, {@code client-secret};
   * not {@code monkey}, {@code tokenId} or {@code keyboard}), and the value must start within 30
   * characters after it on the same line, be at least 16 characters long, mix character classes and
   * carry enough entropy. The span is the value only.
   *
   * <p>Its window brackets only the keyword ({@link #NAME_WINDOW}), not the value: the value is read
   * from the text after the name, so that windows around dense keywords ("key", "token", "auth" in
   * ordinary prose) do not merge into one long stretch that the name pattern would rescan.
   */
  static final class GenericSecretFinder implements LegacySecretRule.Finder {
    static final List<String> KEYWORDS = List.of("secret", "token", "api_key", "apikey", "api-key", "key", "auth",
        "credential", "credentials", "bearer", "authorization", "private_key", "access_key", "sig", "signature");

    private static final Pattern NAME = Pattern.compile(
        "(?i)(secret|token|api[_-]?key|key|auth|credentials?|bearer|authorization|signature|sig)(?![a-z0-9])");
    private static final Pattern VALUE = Pattern.compile("(?<![A-Za-z0-9+/_~.-])[A-Za-z0-9+/_~-][A-Za-z0-9+/=_~.-]{15,511}+");
    private static final int GAP = 30;
    /** Enough after a keyword hit to hold the longest name keyword and the character after it. */
    static final int NAME_WINDOW = 16;

    @Override
    public void find(String text, int from, int to, LegacySecretRule.Sink sink) {
      Matcher name = NAME.matcher(text);
      name.region(from, to);
      name.useTransparentBounds(true);
      Matcher value = VALUE.matcher(text);
      value.useTransparentBounds(true);
      while (name.find()) {
        if (!partBoundary(text, name.start()) || continuesName(text, name.end())) {
          continue;
        }
        int gapEnd = Math.min(text.length(), name.end() + GAP);
        int newline = indexOfNewline(text, name.end(), gapEnd);
        int lastStart = newline < 0 ? gapEnd : newline;
        if (redactedAfter(text, name.end(), lastStart)) {
          continue; // "AccountKey=<SECRET_1>;...": the value was replaced, what follows is another field
        }
        int limit = Math.min(text.length(), lastStart + 512);
        // Try only the starts of runs within the gap: scanning on to the limit would cost 512 characters
        // per keyword in text that has none.
        for (int p = name.end(); p < lastStart; p++) {
          if (p > 0 && isValueChar(text.charAt(p - 1)) || !isValueChar(text.charAt(p))) {
            continue;
          }
          value.region(p, limit);
          if (value.lookingAt()) {
            if (isToken(value.group())) {
              sink.accept(value.start(), value.end());
            }
            break;
          }
        }
      }
    }

    /** A tag ({@code <SECRET_1>}) or the mask right after the keyword, past separators and quotes. */
    private static boolean redactedAfter(String text, int from, int to) {
      int i = from;
      while (i < to && (" \t=:\"'".indexOf(text.charAt(i)) >= 0
          || text.charAt(i) == '>' && i > from && text.charAt(i - 1) == '=')) { // "=>" as in Ruby
        i++;
      }
      if (text.startsWith("[REDACTED]", i)) {
        return true;
      }
      if (i >= text.length() || text.charAt(i) != '<') {
        return false;
      }
      int j = i + 1;
      while (j < text.length() && j - i < 40 && (Character.isUpperCase(text.charAt(j)) || text.charAt(j) == '_'
          || Character.isDigit(text.charAt(j)))) {
        j++;
      }
      return j < text.length() && text.charAt(j) == '>' && j > i + 3 && Character.isDigit(text.charAt(j - 1));
    }

    /** A JSON key or variable name that ends in a secret-ish word: {@code apiKey}, {@code CLIENT_SECRET}. */
    static boolean isSecretName(String name) {
      Matcher m = NAME.matcher(name);
      while (m.find()) {
        if (m.end() == name.length() && partBoundary(name, m.start())) {
          return true;
        }
      }
      return false;
    }

    private static boolean isValueChar(char c) {
      return c < 128 && (Character.isLetterOrDigit(c) || "+/_~.-".indexOf(c) >= 0);
    }

    private static int indexOfNewline(String text, int from, int to) {
      for (int i = from; i < to; i++) {
        if (text.charAt(i) == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** The name goes on after the keyword ({@code token_id}, {@code secret-name}): not a secret's name. */
    private static boolean continuesName(String text, int end) {
      if (end >= text.length()) {
        return false;
      }
      char c = text.charAt(end);
      if (c == '_' || c == '-' || c == '.') {
        return end + 1 < text.length() && Character.isLetterOrDigit(text.charAt(end + 1));
      }
      return false;
    }

    /** The keyword starts a word part: after a non-letter, or as a capital after a lower-case letter. */
    private static boolean partBoundary(String text, int start) {
      if (start == 0) {
        return true;
      }
      char prev = text.charAt(start - 1);
      char first = text.charAt(start);
      if (!Character.isLetterOrDigit(prev)) {
        return true;
      }
      return Character.isUpperCase(first) && (Character.isLowerCase(prev) || Character.isDigit(prev));
    }

    static boolean isToken(String v) {
      String s = v;
      while (!s.isEmpty() && (s.endsWith(".") || s.endsWith("-"))) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.length() < 16 || LegacySecretValues.isPlaceholder(s) || LegacySecretValues.classes(s) < 2) {
        return false;
      }
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http") || lower.startsWith("/") || lower.startsWith("www.")
          || s.matches("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+")
          || s.matches("[a-z]+(?:[-_][a-z]+)+[0-9]*|[A-Z]+(?:[-_][A-Z]+)+[0-9]*")
          || s.matches("[a-z]+(?:[A-Z][a-z]+)+[0-9]?")) {
        return false;
      }
      double h = LegacySecretValues.entropy(s);
      return LegacySecretValues.isHex(s) ? h >= 3.0 : h >= 3.5;
    }
  }
}
