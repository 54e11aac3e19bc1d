package dev.tracemill.privacy.legacy;

import java.util.Random;

/**
 * Seeded chat-like text dense with entity candidates for the equivalence test: real shapes (valid and
 * invalid numbers, keys, addresses, dates), their near misses, the secret rules' keywords followed by
 * random tokens, separators that phone and date scanners treat specially, non-ASCII letters whose
 * lower case is ASCII (U+0130, the Kelvin sign), emoji, and JSON escapes. Only the sequence of the
 * given {@link Random} decides the text.
 */
final class FuzzText {
  private FuzzText() {}

  private static final String[] WORDS = {"the", "order", "shipped", "please", "call", "me", "at", "on", "my",
      "phone", "tel:", "mobile", "fax", "born", "DOB", "d.o.b.", "birthday", "date of birth", "b.", "SSN",
      "ssn:", "social security", "card", "visa", "IBAN", "account", "IP", "server", "version", "v", "build",
      "release", "fw", "password", "passwd", "pwd=", "pass", "secret", "token", "api_key", "apikey", "key",
      "auth", "Authorization:", "Bearer", "bearer", "-u", "--user", "curl", "https://", "http://", "://",
      "postgres://", "mongodb+srv://", "?token=", "&api_key=", "access_token=", "sk-", "sk-proj-", "sk-ant-api03-",
      "AKIA", "ASIA", "aws_secret_access_key", "secret access key", "ghp_", "github_pat_", "glpat-", "xoxb-",
      "xoxe.", "xapp-", "hooks.slack.com/services/", "sk_live_", "whsec_", "AIza", "ya29.", "GOCSPX-", "Q~",
      "AccountKey=", "SharedAccessKey=", "hf_", "api_org_", "npm_", "eyJ", "-----BEGIN RSA PRIVATE KEY-----",
      "-----END RSA PRIVATE KEY-----", "PRIVATE KEY-----", "GR1348941", "ABSK", "contact", "reach me", "office",
      "home", "work", "İ", "\u212A", "é", "ß", "日本", "😀", "\\n", "\\\"", "\"", "'", ":", "=", ";", ",", ".",
      "-", "/", "(", ")", "+", "@", "#", "_", "\n", "\t", "  ", "example.com", "mailto:", "x", "ext."};

  static String text(Random r, int length) {
    StringBuilder b = new StringBuilder(length + 64);
    while (b.length() < length) {
      int pick = r.nextInt(10);
      if (pick < 4) {
        b.append(WORDS[r.nextInt(WORDS.length)]);
      } else if (pick < 8) {
        b.append(entity(r));
      } else {
        b.append(token(r, 1 + r.nextInt(50)));
      }
      int sep = r.nextInt(12);
      b.append(sep < 8 ? " " : sep < 9 ? "" : sep < 10 ? "\n" : sep < 11 ? ", " : ": ");
    }
    return b.toString();
  }

  private static String entity(Random r) {
    return switch (r.nextInt(22)) {
      case 0 -> token(r, 1 + r.nextInt(12)).toLowerCase() + "@" + pick(r, "example.com", "mail.example.org",
          "x.io", "localhost", "ex-ample.co.uk");
      case 1 -> "(" + digits(r, 3) + ") " + digits(r, 3) + "-" + digits(r, 4);
      case 2 -> pick(r, "+1 ", "+44 ", "+49 ", "+33 ", "+81 ", "", "1-", "0") + digits(r, 2 + r.nextInt(3))
          + pick(r, " ", "-", ".", "/", "") + digits(r, 3 + r.nextInt(2)) + pick(r, " ", "-", ".", "") + digits(r, 4)
          + (r.nextInt(8) == 0 ? "x" + digits(r, 3) : "");
      case 3 -> luhnish(r);
      case 4 -> pick(r, "DE", "GB", "FR", "NL", "ES", "XX") + digits(r, 2) + pick(r, "", " ")
          + (r.nextBoolean() ? grouped(digits(r, 18), ' ') : token(r, 4).toUpperCase() + digits(r, 14));
      case 5 -> digits(r, 3) + pick(r, "-", " ", "") + digits(r, 2) + pick(r, "-", " ", "") + digits(r, 4);
      case 6 -> r.nextInt(300) + "." + r.nextInt(300) + "." + r.nextInt(260) + "." + r.nextInt(260)
          + pick(r, "", ":8080", "/24", ".5", "", "");
      case 7 -> hex(r, 1 + r.nextInt(4)) + ":" + hex(r, 1 + r.nextInt(4)) + pick(r, "::", ":") + hex(r, 1 + r.nextInt(4))
          + pick(r, "", ":" + hex(r, 4), "::1", ":192.0.2.1");
      case 8 -> hex(r, 2) + pick(r, ":", "-") + hex(r, 2) + ":" + hex(r, 2) + ":" + hex(r, 2) + ":" + hex(r, 2) + ":"
          + hex(r, 2);
      case 9 -> pick(r, "postgres", "https", "redis", "ftp") + "://" + token(r, 5) + ":" + token(r, 3 + r.nextInt(20))
          + "@" + pick(r, "db.example.com", "10.0.0.1", "[::1]", "host") + pick(r, "", ":5432/app");
      case 10 -> "https://api.example.com/x?" + pick(r, "token", "api_key", "sig", "q", "password", "access_token")
          + "=" + token(r, 5 + r.nextInt(40)) + pick(r, "", "&a=b");
      case 11 -> (1 + r.nextInt(31)) + pick(r, "/", ".", "-") + (1 + r.nextInt(13)) + pick(r, "/", ".", "-")
          + pick(r, "1985", "2026", "85", "1899", "2101");
      case 12 -> pick(r, "1985", "2001", "1969") + pick(r, "-", "/") + (r.nextInt(14)) + pick(r, "-", "/") + r.nextInt(33);
      case 13 -> pick(r, "March", "Mar.", "sept", "SEPTEMBER", "jun", "Febr") + " " + r.nextInt(33)
          + pick(r, "", "st", "th", "nd") + pick(r, ", ", " ") + pick(r, "1985", "2026", "1850");
      case 14 -> r.nextInt(33) + pick(r, "", "th", "rd") + pick(r, " of ", " ") + pick(r, "May", "Dec", "october")
          + pick(r, ", ", " ") + pick(r, "1985", "2020");
      case 15 -> pick(r, "sk-proj-", "sk-", "sk-ant-api03-", "ghp_", "gho_", "github_pat_", "glpat-", "xoxb-",
          "xoxp-", "xapp-1-", "sk_live_", "rk_test_", "whsec_", "AIza", "ya29.", "GOCSPX-", "hf_", "api_org_", "npm_",
          "GR1348941", "ABSKQmVkcm9ja0FQSUtleS") + token(r, 10 + r.nextInt(120));
      case 16 -> pick(r, "AKIA", "ASIA", "A3TX") + upper(r, 16);
      case 17 -> "eyJ" + token(r, 10 + r.nextInt(30)) + ".eyJ" + token(r, 10 + r.nextInt(30)) + "." + token(r, 10 + r.nextInt(40));
      case 18 -> pick(r, "password", "DB_PASSWORD", "\"password\"", "'pwd'", "smtp_pass", "Passphrase", "pass")
          + pick(r, "=", ": ", " := ", "=>", "\\\": \\\"", " = \"") + token(r, 1 + r.nextInt(30)) + pick(r, "", "\"", ";", ")");
      case 19 -> pick(r, "Authorization: ", "authorization=", "\"Authorization\": \"") + pick(r, "Bearer ", "Basic ", "")
          + token(r, 5 + r.nextInt(60));
      case 20 -> pick(r, "aws_secret_access_key", "client_secret", "api_key", "token", "AccountKey", "secret")
          + pick(r, "=", ": ", " = '") + token(r, 8 + r.nextInt(40));
      default -> "-----BEGIN " + pick(r, "RSA ", "EC ", "OPENSSH ", "") + "PRIVATE KEY-----" + pick(r, "\n", "\\n")
          + token(r, 64) + pick(r, "\n", "\\n") + token(r, 30) + (r.nextBoolean() ? "\n-----END RSA PRIVATE KEY-----" : "");
    };
  }

  private static String luhnish(Random r) {
    String body = pick(r, "4", "5", "37", "6011", "35", "9") + digits(r, 10 + r.nextInt(6));
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int d = body.charAt(body.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    String number = body + (r.nextInt(4) == 0 ? r.nextInt(10) : (10 - sum % 10) % 10);
    return r.nextBoolean() ? number : grouped(number, r.nextBoolean() ? ' ' : '-');
  }

  private static String grouped(String s, char sep) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        b.append(sep);
      }
      b.append(s.charAt(i));
    }
    return b.toString();
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String digits(Random r, int n) {
    return draw(r, "0123456789", n);
  }

  private static String hex(Random r, int n) {
    return draw(r, "0123456789abcdefABCDEF", n);
  }

  private static String upper(Random r, int n) {
    return draw(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", n);
  }

  private static String token(Random r, int n) {
    return draw(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.~", n);
  }

  private static String draw(Random r, String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
