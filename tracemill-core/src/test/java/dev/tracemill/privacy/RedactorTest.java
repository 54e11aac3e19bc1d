package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final DetectorSet DETECTORS = DetectorSet.defaults(new PrivacyOptions("US"));
  private static final byte[] KEY = "test-corpus-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_KEY = "another-corpus-key-0123456789xyz".getBytes(StandardCharsets.UTF_8);
  /** Generated, not anyone's: the shape of an address outside the reserved domains. */
  private static final String EMAIL = "jane.roe@qzxmail.io";
  private static final String PEM = "-----BEGIN PRIVATE KEY-----\n"
      + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
      + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n"
      + "-----END PRIVATE KEY-----";

  private static RedactionResult redact(Redactor redactor, String text, RedactionContext ctx) {
    List<Span> spans = new ArrayList<>();
    for (Detector d : DETECTORS.detectors()) {
      spans.addAll(d.detect(text, ScanContext.FREE_TEXT));
    }
    return redactor.redact(text, spans, ctx);
  }

  private static RedactionResult redact(String text, RedactionContext ctx) {
    return redact(new Redactor(), text, ctx);
  }

  @Test
  void theSameValueGetsTheSameSurrogateEverywhereInAUnit() {
    RedactionContext ctx = RedactionContext.forUnit("unit-1");
    String first = redact("Write to " + EMAIL + " today.", ctx).text();
    String second = redact("Again: " + EMAIL.toUpperCase() + ".", ctx).text();
    String surrogate = first.substring("Write to ".length(), first.length() - " today.".length());
    assertThat(surrogate).containsPattern("@example\\.(com|org|net)$").isNotEqualTo(EMAIL);
    assertThat(second).isEqualTo("Again: " + surrogate + ".");
    assertThat(ctx.counts()).isEqualTo(Map.of(EntityTypes.EMAIL, 2));
  }

  @Test
  void differentValuesInAUnitGetDifferentSurrogates() {
    RedactionContext ctx = RedactionContext.forUnit("unit-1");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      text.append("call (212) 73").append(i / 10).append("-42").append(10 + i).append(" or ");
    }
    String out = redact(text.toString(), ctx).text();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(\\d{3}\\) 555-01\\d\\d").matcher(out);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    assertThat(found).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void withACorpusKeyTheSameValueGetsTheSameSurrogateInEveryUnit() {
    String a = redact("mail " + EMAIL, RedactionContext.forUnit("unit-a", KEY)).text();
    String b = redact("mail " + EMAIL, RedactionContext.forUnit("unit-b", KEY.clone())).text();
    String c = redact("mail " + EMAIL, RedactionContext.forUnit("unit-b", OTHER_KEY)).text();
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void withoutAKeyUnitsDoNotShareSurrogates() {
    List<String> outs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      outs.add(redact("mail " + EMAIL, RedactionContext.forUnit("unit-" + i)).text());
    }
    assertThat(outs.stream().distinct().count()).isGreaterThan(1);
    assertThat(redact("mail " + EMAIL, RedactionContext.forUnit("unit-0")).text()).isEqualTo(outs.get(0));
  }

  @Test
  void tagsAreNumberedPerTypeInOrderOfFirstAppearance() {
    Redactor tags = new Redactor(RedactionPolicy.defaults().withStyle(RedactionStyle.TAG));
    RedactionContext ctx = RedactionContext.forUnit("u");
    String text = "a@qzx.io, b@qzx.io, SSN 123-45-6789, a@qzx.io";
    assertThat(redact(tags, text, ctx).text()).isEqualTo("<EMAIL_1>, <EMAIL_2>, SSN <US_SSN_1>, <EMAIL_1>");
    assertThat(redact(tags, "then c@qzx.io and b@qzx.io", ctx).text()).isEqualTo("then <EMAIL_3> and <EMAIL_2>");
  }

  @Test
  void maskWritesRedactedWhateverTheLength() {
    Redactor mask = new Redactor(RedactionPolicy.defaults().withStyle(RedactionStyle.MASK));
    assertThat(redact(mask, "to " + EMAIL + " or 10.20.30.40", RedactionContext.forUnit("u")).text())
        .isEqualTo("to [REDACTED] or [REDACTED]");
  }

  @Test
  void perTypeRulesOverrideTheDefaultStyle() {
    Redactor redactor = new Redactor(RedactionPolicy.defaults()
        .with(EntityTypes.IP_ADDRESS, RedactionPolicy.Rule.replace(RedactionStyle.TAG)));
    String out = redact(redactor, "host 10.20.30.40 mail " + EMAIL, RedactionContext.forUnit("u")).text();
    assertThat(out).startsWith("host <IP_ADDRESS_1> mail ").containsPattern("@example\\.(com|org|net)$");
  }

  @Test
  void aPrivateKeyDropsTheUnitAndIsMaskedAnyway() {
    RedactionContext ctx = RedactionContext.forUnit("u");
    RedactionResult r = redact("here is my key:\n" + PEM + "\nthanks", ctx);
    assertThat(r.dropUnit()).isTrue();
    assertThat(r.dropReasons()).containsExactly("contains_private_key");
    assertThat(r.text()).isEqualTo("here is my key:\n[REDACTED]\nthanks");
    assertThat(ctx.dropReasons()).containsExactly("contains_private_key");
    assertThat(r.counts()).containsEntry(EntityTypes.SECRET, 1);
  }

  @Test
  void aPrivateKeyCanBeReplacedInsteadWhenThePolicySaysSo() {
    Redactor keep = new Redactor(RedactionPolicy.defaults()
        .with(RedactionPolicy.PRIVATE_KEY, RedactionPolicy.Rule.replace(RedactionStyle.SURROGATE)));
    RedactionResult r = redact(keep, PEM, RedactionContext.forUnit("u"));
    assertThat(r.dropUnit()).isFalse();
    assertThat(r.text()).startsWith("-----BEGIN PRIVATE KEY-----\nXXXX").endsWith("-----END PRIVATE KEY-----")
        .doesNotContain("MIIEvQ");
  }

  @Test
  void secretsNeverSurviveInAnyStyle() {
    String token = "ghp_" + "R4nd0mT0k3nV4lu3F0rT3st1ngXy9Zq8Wv7U";
    for (RedactionStyle style : RedactionStyle.values()) {
      String out = redact(new Redactor(RedactionPolicy.defaults().withStyle(style)), "token " + token,
          RedactionContext.forUnit("u")).text();
      assertThat(out).doesNotContain(token.substring(4, 12));
    }
    String surrogate = redact("token " + token, RedactionContext.forUnit("u")).text();
    assertThat(surrogate).isEqualTo("token ghp_" + Surrogates.fill(token.substring(4)));
  }

  @Test
  void auditPairsAreOnlyCollectedWhenAskedFor() {
    RedactionResult plain = redact("mail " + EMAIL, RedactionContext.forUnit("u"));
    assertThat(plain.audit()).isEmpty();
    RedactionContext ctx = RedactionContext.forUnit("u", KEY).collectingAudit();
    RedactionResult audited = redact("mail " + EMAIL, ctx);
    assertThat(audited.audit()).singleElement().satisfies(p -> {
      assertThat(p.original()).isEqualTo(EMAIL);
      assertThat(p.replacement()).containsPattern("@example\\.(com|org|net)$");
    });
    assertThat(ctx.audit()).hasSize(1);
    assertThat(audited.text()).isEqualTo(redact("mail " + EMAIL, RedactionContext.forUnit("v", KEY)).text());
  }

  @Test
  void collectingAuditAfterUseIsRefused() {
    RedactionContext ctx = RedactionContext.forUnit("u");
    redact("mail " + EMAIL, ctx);
    assertThatThrownBy(ctx::collectingAudit).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void noOriginalValueOrKeyAppearsInToStringsOrErrors() {
    RedactionContext ctx = RedactionContext.forUnit("u", KEY).collectingAudit();
    RedactionResult r = redact("mail " + EMAIL, ctx);
    Redactor redactor = new Redactor();
    List<String> printed = List.of(r.toString(), ctx.toString(), redactor.toString(), r.audit().get(0).toString(),
        SpanMerger.merge(List.of(new Span(5, 5 + EMAIL.length(), "EMAIL", 0.9, "x")), 30).toString(),
        new JsonRedactor(DETECTORS, redactor).toString());
    for (String s : printed) {
      assertThat(s).doesNotContain(EMAIL).doesNotContain("jane").doesNotContain(new String(KEY, StandardCharsets.UTF_8));
    }
    Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> redactor.redact("mail " + EMAIL,
        List.of(new Span(5, 99, "EMAIL", 0.9, "x")), RedactionContext.forUnit("u", KEY)));
    assertThat(error).isInstanceOf(IllegalArgumentException.class);
    assertThat(error.getMessage()).doesNotContain(EMAIL).doesNotContain("jane");
    Throwable empty = org.assertj.core.api.Assertions.catchThrowable(() -> RedactionContext.forUnit("u", new byte[0]));
    assertThat(empty).hasMessageContaining("empty");
  }

  @Test
  void aValueAlreadyInAReservedRangeIsLeftAsItIs() {
    String text = "mail ops@example.org, call (212) 555-0142, card 4111 1111 1111 1111, ip 192.0.2.7";
    RedactionResult r = redact(text, RedactionContext.forUnit("u"));
    assertThat(r.text()).isEqualTo(text);
    assertThat(r.counts()).containsKeys(EntityTypes.EMAIL, EntityTypes.CREDIT_CARD, EntityTypes.IP_ADDRESS);
  }

  @Property(tries = 200)
  void redactingRedactedTextChangesNothing(@ForAll("texts") Generated g, @ForAll boolean keyed) {
    RedactionContext first = keyed ? RedactionContext.forUnit("u", KEY) : RedactionContext.forUnit("u");
    RedactionContext second = keyed ? RedactionContext.forUnit("u", KEY) : RedactionContext.forUnit("u");
    String once = redact(g.text(), first).text();
    for (String entity : g.entities()) {
      assertThat(once).as("entity survived in %s", once).doesNotContain(entity);
    }
    assertThat(redact(once, second).text()).isEqualTo(once);
  }

  @Property(tries = 100)
  void redactingTaggedTextChangesNothing(@ForAll("texts") Generated g) {
    Redactor tags = new Redactor(RedactionPolicy.defaults().withStyle(RedactionStyle.TAG));
    String once = redact(tags, g.text(), RedactionContext.forUnit("u")).text();
    assertThat(redact(tags, once, RedactionContext.forUnit("u")).text()).isEqualTo(once);
  }

  /** A text and the generated entities in it. */
  record Generated(String text, List<String> entities) {}

  @Provide
  Arbitrary<Generated> texts() {
    Arbitrary<String> filler = Arbitraries.of("please check", "the order", "and then", "as discussed", "thanks",
        "for the report", "see below", "version 2.4.1 shipped", "HTTP 404", "commit 3f2a9c1");
    Arbitrary<String> entity = Arbitraries.oneOf(emails(), phones(), cards(), ibans(), ssns(), ips(), macs(),
        secrets(), dobs(), urlCredentials());
    Arbitrary<List<String>> entities = entity.list().ofMinSize(1).ofMaxSize(5);
    return Combinators.combine(entities, filler.list().ofSize(6)).as((es, fs) -> {
      StringBuilder text = new StringBuilder();
      List<String> values = new ArrayList<>();
      for (int i = 0; i < es.size(); i++) {
        String[] parts = es.get(i).split("\u0000", 2);
        text.append(fs.get(i)).append(" ; ").append(parts[0]).append(parts[1]).append(" ; ");
        // A date of birth's surrogate is any date of its five-year bucket, so once in 1,680 draws the
        // original itself (which the output then does not reveal as real).
        if (!parts[0].startsWith("born")) {
          values.add(parts[1]);
        }
      }
      text.append(fs.get(5)).append('.');
      return new Generated(text.toString(), values);
    });
  }

  // Each entity is "cue\0value": the cue stays, the value must be replaced.

  private static Arbitrary<String> lower(int min, int max) {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(min).ofMaxLength(max);
  }

  private static Arbitrary<String> digits(int n) {
    return Arbitraries.strings().numeric().ofLength(n);
  }

  private Arbitrary<String> emails() {
    return Combinators.combine(lower(3, 8), lower(3, 8), lower(4, 8))
        .as((a, b, d) -> "mail \u0000" + a + "." + b + "@" + d + "mail.io");
  }

  private Arbitrary<String> phones() {
    return Combinators.combine(Arbitraries.integers().between(201, 989), Arbitraries.integers().between(200, 999)
        .filter(x -> x != 555), digits(4)).as((a, x, l) -> "phone \u0000(" + a + ") " + x + "-" + l);
  }

  private Arbitrary<String> cards() {
    return digits(15).map(body -> {
      String partial = "4" + body.substring(1);
      for (int c = 0; c <= 9; c++) {
        String n = partial + c;
        if (CreditCardDetector.luhn(n, 0, 16)) {
          return "card \u0000" + n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8, 12) + " "
              + n.substring(12);
        }
      }
      throw new AssertionError();
    });
  }

  private Arbitrary<String> ibans() {
    return digits(18).map(bban -> {
      String probe = "DE00" + bban;
      int check = 98 - IbanDetector.mod97(probe, 0, probe.length());
      return "iban \u0000DE" + (check < 10 ? "0" : "") + check + bban;
    });
  }

  private Arbitrary<String> ssns() {
    return Combinators.combine(Arbitraries.integers().between(1, 665), Arbitraries.integers().between(1, 99),
        Arbitraries.integers().between(1, 9999))
        .as((a, g, s) -> String.format("SSN: \u0000%03d-%02d-%04d", a, g, s));
  }

  private Arbitrary<String> ips() {
    return Arbitraries.integers().between(1, 254).list().ofSize(3)
        .map(o -> "from \u000011." + o.get(0) + "." + o.get(1) + "." + o.get(2));
  }

  private Arbitrary<String> macs() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(12).filter(h -> !h.startsWith("020000"))
        .map(h -> "mac \u0000" + String.join(":", h.substring(0, 2), h.substring(2, 4), h.substring(4, 6),
            h.substring(6, 8), h.substring(8, 10), h.substring(10, 12)));
  }

  private Arbitrary<String> secrets() {
    Arbitrary<String> body = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withCharRange('0', '9').ofLength(36).filter(b -> SecretValues.random(b, 3.5));
    return body.map(b -> "token \u0000ghp_" + b);
  }

  private Arbitrary<String> dobs() {
    return Combinators.combine(Arbitraries.integers().between(1930, 2010), Arbitraries.integers().between(1, 12),
        Arbitraries.integers().between(1, 28)).as((y, m, d) -> String.format("born on \u0000%04d-%02d-%02d", y, m, d));
  }

  private Arbitrary<String> urlCredentials() {
    return Combinators.combine(lower(4, 8), lower(6, 10), digits(3))
        .as((u, p, n) -> "db \u0000postgres://" + u + ":" + p + n + "@db.internal:5432/app");
  }
}
