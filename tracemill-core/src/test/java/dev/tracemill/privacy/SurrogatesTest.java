package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SurrogatesTest {
  private static final List<Long> SEEDS = List.of(0L, 1L, 42L, -7L, Long.MAX_VALUE, 0x5DEECE66DL, 123456789L);

  private static List<Span> detect(Detector d, String text) {
    return d.detect(text, ScanContext.FREE_TEXT);
  }

  private static boolean detectedWhole(Detector d, String value) {
    return detect(d, value).stream().anyMatch(s -> s.start() == 0 && s.end() == value.length());
  }

  @Test
  void emailsUseReservedExampleDomains() {
    for (long seed : SEEDS) {
      String s = Surrogates.generate(EntityTypes.EMAIL, "jane.doe@corp.invalid", seed);
      assertThat(s).matches("[a-z]+\\.[a-z]+@example\\.(com|org|net)");
      assertThat(detectedWhole(new EmailDetector(), s)).isTrue();
      assertThat(Surrogates.isSurrogate(s)).isTrue();
    }
  }

  @Test
  void nanpPhonesKeepTheirLayoutAndFallInThe555FictionRange() {
    for (long seed : SEEDS) {
      String s = Surrogates.generate(EntityTypes.PHONE, "+1 (415) 867-5309", seed);
      assertThat(s).matches("\\+1 \\([2-9]\\d\\d\\) 555-01\\d\\d");
      assertThat(Surrogates.generate(EntityTypes.PHONE, "415.867.5309", seed)).matches("[2-9]\\d\\d\\.555\\.01\\d\\d");
      assertThat(Surrogates.generate(EntityTypes.PHONE, "867-5309", seed)).matches("555-01\\d\\d");
      assertThat(Surrogates.isSurrogate(s)).isTrue();
    }
  }

  @Test
  void ukPhonesFallInOfcomsDramaRange() {
    for (long seed : SEEDS) {
      assertThat(Surrogates.generate(EntityTypes.PHONE, "+44 7911 123456", seed)).matches("\\+44 7700 900\\d{3}");
      assertThat(Surrogates.generate(EntityTypes.PHONE, "07911 123456", seed)).matches("07700 900\\d{3}");
    }
  }

  @Test
  void otherCountriesKeepTheirCodeAndDigitCountWithAnAllZeroNationalNumber() {
    String s = Surrogates.generate(EntityTypes.PHONE, "+49 30 12345678", 5);
    assertThat(s).matches("\\+49 00 000000\\d\\d");
    assertThat(Surrogates.isSurrogate(s)).isTrue();
    assertThat(Surrogates.isSurrogate("+49 30 12345678")).isFalse();
  }

  @Test
  void cardsAreLuhnValidTestNumbersInTheOriginalGrouping() {
    Set<String> seen = new HashSet<>();
    for (long seed : SEEDS) {
      String visa = Surrogates.generate(EntityTypes.CREDIT_CARD, "4556 7375 8689 9855", seed);
      assertThat(visa).matches("4\\d{3} \\d{4} \\d{4} \\d{4}");
      String amex = Surrogates.generate(EntityTypes.CREDIT_CARD, "3714-496353-98431", seed);
      assertThat(amex).matches("3\\d{3}-\\d{6}-\\d{5}");
      for (String card : List.of(visa, amex)) {
        assertThat(CreditCardDetector.luhn(card, 0, card.length())).as(card).isTrue();
        assertThat(detectedWhole(new CreditCardDetector(), card)).as(card).isTrue();
        assertThat(Surrogates.isSurrogate(card)).isTrue();
      }
      seen.add(visa);
    }
    assertThat(seen).hasSizeGreaterThan(1);
    for (int len = 12; len <= 19; len++) {
      String digits = "5".repeat(len);
      String card = Surrogates.generate(EntityTypes.CREDIT_CARD, digits, 3);
      assertThat(card).hasSize(len);
      assertThat(CreditCardDetector.luhn(card, 0, len)).as(card).isTrue();
    }
    assertThat(Surrogates.isSurrogate("4556737586899855")).isFalse();
    // Mostly zeros is not enough: only the zero national numbers the phone generator writes count.
    assertThat(Surrogates.isSurrogate("4000 0000 0000 0002")).isFalse();
  }

  @Test
  void ibansKeepCountryLengthGroupingAndPassMod97() {
    for (long seed : SEEDS) {
      for (String original : List.of("DE89 3704 0044 0532 0130 00", "GB33BUKB20201555555555", "NL91ABNA0417164300",
          "fr1420041010050500013m02606")) {
        String s = Surrogates.generate(EntityTypes.IBAN, original, seed);
        assertThat(s).hasSameSizeAs(original);
        assertThat(s.substring(0, 2)).isEqualTo(original.substring(0, 2));
        assertThat(s.indexOf(' ') >= 0).isEqualTo(original.indexOf(' ') >= 0);
        assertThat(IbanDetector.mod97(s, 0, s.length())).as(s).isEqualTo(1);
        assertThat(detectedWhole(new IbanDetector(), s)).as(s).isTrue();
        assertThat(Surrogates.isSurrogate(s)).isTrue();
      }
    }
    String unknown = Surrogates.generate(EntityTypes.IBAN, "ZZ12345678901234", 9);
    assertThat(unknown).startsWith("GB").hasSize(22);
    assertThat(IbanDetector.mod97(unknown, 0, unknown.length())).isEqualTo(1);
    assertThat(Surrogates.isSurrogate("GB33BUKB20201555555555")).isFalse();
  }

  @Test
  void ssnsUseTheNeverIssuedArea666AndAreNotReDetected() {
    for (long seed : SEEDS) {
      String s = Surrogates.generate(EntityTypes.US_SSN, "123-45-6789", seed);
      assertThat(s).matches("666-\\d\\d-\\d{4}").doesNotContain("-00-").doesNotEndWith("0000");
      assertThat(Surrogates.generate(EntityTypes.US_SSN, "123456789", seed)).matches("666\\d{6}");
      assertThat(detect(new UsSsnDetector(), "SSN: " + s)).isEmpty();
      assertThat(Surrogates.isSurrogate(s)).isTrue();
    }
  }

  @Test
  void ipAddressesLieInDocumentationRanges() {
    for (long seed : SEEDS) {
      String v4 = Surrogates.generate(EntityTypes.IP_ADDRESS, "10.1.2.3", seed);
      assertThat(v4).matches("(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.(\\d{1,3})");
      String v6 = Surrogates.generate(EntityTypes.IP_ADDRESS, "fe80::1ff:fe23:4567:890a", seed);
      assertThat(v6).startsWith("2001:db8::");
      String full = Surrogates.generate(EntityTypes.IP_ADDRESS, "2A00:1450:4001:0829:0000:0000:0000:200E", seed);
      assertThat(full).startsWith("2001:DB8:").matches("[0-9A-F:]+");
      for (String ip : List.of(v4, v6, full)) {
        assertThat(detectedWhole(new IpAddressDetector(), ip)).as(ip).isTrue();
        assertThat(Surrogates.isSurrogate(ip)).as(ip).isTrue();
      }
    }
    assertThat(Surrogates.isSurrogate("10.1.2.3")).isFalse();
  }

  @Test
  void macAddressesAreLocallyAdministeredInTheOriginalNotation() {
    assertThat(Surrogates.generate(EntityTypes.MAC_ADDRESS, "3C-22-FB-12-34-56", 1)).matches("02-00-00-[0-9A-F-]{8}");
    assertThat(Surrogates.generate(EntityTypes.MAC_ADDRESS, "3c:22:fb:12:34:56", 1)).matches("02:00:00:[0-9a-f:]{8}");
    assertThat(Surrogates.generate(EntityTypes.MAC_ADDRESS, "3c22.fb12.3456", 1)).matches("0200\\.00[0-9a-f]{2}\\.[0-9a-f]{4}");
    assertThat(Surrogates.isSurrogate(Surrogates.generate(EntityTypes.MAC_ADDRESS, "3c:22:fb:12:34:56", 1))).isTrue();
  }

  @Test
  void secretsBecomeAnObviouslyFakeFillOfTheSameShape() {
    String key = "sk-proj-" + "Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF";
    String fake = Surrogates.generate(EntityTypes.SECRET, key, 1);
    assertThat(fake).hasSameSizeAs(key).startsWith("sk-proj-").matches("sk-proj-[xX0]+");
    assertThat(Surrogates.generate(EntityTypes.SECRET, key, 2)).isEqualTo(fake);
    assertThat(Surrogates.fill("sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc")).startsWith("sk_test_");
    assertThat(Surrogates.fill("user:hunter2")).isEqualTo("xxxx:xxxxxx0");
    assertThat(new SecretDetector().detect("OPENAI_API_KEY=" + fake, ScanContext.FREE_TEXT)).isEmpty();
  }

  @Test
  void pemArmourIsKeptAndTheBodyFilled() {
    String pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\nAbc9\\n-----END RSA PRIVATE KEY-----";
    assertThat(Surrogates.fill(pem))
        .isEqualTo("-----BEGIN RSA PRIVATE KEY-----\\nXXXXxx\\nXxx0\\n-----END RSA PRIVATE KEY-----");
  }

  @Property
  void fillIsAFixedPointAndKeepsNoLetterOrDigit(@ForAll String s) {
    String f = Surrogates.fill(s);
    assertThat(Surrogates.fill(f)).isEqualTo(f);
    assertThat(f).hasSameSizeAs(s);
  }

  @Test
  void datesOfBirthKeepTheirFormatAndStayInTheirFiveYearBucket() {
    assertThat(Surrogates.generate(EntityTypes.DATE_OF_BIRTH, "1985-03-14", 4)).matches("198[5-9]-\\d\\d-\\d\\d");
    assertThat(Surrogates.generate(EntityTypes.DATE_OF_BIRTH, "03/14/1985", 4)).matches("\\d\\d/\\d\\d/198[5-9]");
    assertThat(Surrogates.generate(EntityTypes.DATE_OF_BIRTH, "14.3.85", 4)).matches("\\d{1,2}\\.\\d{1,2}\\.8[5-9]");
    assertThat(Surrogates.generate(EntityTypes.DATE_OF_BIRTH, "March 14, 1985", 4))
        .matches("(January|February|March|April|May|June|July|August|September|October|November|December) \\d{1,2}, 198[5-9]");
    assertThat(Surrogates.generate(EntityTypes.DATE_OF_BIRTH, "14th of MAR 1985", 4))
        .matches("\\d{1,2}(st|nd|rd|th) of [A-Z]{3} 198[5-9]");
  }

  @Test
  void aDateOfBirthSurrogateIsItsOwnSurrogate() {
    for (String date : List.of("1985-03-14", "03/14/1985", "14.3.85", "March 14, 1985", "14th of Mar. 1985", "May 2, 1990")) {
      String material = Surrogates.seedMaterial(EntityTypes.DATE_OF_BIRTH, date);
      long seed = material.hashCode();
      String once = Surrogates.generate(EntityTypes.DATE_OF_BIRTH, date, seed);
      assertThat(Surrogates.seedMaterial(EntityTypes.DATE_OF_BIRTH, once)).isEqualTo(material);
      assertThat(Surrogates.generate(EntityTypes.DATE_OF_BIRTH, once, seed)).as(date).isEqualTo(once);
    }
  }

  @Test
  void namesKeepTheirWordCountAndCapitalisation() {
    assertThat(Surrogates.generate(EntityTypes.PERSON, "Ada Lovelace", 3)).matches("[A-Z][a-z]+ [A-Z][a-z]+");
    assertThat(Surrogates.generate(EntityTypes.PERSON, "GRACE BREWSTER HOPPER", 3)).matches("[A-Z]+ [A-Z]+ [A-Z]+");
    assertThat(Surrogates.generate(EntityTypes.LOCATION, "Paris", 3)).matches("[A-Z][a-z]+");
    assertThat(Surrogates.generate(EntityTypes.ORGANIZATION, "Initrode", 3)).isNotEmpty();
  }

  @Test
  void dictionaryTypesBecomeTheirNameAndFourSeededHexDigits() {
    assertThat(Surrogates.generate("CUSTOMER_ID", "C-123", 1)).matches("CustomerId-[0-9A-F]{4}");
    assertThat(Surrogates.generate("PROJECT", "Bluebird", 1)).isEqualTo(Surrogates.generate("PROJECT", "x", 1));
    assertThat(Surrogates.generate("PROJECT", "Bluebird", 1)).isNotEqualTo(Surrogates.generate("PROJECT", "Bluebird", 2));
    assertThat(Surrogates.normalise("PROJECT", " Blue\n Bird ")).isEqualTo(Surrogates.normalise("PROJECT", "BLUE BIRD"));
  }

  @Test
  void valuesWithoutTheirTypesShapeAreFilled() {
    assertThat(Surrogates.generate(EntityTypes.PHONE, "call 555", 1)).isEqualTo("xxxx 000");
    assertThat(Surrogates.generate(EntityTypes.CREDIT_CARD, "4111", 1)).isEqualTo("0000");
  }

  @Test
  void madeUpNamesAreInNoLexiconAndAreRecognised() {
    NameLexicons lexicons = NameLexicons.builtIn();
    for (String name : Surrogates.madeUpNames()) {
      String w = name.toLowerCase(java.util.Locale.ROOT);
      assertThat(lexicons.firstNames()).as(name).doesNotContain(w);
      assertThat(lexicons.surnames()).as(name).doesNotContain(w);
      assertThat(lexicons.englishWords()).as(name).doesNotContain(w);
      assertThat(lexicons.places()).as(name).doesNotContain(w);
      assertThat(Surrogates.isSurrogate(EntityTypes.PERSON, name)).as(name).isTrue();
    }
    for (long seed = 0; seed < 200; seed++) {
      assertThat(Surrogates.isSurrogate(EntityTypes.PERSON, Surrogates.generate(EntityTypes.PERSON, "Jane Q. Doe", seed))).isTrue();
      assertThat(Surrogates.isSurrogate(EntityTypes.LOCATION, Surrogates.generate(EntityTypes.LOCATION, "Lisbon", seed))).isTrue();
      assertThat(Surrogates.isSurrogate(EntityTypes.ORGANIZATION, Surrogates.generate(EntityTypes.ORGANIZATION, "Acme Corp.", seed))).isTrue();
    }
    assertThat(Surrogates.isSurrogate(EntityTypes.PERSON, "Ms. Larkwell")).isTrue();
    assertThat(Surrogates.isSurrogate(EntityTypes.EMAIL, "Larkwell")).isFalse();
    assertThat(Surrogates.isSurrogate(EntityTypes.PERSON, "Kalric Smith")).isFalse();
    assertThat(Surrogates.isSurrogate(EntityTypes.PERSON, "Jane Doe")).isFalse();
  }
}
