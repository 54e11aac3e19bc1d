package dev.tracemill.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds text and values from the {@link Domain} word lists. All randomness comes from the one
 * {@link Random} passed in ({@code java.util.Random} because its sequence is fixed by its specification,
 * so a seed gives the same file on every JDK).
 */
final class Corpus {
  private static final List<String> FIRST = List.of("Maria", "José", "Zoë", "François", "Anna", "Liam",
      "Sofía", "Mehmet", "Chloé", "Björn", "Aiko", "Wei", "Priya", "Oluwaseun", "Łukasz", "Inès", "Noah",
      "Emma", "Dvořák", "Ngọc");
  private static final List<String> LAST = List.of("García", "Müller", "Rossi", "Dubois", "Nowak", "Smith",
      "Yamamoto", "Chen", "Patel", "Okafor", "Jensen", "Ó Briain", "Kowalski", "Nguyễn", "Silva", "Brown");
  private static final List<String> CITIES = List.of("Lisbon", "Zürich", "Kraków", "São Paulo", "Tokyo",
      "東京", "北京", "Reykjavík", "Montréal", "Barcelona", "Istanbul", "Cape Town", "Kyoto", "Berlin",
      "Mexico City", "Seoul", "Vienna", "Marrakesh", "Bangkok", "Edinburgh");
  private static final List<String> LANGS = List.of("Java", "Python", "TypeScript", "Go", "Rust", "Kotlin",
      "C#", "SQL");
  private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "JPY", "PLN", "BRL");
  private static final List<String> FILES = List.of("src/main/java/app/OrderService.java",
      "src/test/java/app/OrderServiceTest.java", "app/parser.py", "tests/test_parser.py",
      "web/src/cart.ts", "internal/queue/worker.go", "src/lib.rs", "build.gradle.kts", "config/app.yaml");
  private static final List<String> EMOJI = List.of("🙂", "👍", "🙏", "🚀", "✈️", "💳", "😅", "🎉", "☕",
      "🤔");
  private static final List<String> CJK = List.of("请尽快回复，谢谢。", "よろしくお願いします。",
      "这个问题已经持续了三天。", "急ぎではありませんが、確認をお願いします。", "감사합니다!",
      "我在上海，时差可能有影响。");
  private static final List<String> OPENERS = List.of("Sure!", "Great question.", "Here's how to approach it.",
      "Thanks for the details.", "Short answer: yes, with one caveat.", "Let's go through it step by step.",
      "Good catch.", "", "", "");
  private static final List<String> CLOSERS = List.of("Let me know if you need anything else.",
      "Hope this helps!", "Happy to go into more detail.", "Does that answer your question?", "", "");

  private final Random random;

  Corpus(Random random) {
    this.random = random;
  }

  Random random() {
    return random;
  }

  int between(int lowInclusive, int highInclusive) {
    return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  String systemPrompt(Domain d) {
    String base = pick(d.systemPrompts);
    if (!chance(0.3)) {
      return base;
    }
    // Some applications paste long policy blocks into the system prompt.
    StringBuilder sb = new StringBuilder(base).append("\n\nRules:\n");
    int rules = between(3, 12);
    for (int i = 1; i <= rules; i++) {
      sb.append(i).append(". ").append(fill(d, pick(d.sentences))).append('\n');
    }
    return sb.toString().strip();
  }

  /** A first user message: one question, sometimes with a preamble, pasted material, CJK or emoji. */
  String question(Domain d) {
    StringBuilder sb = new StringBuilder();
    if (chance(0.3)) {
      sb.append(pick(List.of("Hi,", "Hello!", "Hey there.", "Good morning,", "Quick question:", "Hallo,")))
          .append(' ');
    }
    if (chance(0.25)) {
      sb.append(fill(d, pick(d.sentences))).append(' ');
    }
    sb.append(fill(d, pick(d.questions)));
    if (chance(0.15)) {
      sb.append("\n\n").append(paste(d));
    }
    decorate(sb);
    return sb.toString();
  }

  String followUp(Domain d) {
    StringBuilder sb = new StringBuilder(fill(d, pick(d.followUps)));
    if (chance(0.2)) {
      sb.append(' ').append(fill(d, pick(d.questions)));
    }
    decorate(sb);
    return sb.toString();
  }

  String agentTask(Domain d) {
    StringBuilder sb = new StringBuilder(fill(d, pick(d.agentTasks)));
    if (chance(0.3)) {
      sb.append(' ').append(fill(d, pick(d.sentences)));
    }
    return sb.toString();
  }

  /** An assistant answer from a few words to several thousand characters. */
  String answer(Domain d) {
    double size = random.nextDouble();
    if (size < 0.08) {
      return fill(d, pick(List.of("Yes, that's correct.", "No, that's not possible, sorry.",
          "It should take about {num} days.", "You're welcome!", "Done: the {n} is {a} now.")));
    }
    int paragraphs = size < 0.55 ? between(1, 2) : size < 0.9 ? between(2, 5) : between(5, 10);
    StringBuilder sb = new StringBuilder();
    String opener = pick(OPENERS);
    if (!opener.isEmpty()) {
      sb.append(opener).append(' ');
    }
    for (int p = 0; p < paragraphs; p++) {
      if (p > 0) {
        sb.append("\n\n");
      }
      if (p > 0 && chance(0.25)) {
        int items = between(2, 6);
        for (int i = 1; i <= items; i++) {
          sb.append(chance(0.5) ? i + ". " : "- ").append(fill(d, pick(d.sentences)));
          if (i < items) {
            sb.append('\n');
          }
        }
        continue;
      }
      if (d == Domain.CODING && p > 0 && chance(0.4)) {
        sb.append(code(d));
        continue;
      }
      sb.append(paragraph(d, between(2, 6)));
    }
    String closer = pick(CLOSERS);
    if (!closer.isEmpty()) {
      sb.append("\n\n").append(closer);
    }
    return sb.toString();
  }

  String paragraph(Domain d, int sentences) {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      if (s > 0) {
        sb.append(' ');
      }
      sb.append(fill(d, pick(d.sentences)));
    }
    return sb.toString();
  }

  /** Material users paste under a question; 300 to about 3,000 characters. */
  String paste(Domain d) {
    int lines = between(6, 60);
    StringBuilder sb = new StringBuilder();
    switch (d.pasteKind) {
      case "code" -> {
        sb.append("```").append(pick(LANGS).toLowerCase(Locale.ROOT)).append('\n');
        for (int i = 0; i < lines; i++) {
          sb.append(codeLine(i)).append('\n');
        }
        sb.append("```");
      }
      case "ticket" -> {
        for (int i = 0; i < lines; i++) {
          sb.append(timestamp()).append(' ').append(pick(List.of("INFO", "WARN", "ERROR")))
              .append(" order=").append(order()).append(" status=").append(pick(d.adjectives))
              .append(" msg=\"").append(fill(d, pick(d.sentences))).append("\"\n");
        }
      }
      case "itinerary" -> {
        for (int i = 1; i <= Math.min(lines, 14); i++) {
          sb.append("Day ").append(i).append(": ").append(paragraph(d, between(1, 3))).append('\n');
        }
      }
      case "statement" -> {
        sb.append("date       | description                  | amount\n");
        for (int i = 0; i < lines; i++) {
          sb.append(date()).append(" | ").append(pad(pick(d.nouns) + " " + pick(d.adjectives), 28))
              .append(" | ").append(chance(0.8) ? "-" : "+").append(amount()).append(' ')
              .append(pick(CURRENCIES)).append('\n');
        }
      }
      default -> throw new IllegalStateException("unknown paste kind: " + d.pasteKind);
    }
    return sb.toString().strip();
  }

  String code(Domain d) {
    StringBuilder sb = new StringBuilder("```").append(pick(LANGS).toLowerCase(Locale.ROOT)).append('\n');
    int lines = between(4, 30);
    for (int i = 0; i < lines; i++) {
      sb.append(codeLine(i)).append('\n');
    }
    return sb.append("```").toString();
  }

  private String codeLine(int i) {
    String ident = pick(List.of("items", "cache", "result", "buffer", "parser", "queue", "config", "user"));
    return switch (random.nextInt(7)) {
      case 0 -> "  for (var item : " + ident + ") {";
      case 1 -> "    if (" + ident + " == null) throw new IllegalStateException(\"" + ident + " missing\");";
      case 2 -> "  var " + ident + i + " = " + ident + ".get(\"key_" + i + "\");";
      case 3 -> "  }";
      case 4 -> "  // " + ident + " must be closed by the caller";
      case 5 -> "  return " + ident + ".stream().map(x -> x.trim()).toList();";
      default -> "  log.debug(\"step {} took {} ms\", " + i + ", " + between(1, 900) + ");";
    };
  }

  /** Adds the odd emoji or CJK sentence, as real users write. */
  private void decorate(StringBuilder sb) {
    if (chance(0.05)) {
      sb.append(' ').append(pick(EMOJI));
    }
    if (chance(0.04)) {
      sb.append(' ').append(pick(CJK));
    }
  }

  /** Replaces every {slot} in a template. Unknown slots are a programming error in {@link Domain}. */
  String fill(Domain d, String template) {
    StringBuilder sb = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int end = c == '{' ? template.indexOf('}', i) : -1;
      if (end < 0) {
        sb.append(c);
        i++;
        continue;
      }
      sb.append(slot(d, template.substring(i + 1, end)));
      i = end + 1;
    }
    return sb.toString();
  }

  private String slot(Domain d, String name) {
    return switch (name) {
      case "n", "n2" -> pick(d.nouns);
      case "a" -> pick(d.adjectives);
      case "v" -> pick(d.verbs);
      case "name" -> name();
      case "city", "city2" -> pick(CITIES);
      case "num" -> Integer.toString(between(2, 12));
      case "amt" -> amount();
      case "cur" -> pick(CURRENCIES);
      case "date" -> date();
      case "email" -> email();
      case "phone" -> phone();
      case "order" -> order();
      case "lang" -> pick(LANGS);
      case "file" -> pick(FILES);
      case "acct" -> account();
      default -> throw new IllegalStateException("unknown template slot {" + name + "}");
    };
  }

  String name() {
    return pick(FIRST) + " " + pick(LAST);
  }

  String email() {
    String user = pick(List.of("maria.garcia", "j.muller", "zoe88", "f.dubois", "anna.nowak", "liam.smith",
        "wei.chen", "priya.p", "billing", "b.jensen"));
    return user + between(1, 99) + "@" + pick(List.of("example.com", "example.org", "mail.example.net"));
  }

  String phone() {
    return pick(List.of("+1 555-01", "+44 20 7946 0", "+49 30 1234 5", "+33 1 23 45 6")) + between(10, 99);
  }

  String order() {
    return "ORD-" + between(100000, 999999);
  }

  String account() {
    return "ACC-" + between(10000000, 99999999);
  }

  String amount() {
    return String.format(Locale.ROOT, "%.2f", between(500, 499999) / 100.0);
  }

  String date() {
    return String.format(Locale.ROOT, "2026-%02d-%02d", between(1, 12), between(1, 28));
  }

  private String timestamp() {
    return date() + String.format(Locale.ROOT, "T%02d:%02d:%02dZ", between(0, 23), between(0, 59), between(0, 59));
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s.substring(0, width) : s + " ".repeat(width - s.length());
  }

  String id(String prefix, int hexChars) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < hexChars; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  /** A value for a tool argument or result field; see the kinds used in {@link Domain}'s tool specs. */
  Object value(Domain d, String kind) {
    return switch (kind) {
      case "order" -> order();
      case "email" -> email();
      case "name" -> name();
      case "city" -> pick(CITIES);
      case "date" -> date();
      case "cur" -> pick(CURRENCIES);
      case "acct" -> account();
      case "file" -> pick(FILES);
      case "id" -> id(pick(List.of("T-", "R-", "B-", "TX-")), 8);
      case "int" -> (long) between(1, 40);
      case "cents" -> (long) between(100, 250000);
      case "amount" -> between(500, 499999) / 100.0;
      case "rate" -> Math.round((0.5 + random.nextDouble() * 2) * 10000) / 10000.0;
      case "bool" -> chance(0.9);
      case "status" -> pick(List.of("processing", "shipped", "delivered", "returned", "refunded", "pending"));
      case "carrier" -> pick(List.of("DHL", "UPS", "La Poste", "PostNL", "Yamato"));
      case "tier" -> pick(List.of("basic", "plus", "premium"));
      case "priority" -> pick(List.of("low", "normal", "urgent"));
      case "queue" -> pick(List.of("logistics", "billing", "returns"));
      case "category" -> pick(List.of("travel", "software", "office supplies", "meals", "rent", "utilities"));
      case "weather" -> pick(List.of("sunny", "light rain", "cloudy with sunny spells", "snow showers",
          "thunderstorms in the afternoon"));
      case "hotel" -> pick(List.of("Hotel Central", "Casa Azul", "The Harbour Inn", "ホテル京都",
          "Pension Müller"));
      case "sentence" -> fill(d, pick(d.sentences));
      case "paragraph" -> paragraph(d, between(2, 5));
      case "query" -> pick(d.nouns) + " " + pick(d.adjectives);
      case "code" -> code(d);
      case "log" -> paste(Domain.SUPPORT);
      case "diff" -> "--- a/" + pick(FILES) + "\n+++ b/" + pick(FILES) + "\n@@ -" + between(1, 200)
          + ",3 +" + between(1, 200) + ",4 @@\n-" + codeLine(0) + "\n+" + codeLine(1) + "\n+" + codeLine(2);
      case "hits" -> list(between(1, 8), () -> {
        Map<String, Object> hit = new LinkedHashMap<>();
        hit.put("title", fill(d, "How to {v} a {n}"));
        hit.put("snippet", paragraph(d, between(1, 3)));
        hit.put("score", Math.round(random.nextDouble() * 1000) / 1000.0);
        return hit;
      });
      case "flights" -> list(between(1, 5), () -> {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("flight", pick(List.of("LX", "LH", "TP", "NH", "BA")) + between(100, 999));
        f.put("departs", date() + "T" + String.format(Locale.ROOT, "%02d:%02d", between(5, 22), between(0, 11) * 5));
        f.put("stops", (long) between(0, 2));
        f.put("price", (between(59, 1400) * 100 + 99) / 100.0);
        f.put("currency", pick(CURRENCIES));
        return f;
      });
      case "txns" -> list(between(3, 25), () -> {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id("TX-", 8));
        t.put("date", date());
        t.put("description", pick(d.nouns) + " " + pick(d.adjectives));
        t.put("amount", -between(100, 200000) / 100.0);
        return t;
      });
      default -> throw new IllegalStateException("unknown value kind: " + kind);
    };
  }

  private List<Object> list(int n, java.util.function.Supplier<Object> item) {
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(item.get());
    }
    return out;
  }
}
