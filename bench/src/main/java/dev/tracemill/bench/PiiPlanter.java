package dev.tracemill.bench;

import java.util.Random;

/**
 * Plants personal data and secrets into chat text for the privacy benchmark, so that every rule and
 * secret detector does its real work (validation, context checks, entropy checks) and not only its
 * quick rejection. Each planted item is a value of one kind with the words a user or a tool would write
 * around it ({@code "my card is ..."}, {@code "DB_PASSWORD=..."}). Values are fake: reserved or example
 * ranges where one exists (555 phone numbers, 192.0.2.0/24 and 2001:db8::/32 addresses, example.com
 * hosts), test card and IBAN numbers with valid check digits, secrets drawn at random in the providers'
 * shapes.
 *
 * <p>Deterministic: the same {@link Random} sequence gives the same text.
 */
final class PiiPlanter {
  /** The kinds, in the order {@link #item} numbers them. */
  static final String[] KINDS = {"email", "phone", "card", "iban", "ssn", "ipv4", "ipv6", "mac",
      "url-credentials", "url-secret-param", "date-of-birth", "openai-key", "aws-key", "github-token",
      "slack-token", "jwt", "password", "bearer", "near-miss"};

  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String[] FIRST = {"maria", "james", "aisha", "chen", "olga", "pierre", "fatima",
      "john", "yuki", "carlos"};
  private static final String[] LAST = {"garcia", "smith", "khan", "wang", "ivanova", "dubois", "okafor",
      "miller", "tanaka", "lopez"};
  private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December"};

  private final Random random;

  PiiPlanter(Random random) {
    this.random = random;
  }

  /**
   * Returns {@code text} with items planted at word boundaries, on average one per
   * {@code charsPerItem} characters (at least one in a text of that length or more).
   */
  String plant(String text, int charsPerItem) {
    int items = text.length() / charsPerItem;
    if (random.nextInt(charsPerItem) < text.length() % charsPerItem) {
      items++;
    }
    if (items == 0) {
      return text;
    }
    int[] at = new int[items];
    for (int i = 0; i < items; i++) {
      at[i] = random.nextInt(text.length() + 1);
    }
    java.util.Arrays.sort(at);
    StringBuilder b = new StringBuilder(text.length() + items * 60);
    int prev = 0;
    for (int pos : at) {
      int cut = pos;
      while (cut < text.length() && !Character.isWhitespace(text.charAt(cut))) {
        cut++;
      }
      cut = Math.max(cut, prev);
      b.append(text, prev, cut).append(' ').append(item(random.nextInt(KINDS.length))).append(' ');
      prev = cut;
    }
    b.append(text, prev, text.length());
    return b.toString();
  }

  /** One item of kind {@code KINDS[kind]} with its context words. */
  String item(int kind) {
    String first = pick(FIRST);
    String last = pick(LAST);
    return switch (KINDS[kind]) {
      case "email" -> "you can write to " + first + "." + last + "@example.com";
      case "phone" -> switch (random.nextInt(4)) {
        case 0 -> "call me at (" + (201 + random.nextInt(700)) + ") 555-01" + digits(2);
        case 1 -> "phone: +1 415 555 " + digits(4);
        case 2 -> "mobile +44 20 7946 0" + digits(3);
        // Not found today: a 555 number is not valid and "my number is" is no phone cue (a recall gap).
        default -> "my number is 555-" + digits(3) + "-" + digits(4);
      };
      case "card" -> "my card is " + grouped(luhn("4" + digits(14)), random.nextBoolean() ? ' ' : '-');
      case "iban" -> "please wire it to " + iban();
      case "ssn" -> "SSN " + (100 + random.nextInt(565)) + "-" + (10 + random.nextInt(89)) + "-"
          + (1000 + random.nextInt(8999));
      case "ipv4" -> "the server at 192.0.2." + (1 + random.nextInt(254)) + " refused the connection";
      case "ipv6" -> "client 2001:db8:" + hex(4) + "::" + hex(3) + ":" + hex(4) + " was blocked";
      case "mac" -> "device " + mac() + " joined the network";
      case "url-credentials" -> "DATABASE_URL=postgres://" + first + ":" + draw(ALNUM, 14)
          + "@db.example.com:5432/app";
      case "url-secret-param" -> "GET https://api.example.com/v1/items?limit=20&api_key=" + draw(ALNUM, 32);
      case "date-of-birth" -> random.nextBoolean()
          ? "I was born on " + pick(MONTHS) + " " + (1 + random.nextInt(28)) + ", " + (1950 + random.nextInt(50))
          : "DOB: " + pad(1 + random.nextInt(12)) + "/" + pad(1 + random.nextInt(28)) + "/" + (1950 + random.nextInt(50));
      case "openai-key" -> "OPENAI_API_KEY=sk-proj-" + draw(ALNUM + "_-", 74) + "T3BlbkFJ" + draw(ALNUM + "_-", 74);
      case "aws-key" -> "aws_access_key_id = AKIA" + draw(UPPER_DIGITS, 16);
      case "github-token" -> "token ghp_" + draw(ALNUM, 36);
      case "slack-token" -> "SLACK_BOT_TOKEN=xoxb-" + digits(12) + "-" + digits(13) + "-" + draw(ALNUM, 24);
      case "jwt" -> "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTAwMDEiLCJpYXQiOjE3MDAwMDAwMDB9."
          + draw(ALNUM + "_-", 43);
      case "password" -> "\"password\": \"" + draw(ALNUM, 10) + "!" + digits(2) + "\"";
      case "bearer" -> "Authorization: Bearer " + draw(ALNUM + "._-", 40);
      default -> nearMiss();
    };
  }

  /** Text that looks like an entity and is not one: versions, timestamps, ids, sums. */
  private String nearMiss() {
    return switch (random.nextInt(5)) {
      case 0 -> "upgraded to version 12.4." + random.nextInt(30) + " at 2026-11-" + pad(1 + random.nextInt(28))
          + "T0" + random.nextInt(10) + ":" + pad(random.nextInt(60)) + ":00Z";
      case 1 -> "order INV-2026-" + digits(6) + " totals $" + digits(3) + "." + digits(2);
      case 2 -> "request_id=" + hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
      case 3 -> "the password must be at least 12 characters long";
      default -> "see ticket #" + digits(8) + " (priority " + random.nextInt(5) + ")";
    };
  }

  private String iban() {
    String bban = digits(18); // German layout: 8-digit bank code + 10-digit account
    String rearranged = bban + "1314" + "00"; // D=13, E=14, check digits 00
    int mod = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      mod = (mod * 10 + (rearranged.charAt(i) - '0')) % 97;
    }
    int check = 98 - mod;
    String plain = "DE" + pad(check) + bban;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < plain.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        b.append(' ');
      }
      b.append(plain.charAt(i));
    }
    return b.toString();
  }

  private static String luhn(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int d = body.charAt(body.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return body + (10 - sum % 10) % 10;
  }

  private static String grouped(String digits, char sep) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        b.append(sep);
      }
      b.append(digits.charAt(i));
    }
    return b.toString();
  }

  private String mac() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      if (i > 0) {
        b.append(':');
      }
      b.append(draw("0123456789ABCDEF", 2));
    }
    return b.toString();
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private String digits(int n) {
    return draw("0123456789", n);
  }

  private String hex(int n) {
    return draw("0123456789abcdef", n);
  }

  private static String pad(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private String draw(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
