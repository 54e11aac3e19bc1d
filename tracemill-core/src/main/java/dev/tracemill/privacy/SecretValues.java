package dev.tracemill.privacy;

import java.util.Locale;
import java.util.Set;

/**
 * Checks on a candidate secret value: how random it looks and whether it is a placeholder that
 * documentation and sample code put where a real secret would go ({@code xxxx}, {@code ${TOKEN}},
 * {@code <your key>}). Redacting a placeholder does no harm, but it is a false positive that the
 * gitleaks near-miss fixtures count, and every needless redaction costs training text.
 */
final class SecretValues {
  /** Unquoted values after {@code password:} that are code (type annotations, literals), not passwords. */
  private static final Set<String> NOT_A_VALUE = Set.of("str", "string", "int", "bool", "boolean", "bytes",
      "char", "any", "none", "null", "nil", "undefined", "true", "false", "optional", "secretstr", "object",
      "password", "passwd", "pass", "pwd", "secret", "token", "required", "empty", "redacted", "hidden",
      "masked", "omitted", "test", "example", "sample", "dummy", "fake", "foo", "bar", "self", "this", "new",
      "function", "lambda", "return");

  private SecretValues() {}

  /** Shannon entropy of the characters of {@code s}, in bits per character. */
  static double entropy(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      return 0;
    }
    int[] ascii = new int[128];
    java.util.HashMap<Character, Integer> other = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        ascii[c]++;
      } else {
        if (other == null) {
          other = new java.util.HashMap<>();
        }
        other.merge(c, 1, Integer::sum);
      }
    }
    double h = 0;
    for (int count : ascii) {
      h += term(count, n);
    }
    if (other != null) {
      for (int count : other.values()) {
        h += term(count, n);
      }
    }
    return h;
  }

  private static double term(int count, int n) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / n;
    return -p * (Math.log(p) / Math.log(2));
  }

  /** How many of lower case letters, upper case letters and digits occur in {@code s}. */
  static int classes(CharSequence s) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= c >= '0' && c <= '9';
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0);
  }

  static boolean isHex(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for values that stand in for a secret: runs of one character ({@code xxxx}, {@code ****},
   * {@code 0000}), values of one or two distinct characters, template and variable references,
   * angle-bracket hints, "your ..." prompts, "example" values (AWS documents its sample keys with
   * EXAMPLE), and keyboard runs such as {@code abcdefgh} or {@code 12345678}.
   */
  static boolean isPlaceholder(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.contains("xxxx") || v.contains("****") || v.contains("....") || v.contains("####")
        || v.contains("<") || v.contains(">") || v.contains("${") || v.contains("{{") || v.contains("$(")
        || v.contains("%(") || v.contains("%s") || v.startsWith("$") || v.startsWith("%")
        || v.contains("your") || v.contains("abcdefgh") || v.contains("12345678")
        || v.contains("_here") || v.contains("-here") || v.contains("placeholder") || v.contains("example")) {
      return true;
    }
    if (distinctAtMostTwo(v)) {
      return true;
    }
    return longestRun(v) >= Math.max(6, v.length() / 2);
  }

  /** Whether {@code s} holds at most two distinct chars (UTF-16 units), without boxing them. */
  static boolean distinctAtMostTwo(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      return true;
    }
    char first = s.charAt(0);
    int second = -1;
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == first || c == second) {
        continue;
      }
      if (second >= 0) {
        return false;
      }
      second = c;
    }
    return true;
  }

  /** The length of the longest run of one repeated character. */
  static int longestRun(CharSequence s) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = i > 0 && s.charAt(i) == s.charAt(i - 1) ? run + 1 : 1;
      best = Math.max(best, run);
    }
    return best;
  }

  /** A random-looking token body: not a placeholder and at least {@code minEntropy} bits per character. */
  static boolean random(String body, double minEntropy) {
    return !isPlaceholder(body) && entropy(body) >= minEntropy;
  }

  /**
   * A value after a password keyword that is a real password rather than code: not a placeholder, not
   * a type name or literal, not a reference such as {@code self.password} or {@code os.environ[...]}.
   */
  static boolean passwordValue(String value, boolean quoted) {
    String v = value.strip();
    if (v.length() < 4 || isPlaceholder(v) || NOT_A_VALUE.contains(v.toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (v.startsWith("[") || v.startsWith("{") || v.startsWith("(") || v.startsWith("*")) {
      return false;
    }
    if (!quoted) {
      // An unquoted dotted identifier or call is a reference in code (settings.db_password, getpass()).
      return !v.matches("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+|[A-Za-z_][A-Za-z0-9_.]*\\(.*")
          && !v.matches("[A-Z][A-Z0-9_]*_[A-Z0-9_]+");
    }
    return true;
  }
}
