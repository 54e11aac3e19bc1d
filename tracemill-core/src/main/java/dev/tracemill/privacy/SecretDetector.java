package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds credentials: provider API keys and tokens (OpenAI, Anthropic, AWS, GitHub, GitLab, Slack, Stripe,
 * Google, Azure, Hugging Face, npm), JWTs, PEM private key blocks, passwords in connection strings and in
 * {@code password=} style assignments, and high-entropy tokens next to a secret-ish name.
 *
 * <p>Scanning is two-stage so that text without any credential costs one pass: an Aho-Corasick trie of
 * every rule's keywords (built once, case-insensitive) finds the places worth a look, and only there,
 * in a window around each hit, does a rule run its regular expression (an alternation of all patterns
 * over the whole text runs several times slower). Spans cover the secret value only, never the name it
 * is assigned to or a URL's host, so the redactor keeps the surrounding syntax. Where two rules claim
 * overlapping text, the higher score wins, then the longer span.
 *
 * <p>A string stored under a password-like JSON key ({@link ScanContext#jsonKey()}) is itself the
 * password, and one under a secret-ish key is a token if it looks random enough.
 */
public final class SecretDetector implements Detector {
  public static final String NAME = "secrets";

  private static final Pattern PASSWORD_KEY = Pattern.compile("(?i).*(?:password|passwd|pwd|passphrase)");
  private static final double JSON_PASSWORD_SCORE = 0.85;
  private static final double JSON_SECRET_SCORE = 0.7;

  private final List<SecretRule> rules;
  private final KeywordScanner scanner;
  /** Rule indexes by keyword index of {@link #scanner}. */
  private final int[][] rulesByKeyword;

  /** The built-in rule table. */
  public SecretDetector() {
    this(SecretRules.defaults());
  }

  SecretDetector(List<SecretRule> rules) {
    this.rules = List.copyOf(rules);
    Map<String, Set<Integer>> byKeyword = new LinkedHashMap<>();
    for (int i = 0; i < this.rules.size(); i++) {
      for (String keyword : this.rules.get(i).keywords()) {
        byKeyword.computeIfAbsent(keyword.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>()).add(i);
      }
    }
    List<String> keywords = new ArrayList<>(byKeyword.keySet());
    this.scanner = new KeywordScanner(keywords);
    this.rulesByKeyword = new int[keywords.size()][];
    for (int k = 0; k < keywords.size(); k++) {
      rulesByKeyword[k] = byKeyword.get(keywords.get(k)).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    List<Finding> findings = findings(text, context);
    List<Span> spans = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      spans.add(new Span(f.start(), f.end(), EntityTypes.SECRET, f.score(), NAME));
    }
    return spans;
  }

  /** The rules, in table order (for reports and tests). */
  List<SecretRule> rules() {
    return rules;
  }

  /**
   * What {@link #detect} reports, with the rule behind each span: non-overlapping, ordered by start.
   */
  List<Finding> findings(String text, ScanContext context) {
    requireNonNull(text, "text is null");
    requireNonNull(context, "context is null");
    List<Finding> raw = new ArrayList<>();
    if (text.isEmpty()) {
      return raw;
    }
    int[][] windows = new int[rules.size()][];
    int[] counts = new int[rules.size()];
    scanner.scan(text, (keyword, start, endInclusive) -> {
      for (int r : rulesByKeyword[keyword]) {
        SecretRule rule = rules.get(r);
        int from = Math.max(0, start - rule.before());
        int to = (int) Math.min(text.length(), (long) endInclusive + 1 + rule.after());
        addWindow(windows, counts, r, from, to);
      }
    });
    for (int r = 0; r < rules.size(); r++) {
      SecretRule rule = rules.get(r);
      for (int w = 0; w < counts[r]; w += 2) {
        rule.finder().find(text, windows[r][w], windows[r][w + 1],
            (start, end) -> raw.add(new Finding(rule.id(), rule.provider(), start, end, rule.score())));
      }
    }
    addWholeValue(text, context, raw);
    return resolve(raw);
  }

  /** Appends [from, to) to rule r's windows, merging it into the last one when they overlap. */
  private static void addWindow(int[][] windows, int[] counts, int r, int from, int to) {
    int n = counts[r];
    if (n > 0 && from <= windows[r][n - 1]) {
      windows[r][n - 1] = Math.max(windows[r][n - 1], to);
      windows[r][n - 2] = Math.min(windows[r][n - 2], from);
      return;
    }
    if (windows[r] == null) {
      windows[r] = new int[8];
    } else if (n == windows[r].length) {
      windows[r] = Arrays.copyOf(windows[r], n * 2);
    }
    windows[r][n] = from;
    windows[r][n + 1] = to;
    counts[r] = n + 2;
  }

  private static void addWholeValue(String text, ScanContext context, List<Finding> raw) {
    String key = context.jsonKey();
    if (key == null) {
      return;
    }
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end || end - start > 512) {
      return;
    }
    String value = text.substring(start, end);
    if (PASSWORD_KEY.matcher(key).matches()) {
      if (SecretValues.passwordValue(value, true)) {
        raw.add(new Finding("json-password-value", "password", start, end, JSON_PASSWORD_SCORE));
      }
    } else if (SecretRules.GenericSecretFinder.isSecretName(key) && SecretRules.GenericSecretFinder.isToken(value)) {
      raw.add(new Finding("json-secret-value", "generic", start, end, JSON_SECRET_SCORE));
    }
  }

  /** Keeps the best of overlapping findings: higher score, then longer, then earlier, then rule id. */
  private static List<Finding> resolve(List<Finding> raw) {
    if (raw.size() <= 1) {
      return raw;
    }
    List<Finding> byPreference = new ArrayList<>(raw);
    byPreference.sort(Comparator.comparingDouble(Finding::score).reversed()
        .thenComparing(Comparator.comparingInt((Finding f) -> f.end() - f.start()).reversed())
        .thenComparingInt(Finding::start)
        .thenComparing(Finding::ruleId));
    List<Finding> kept = new ArrayList<>();
    for (Finding f : byPreference) {
      boolean free = true;
      for (Finding k : kept) {
        if (f.start() < k.end() && k.start() < f.end()) {
          free = false;
          break;
        }
      }
      if (free) {
        kept.add(f);
      }
    }
    kept.sort(Comparator.comparingInt(Finding::start));
    return kept;
  }

  @Override
  public String toString() {
    return "SecretDetector[" + rules.size() + " rules, " + rulesByKeyword.length + " keywords]";
  }

  /** One secret and the rule that found it; like {@link Span}, it never carries the matched text. */
  record Finding(String ruleId, String provider, int start, int end, double score) {
    Finding {
      requireNonNull(ruleId, "ruleId is null");
      requireNonNull(provider, "provider is null");
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("finding must satisfy 0 <= start < end, got [" + start + ", " + end + ")");
      }
    }
  }
}
