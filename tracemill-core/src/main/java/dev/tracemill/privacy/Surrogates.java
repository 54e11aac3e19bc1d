package dev.tracemill.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realistic, format-preserving fake values, one generator per entity type, each a pure function of
 * the original (for its shape only) and a 64-bit seed. Every generator draws from ranges that can
 * never belong to a real person or account, and {@link #isSurrogate} recognises those ranges, so
 * that redacting redacted text changes nothing.
 *
 * <table>
 * <caption>What each type becomes</caption>
 * <tr><th>type</th><th>surrogate</th><th>why it is not real</th></tr>
 * <tr><td>EMAIL</td><td>{@code word.word@example.com|org|net}</td><td>RFC 2606 reserved domains</td></tr>
 * <tr><td>PHONE</td><td>the original's separators, {@code +} and country code kept; NANP numbers become
 *     {@code NXX-555-01XX} (10 digits, optional leading 1) or {@code 555-01XX} (7 digits), UK numbers
 *     ({@code +44} or 11 digits with a leading 0) {@code 07700 900XXX}; anything else keeps its digit count
 *     with a national number of zeros ending in two seeded digits</td><td>NANP reserves 555-0100..0199 for
 *     fiction, Ofcom reserves 07700 900000..900999 for drama; no numbering plan assigns an all-zero
 *     national number</td></tr>
 * <tr><td>CREDIT_CARD</td><td>a published test card number of the same length (issuer family kept when
 *     the table has one), in the original's grouping; lengths without one get {@code 60...0} plus a Luhn
 *     digit</td><td>test numbers of Stripe, Braintree and PayPal are never issued</td></tr>
 * <tr><td>IBAN</td><td>same country, length, grouping and case, each BBAN position keeps its letter or
 *     digit class, the first four BBAN positions are {@code XXXX}, check digits recomputed (mod 97 = 1);
 *     unknown countries become a 22-character GB IBAN</td><td>no bank code is {@code XXXX}, and a letter
 *     in a numeric bank code position is never valid</td></tr>
 * <tr><td>US_SSN</td><td>{@code 666-GG-SSSS} with the original's separators</td><td>the SSA never issues
 *     area 666, and ITINs start with 9; the SSN detector therefore never re-detects it</td></tr>
 * <tr><td>IP_ADDRESS</td><td>v4 in 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24; v6 in 2001:db8::/32
 *     (full or compressed as the original, its case kept)</td><td>RFC 5737 and RFC 3849 documentation
 *     ranges</td></tr>
 * <tr><td>MAC_ADDRESS</td><td>{@code 02:00:00:XX:XX:XX} in the original's notation and case</td><td>a
 *     locally administered address, never burnt into hardware</td></tr>
 * <tr><td>SECRET, URL_SECRET_PARAM, URL_CREDENTIALS</td><td>{@link #fill}: a known provider prefix kept
 *     ({@code sk_live_} becomes {@code sk_test_}), PEM armour lines kept, every other letter becomes
 *     {@code x} or {@code X} and every digit {@code 0}</td><td>obviously fake; the secret detectors treat
 *     {@code xxxx} as a placeholder; it does not depend on the seed, so no bit of a secret reaches the
 *     output, and filling a fill changes nothing</td></tr>
 * <tr><td>DATE_OF_BIRTH</td><td>same format (ISO, numeric either order, month names full or short, ordinal
 *     suffixes, zero padding), a date in the same five-year bucket</td><td>it depends only on the bucket's
 *     seed ({@link #seedMaterial}), so redacting it again gives the same date</td></tr>
 * <tr><td>PERSON, LOCATION, ORGANIZATION</td><td>names from small built-in lists, keeping the number of
 *     words (people) and the capitalisation</td><td>given names, family names and towns made up for tracemill
 *     ({@code Kalric Penhurst}, {@code Mossford}: no word of them is in any name or place lexicon), and the
 *     documentation companies Contoso, Fabrikam...</td></tr>
 * <tr><td>any other type (an organisation dictionary's, such as CUSTOMER or PROJECT_NAME)</td><td>the type
 *     as a capitalised word, a hyphen and four seeded upper-case hex digits: {@code Customer-7F3A},
 *     {@code ProjectName-03BC}</td><td>a made-up code; {@link DictionaryDetector} never reports a term
 *     inside one, and the privacy stage never picks one that contains a term</td></tr>
 * </table>
 *
 * <p>A value that does not have its type's shape (a fragment left by {@link SpanMerger}) is
 * {@link #fill filled}, which keeps no letter or digit of it.
 */
final class Surrogates {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final String[] WORDS = {"alex", "sam", "river", "casey", "morgan", "jordan", "taylor", "quinn",
      "robin", "avery", "jamie", "drew", "blake", "rowan", "sky", "reese", "harper", "emery", "finley", "sage",
      "maple", "cedar", "harbor", "meadow", "summit", "willow", "comet", "pixel", "otter", "falcon", "birch",
      "ember"};
  private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
  /*
   * Names and places made up for tracemill: no entry, nor any word of one, is in the name, word or place
   * lexicons (given names and surnames of 110 countries, GeoNames places, English words), so a text that
   * holds one holds a surrogate, and redacting it again leaves it alone (see isSurrogate).
   */
  private static final String[] FIRST_NAMES = {"Alwen", "Brinessa", "Callise", "Dasio", "Elnessa", "Fenlan",
      "Galthea", "Halrion", "Ildris", "Jorvo", "Kalric", "Lordris", "Marvo", "Nellan", "Orric", "Perrell",
      "Quindan", "Rosdris", "Selwen", "Tamlan", "Ulvra", "Valwen", "Wynvra", "Zelnessa"};
  private static final String[] LAST_NAMES = {"Ashcombe", "Brinbrook", "Corthorne", "Dellworth", "Eldercombe",
      "Fairridge", "Glenwick", "Hollinmere", "Ivybrook", "Jesthorne", "Kesterholt", "Larkwell", "Marlridge",
      "Northholt", "Oakholt", "Penhurst", "Quillfield", "Ravenfield", "Stanbrook", "Thornmere", "Umberwell",
      "Vanemere", "Wickfield", "Yarrowmere"};
  private static final String[] LOCATIONS = {"Ashstead", "Cindervale", "Dunbury", "Elmford", "Fernmere",
      "Gorsevale", "Lyndenmere", "Mossford", "Brackenholt", "Heatherwick", "Kestrelford", "Larchmere"};
  private static final String[] ORGANIZATIONS = {"Contoso", "Fabrikam", "Northwind Traders", "Adventure Works",
      "Tailspin Toys", "Wide World Importers", "Litware", "Proseware", "Woodgrove Bank", "Fourth Coffee",
      "Alpine Ski House", "Lamna Healthcare"};
  /** Every word of the made-up names and places, lower-cased. */
  private static final Set<String> NAME_WORDS = nameWords();
  /** The documentation companies, lower-cased. */
  private static final Set<String> ORGANIZATION_SET = lowerSet(ORGANIZATIONS);

  /** The made-up given names, family names and towns (for the test that none is a real one). */
  static List<String> madeUpNames() {
    List<String> all = new ArrayList<>(List.of(FIRST_NAMES));
    all.addAll(List.of(LAST_NAMES));
    all.addAll(List.of(LOCATIONS));
    return List.copyOf(all);
  }

  private static Set<String> nameWords() {
    Set<String> words = new HashSet<>();
    for (String[] list : new String[][] {FIRST_NAMES, LAST_NAMES, LOCATIONS}) {
      words.addAll(lowerSet(list));
    }
    return Set.copyOf(words);
  }

  private static Set<String> lowerSet(String[] list) {
    Set<String> out = new HashSet<>();
    for (String s : list) {
      out.add(s.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  /** Published test card numbers (Stripe, Braintree, PayPal), digits only. */
  private static final List<String> TEST_CARDS = List.of("4222222222222", "30569309025904", "38520000023237",
      "378282246310005", "371449635398431", "378734493671000", "4111111111111111", "4242424242424242",
      "4012888888881881", "5555555555554444", "5105105105105100", "2223003122003222", "6011111111111117",
      "6011000990139424", "3530111333300000", "3566002020360505", "6200000000000005");
  private static final Set<String> CARD_SET;

  static {
    List<String> all = new ArrayList<>(TEST_CARDS);
    for (int len = 12; len <= 19; len++) {
      all.add(fallbackCard(len));
    }
    CARD_SET = Set.copyOf(all);
  }

  private static final String[] KNOWN_PREFIXES = {"sk-ant-api03-", "sk-ant-", "sk-proj-", "sk-svcacct-", "sk-",
      "sk_test_", "sk_prod_", "rk_test_", "rk_prod_", "whsec_", "github_pat_", "ghp_", "gho_", "ghu_", "ghs_",
      "ghr_", "glpat-", "gldt-", "xoxb-", "xoxp-", "xoxe-", "xoxa-", "xoxr-", "xapp-", "AKIA", "ASIA", "AIza",
      "ya29.", "GOCSPX-", "hf_", "api_org_", "npm_", "eyJ"};
  private static final Pattern PEM_ARMOUR = Pattern.compile("-----(?:BEGIN|END)[ A-Z0-9]*-----");

  private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december"};
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})");
  private static final Pattern NUMERIC_DATE = Pattern.compile("(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})");
  private static final Pattern MONTH_FIRST = Pattern.compile(
      "([A-Za-z]+)(\\.?)(\\s+)(\\d{1,2})([A-Za-z]{2})?(,?\\s+)(\\d{4})");
  private static final Pattern DAY_FIRST = Pattern.compile(
      "(\\d{1,2})([A-Za-z]{2})?(\\s+(?:[Oo][Ff]\\s+)?)([A-Za-z]+)(\\.?)(,?\\s+)(\\d{4})");

  private Surrogates() {}

  /**
   * The form under which two mentions count as the same entity in a unit: case, spacing and
   * separators that do not change who or what is meant are dropped.
   */
  static String normalise(String type, String value) {
    String v = value.strip();
    return switch (type) {
      case EntityTypes.EMAIL, EntityTypes.IP_ADDRESS -> v.toLowerCase(Locale.ROOT);
      case EntityTypes.PHONE, EntityTypes.CREDIT_CARD, EntityTypes.US_SSN -> digits(v);
      case EntityTypes.IBAN -> v.replace(" ", "").toUpperCase(Locale.ROOT);
      case EntityTypes.MAC_ADDRESS -> hexDigits(v).toLowerCase(Locale.ROOT);
      case EntityTypes.PERSON, EntityTypes.LOCATION, EntityTypes.ORGANIZATION ->
          v.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      // Dictionary types: matched case-insensitively, so ACME and Acme are one entity.
      default -> TermDictionary.fold(v);
    };
  }

  /**
   * What the seed of a value is computed from: its normalised form, except for dates of birth, whose
   * seed comes from the five-year bucket of the year so that the surrogate of a surrogate is itself.
   */
  static String seedMaterial(String type, String normalised) {
    if (EntityTypes.DATE_OF_BIRTH.equals(type)) {
      int year = dateYear(normalised);
      return type + ":bucket:" + (year < 0 ? normalised : Integer.toString(bucket(year)));
    }
    return type + ":" + normalised;
  }

  /** Whether {@link #generate} ignores the seed for this type (its output depends on the shape only). */
  static boolean seedFree(String type) {
    return EntityTypes.SECRET.equals(type) || EntityTypes.URL_SECRET_PARAM.equals(type)
        || EntityTypes.URL_CREDENTIALS.equals(type);
  }

  /** A fake value of {@code type} shaped like {@code original}, chosen by {@code seed}. */
  static String generate(String type, String original, long seed) {
    SplitMix r = new SplitMix(seed);
    return switch (type) {
      case EntityTypes.EMAIL -> email(r);
      case EntityTypes.PHONE -> phone(original, r);
      case EntityTypes.CREDIT_CARD -> card(original, r);
      case EntityTypes.IBAN -> iban(original, r);
      case EntityTypes.US_SSN -> ssn(original, r);
      case EntityTypes.IP_ADDRESS -> ip(original, r);
      case EntityTypes.MAC_ADDRESS -> mac(original, r);
      case EntityTypes.SECRET, EntityTypes.URL_SECRET_PARAM, EntityTypes.URL_CREDENTIALS -> fill(original);
      case EntityTypes.DATE_OF_BIRTH -> date(original, r);
      case EntityTypes.PERSON -> person(original, r);
      case EntityTypes.LOCATION -> fromList(original, LOCATIONS, r);
      case EntityTypes.ORGANIZATION -> fromList(original, ORGANIZATIONS, r);
      default -> dictionaryPrefix(type) + "-" + String.format(Locale.ROOT, "%04X", r.nextInt(0x10000));
    };
  }

  /** {@code CUSTOMER} gives {@code Customer}, {@code PROJECT_NAME} gives {@code ProjectName}. */
  static String dictionaryPrefix(String type) {
    StringBuilder b = new StringBuilder();
    for (String part : type.split("_")) {
      if (!part.isEmpty()) {
        b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return b.length() == 0 ? "Term" : b.toString();
  }

  /**
   * Whether {@code value} already lies in a range the generators draw from: an address on a reserved
   * domain, a fictional phone number, a test card number, a marked IBAN, an area-666 SSN, a
   * documentation IP address, a {@code 02:00:00} MAC address or a {@link #fill}. Such values belong to
   * no one, so the redactor leaves them as they are, whatever type a detector gave them.
   */
  static boolean isSurrogate(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return false;
    }
    return isFill(v) || exampleEmail(v) || fictionalPhone(v) || testCard(v) || markedIban(v) || ssn666(v)
        || documentationIp(v) || localMac(v);
  }

  /**
   * As {@link #isSurrogate(String)}, and for a person, place or organisation also a name made only of the
   * made-up names and places (titles and initials aside) or a documentation company.
   */
  static boolean isSurrogate(String type, String value) {
    return isSurrogate(value) || (UnitSweep.TYPES.contains(type) && madeUpName(value.strip()));
  }

  /**
   * A person, place or company surrogate: every word one of the made-up names and places (titles and
   * initials aside), or one of the documentation companies.
   */
  private static boolean madeUpName(String v) {
    String lower = v.toLowerCase(Locale.ROOT);
    String bare = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    if (ORGANIZATION_SET.contains(bare)) {
      return true;
    }
    boolean name = false;
    for (String word : bare.split("[\\s,]+")) {
      int a = 0;
      int b = word.length();
      while (a < b && !Character.isLetter(word.charAt(a))) {
        a++;
      }
      while (b > a && !Character.isLetter(word.charAt(b - 1))) {
        b--; // a full stop, or a combining mark the text put after the name
      }
      String w = word.substring(a, b);
      if (w.isEmpty() || PersonLinks.TITLES.contains(w) || w.length() == 1) {
        continue;
      }
      if (!NAME_WORDS.contains(w)) {
        return false;
      }
      name = true;
    }
    return name;
  }

  // ---- e-mail

  private static String email(SplitMix r) {
    return WORDS[r.nextInt(WORDS.length)] + "." + WORDS[r.nextInt(WORDS.length)] + "@"
        + DOMAINS[r.nextInt(DOMAINS.length)];
  }

  private static boolean exampleEmail(String v) {
    int at = v.lastIndexOf('@');
    if (at <= 0 || v.indexOf(' ') >= 0) {
      return false;
    }
    String domain = v.substring(at + 1).toLowerCase(Locale.ROOT);
    for (String d : DOMAINS) {
      if (domain.equals(d) || domain.endsWith("." + d)) {
        return true;
      }
    }
    return domain.endsWith(".example") || domain.endsWith(".test") || domain.endsWith(".invalid");
  }

  // ---- phone

  private static String phone(String original, SplitMix r) {
    String digits = digits(original);
    int d = digits.length();
    if (d < 7 || !phoneShaped(original)) {
      return fill(original);
    }
    String out;
    boolean international = original.strip().startsWith("+");
    if (international) {
      int cc = countryCodeLength(original, digits);
      String national = digits.substring(cc);
      String code = digits.substring(0, cc);
      out = code + nationalPhone(code, national, r);
    } else {
      out = nationalPhone(null, digits, r);
    }
    return placeDigits(original, out);
  }

  private static String nationalPhone(String countryCode, String national, SplitMix r) {
    int n = national.length();
    boolean nanp = countryCode == null ? (n == 10 && national.charAt(0) >= '2')
        || (n == 11 && national.charAt(0) == '1') : countryCode.equals("1") && n == 10;
    if (nanp) {
      String lead = n == 11 ? "1" : "";
      return lead + nanpArea(r) + "55501" + twoDigits(r);
    }
    if (countryCode == null && n == 7) {
      return "55501" + twoDigits(r);
    }
    boolean uk = countryCode == null ? n == 11 && national.charAt(0) == '0'
        : countryCode.equals("44") && (n == 10 || (n == 11 && national.charAt(0) == '0'));
    if (uk) {
      String lead = n == 11 ? "0" : "";
      return lead + "7700900" + twoDigits(r) + r.nextInt(10);
    }
    return "0".repeat(Math.max(0, n - 2)) + twoDigits(r).substring(Math.max(0, 2 - n));
  }

  private static String nanpArea(SplitMix r) {
    // 2xx-9xx, avoiding N11 service codes and N9X (reserved for expansion).
    while (true) {
      int a = 2 + r.nextInt(8);
      int b = r.nextInt(9);
      int c = r.nextInt(10);
      if (!(b == 1 && c == 1)) {
        return "" + a + b + c;
      }
    }
  }

  private static String twoDigits(SplitMix r) {
    int v = r.nextInt(100);
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static int countryCodeLength(String original, String digits) {
    try {
      int cc = PHONES.parse(original.strip(), "ZZ").getCountryCode();
      int len = Integer.toString(cc).length();
      if (digits.startsWith(Integer.toString(cc)) && len < digits.length()) {
        return len;
      }
    } catch (NumberParseException e) {
      // Not parseable as an international number: take the shortest plausible code below.
    }
    return digits.charAt(0) == '1' || digits.charAt(0) == '7' ? 1 : 2;
  }

  private static boolean phoneShaped(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(Chars.isDigit(c) || c == '+' || c == '-' || c == '.' || c == ' ' || c == '(' || c == ')' || c == '/'
          || c == 'x')) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern NANP_FICTION = Pattern.compile("1?[2-9]\\d\\d55501\\d\\d|55501\\d\\d");
  private static final Pattern UK_FICTION = Pattern.compile("(?:44)?0?7700900\\d{3}");
  private static final Pattern ZERO_NATIONAL = Pattern.compile("0{4,}\\d\\d");
  private static final Pattern ZERO_INTERNATIONAL = Pattern.compile("\\d{1,3}0{4,}\\d\\d");

  private static boolean fictionalPhone(String v) {
    if (!phoneShaped(v)) {
      return false;
    }
    String d = digits(v);
    if (d.length() < 7) {
      return false;
    }
    return NANP_FICTION.matcher(d).matches() || UK_FICTION.matcher(d).matches()
        || ZERO_NATIONAL.matcher(d).matches() || (v.startsWith("+") && ZERO_INTERNATIONAL.matcher(d).matches());
  }

  // ---- card

  private static String card(String original, SplitMix r) {
    String digits = digits(original);
    int d = digits.length();
    if (d < 12 || d > 19 || !onlyDigitsAnd(original, " -")) {
      return fill(original);
    }
    List<String> sameLength = new ArrayList<>();
    List<String> sameFamily = new ArrayList<>();
    for (String c : TEST_CARDS) {
      if (c.length() == d) {
        sameLength.add(c);
        if (c.charAt(0) == digits.charAt(0)) {
          sameFamily.add(c);
        }
      }
    }
    List<String> pool = sameFamily.isEmpty() ? sameLength : sameFamily;
    String chosen = pool.isEmpty() ? fallbackCard(d) : pool.get(r.nextInt(pool.size()));
    return placeDigits(original, chosen);
  }

  /** {@code 6} then zeros then the Luhn check digit: a Maestro-range number no issuer hands out. */
  static String fallbackCard(int length) {
    String body = "6" + "0".repeat(length - 2);
    for (int check = 0; check <= 9; check++) {
      String candidate = body + check;
      if (CreditCardDetector.luhn(candidate, 0, candidate.length())) {
        return candidate;
      }
    }
    throw new IllegalStateException("no Luhn check digit for length " + length);
  }

  private static boolean testCard(String v) {
    return onlyDigitsAnd(v, " -") && CARD_SET.contains(digits(v));
  }

  // ---- IBAN

  private static final String MARK = "XXXX";
  private static final String DOCUMENTED_IBAN = "GB82WEST12345698765432";

  private static String iban(String original, SplitMix r) {
    String compact = original.strip().replace(" ", "");
    boolean lower = compact.length() > 1 && Character.isLowerCase(compact.charAt(0));
    String upper = compact.toUpperCase(Locale.ROOT);
    Integer registered = upper.length() >= 4 && Chars.isAsciiLetter(upper.charAt(0))
        && Chars.isAsciiLetter(upper.charAt(1)) ? IbanDetector.registeredLength(upper.charAt(0), upper.charAt(1))
        : null;
    boolean known = registered != null && registered == upper.length() && alnum(upper);
    String country = known ? upper.substring(0, 2) : "GB";
    int length = known ? registered : 22;
    StringBuilder bban = new StringBuilder();
    for (int i = 4; i < length; i++) {
      boolean letter = known ? Chars.isAsciiLetter(upper.charAt(i)) : i < 8;
      if (i < 8) {
        bban.append('X');
      } else if (letter) {
        bban.append((char) ('A' + r.nextInt(26)));
      } else {
        bban.append((char) ('0' + r.nextInt(10)));
      }
    }
    String withZeros = country + "00" + bban;
    int check = 98 - IbanDetector.mod97(withZeros, 0, withZeros.length());
    String iban = country + (check < 10 ? "0" : "") + check + bban;
    if (lower) {
      iban = iban.toLowerCase(Locale.ROOT);
    }
    if (original.strip().indexOf(' ') >= 0) {
      StringBuilder grouped = new StringBuilder();
      for (int i = 0; i < iban.length(); i++) {
        if (i > 0 && i % 4 == 0) {
          grouped.append(' ');
        }
        grouped.append(iban.charAt(i));
      }
      return grouped.toString();
    }
    return iban;
  }

  private static boolean markedIban(String v) {
    String c = v.replace(" ", "").toUpperCase(Locale.ROOT);
    if (c.equals(DOCUMENTED_IBAN)) {
      return true;
    }
    return c.length() >= 15 && c.length() <= 34 && alnum(c) && Chars.isAsciiLetter(c.charAt(0))
        && Chars.isAsciiLetter(c.charAt(1)) && Chars.isDigit(c.charAt(2)) && Chars.isDigit(c.charAt(3))
        && c.startsWith(MARK, 4);
  }

  // ---- SSN

  private static String ssn(String original, SplitMix r) {
    String v = original.strip();
    String digits = digits(v);
    if (digits.length() != 9 || !onlyDigitsAnd(v, " -")) {
      return fill(original);
    }
    int group = 1 + r.nextInt(99);
    int serial = 1 + r.nextInt(9999);
    String fake = "666" + String.format(Locale.ROOT, "%02d%04d", group, serial);
    return placeDigits(original, fake);
  }

  private static boolean ssn666(String v) {
    return v.length() <= 11 && onlyDigitsAnd(v, " -") && digits(v).length() == 9 && v.startsWith("666");
  }

  // ---- IP

  private static final String[] V4_NETS = {"192.0.2.", "198.51.100.", "203.0.113."};

  private static String ip(String original, SplitMix r) {
    String v = original.strip();
    boolean v6 = v.indexOf(':') >= 0;
    String v4 = V4_NETS[r.nextInt(V4_NETS.length)] + (1 + r.nextInt(254));
    if (!v6) {
      return IpAddressDetector.ipv4End(v, 0) == v.length() ? v4 : fill(original);
    }
    if (!IpAddressDetector.validIpv6(v, 0, v.length())) {
      return fill(original);
    }
    if (v.indexOf('.') >= 0) {
      return "::ffff:" + v4;
    }
    boolean upper = !v.equals(v.toLowerCase(Locale.ROOT));
    StringBuilder out = new StringBuilder("2001:db8");
    if (v.contains("::")) {
      out.append("::").append(hexGroup(r));
    } else {
      for (int i = 0; i < 6; i++) {
        out.append(':').append(hexGroup(r));
      }
    }
    return upper ? out.toString().toUpperCase(Locale.ROOT) : out.toString();
  }

  private static String hexGroup(SplitMix r) {
    return Integer.toHexString(0x1000 + r.nextInt(0xf000));
  }

  private static boolean documentationIp(String v) {
    String l = v.toLowerCase(Locale.ROOT);
    if (l.startsWith("::ffff:")) {
      l = l.substring(7);
    }
    if (IpAddressDetector.ipv4End(l, 0) == l.length()) {
      for (String net : V4_NETS) {
        if (l.startsWith(net)) {
          return true;
        }
      }
      return false;
    }
    return (l.startsWith("2001:db8:") || l.startsWith("2001:0db8:")) && IpAddressDetector.validIpv6(l, 0, l.length());
  }

  // ---- MAC

  private static String mac(String original, SplitMix r) {
    String v = original.strip();
    String hex = hexDigits(v);
    if (hex.length() != 12 || v.length() != 17 && v.length() != 14) {
      return fill(original);
    }
    boolean upper = !v.equals(v.toLowerCase(Locale.ROOT));
    String fake = "020000" + String.format(Locale.ROOT, "%06x", r.nextInt(0x1000000));
    if (upper) {
      fake = fake.toUpperCase(Locale.ROOT);
    }
    StringBuilder out = new StringBuilder();
    int k = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      out.append(Chars.isHex(c) ? fake.charAt(k++) : c);
    }
    return out.toString();
  }

  private static boolean localMac(String v) {
    String hex = hexDigits(v);
    return (v.length() == 17 || v.length() == 14) && hex.length() == 12
        && hex.toLowerCase(Locale.ROOT).startsWith("020000") && v.replaceAll("[0-9A-Fa-f]", "").matches("[:.\\-]+");
  }

  // ---- secrets

  /**
   * The obviously fake stand-in for a secret: a known provider prefix is kept (a live Stripe prefix
   * becomes the test one), PEM armour lines and escape sequences such as {@code \n} are kept, every
   * other letter becomes {@code x} or {@code X} by case and every digit {@code 0}; punctuation and
   * whitespace stay. The result has the original's length and layout, matches no live key format, and
   * {@code fill(fill(s)).equals(fill(s))}.
   */
  static String fill(String original) {
    StringBuilder out = new StringBuilder(original.length());
    int from = 0;
    for (String p : KNOWN_PREFIXES) {
      if (original.startsWith(p) && original.length() > p.length()) {
        out.append(p);
        from = p.length();
        break;
      }
    }
    if (original.startsWith("sk_live_") || original.startsWith("rk_live_")) {
      out.append(original.charAt(0)).append("k_test_");
      from = 8;
    }
    Matcher armour = PEM_ARMOUR.matcher(original);
    int keepFrom = -1;
    int keepTo = -1;
    int i = from;
    while (i < original.length()) {
      if (i >= keepTo) {
        keepFrom = armour.find(i) ? armour.start() : Integer.MAX_VALUE;
        keepTo = keepFrom == Integer.MAX_VALUE ? Integer.MAX_VALUE : armour.end();
      }
      if (i >= keepFrom && i < keepTo) {
        out.append(original, i, keepTo);
        i = keepTo;
        continue;
      }
      char c = original.charAt(i);
      if (c == '\\' && i + 1 < original.length()) {
        out.append(c).append(original.charAt(i + 1));
        i += 2;
        continue;
      }
      if (Character.isDigit(c)) {
        out.append('0');
      } else if (Character.isLetter(c)) {
        out.append(Character.isUpperCase(c) ? 'X' : 'x');
      } else {
        out.append(c);
      }
      i++;
    }
    return out.toString();
  }

  /** A fill: letters only {@code x}/{@code X} (at least one), digits only {@code 0}. */
  private static boolean isFill(String v) {
    boolean x = false;
    String body = PEM_ARMOUR.matcher(v).replaceAll("");
    for (String p : KNOWN_PREFIXES) {
      if (body.startsWith(p)) {
        body = body.substring(p.length());
        break;
      }
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        i++;
        continue;
      }
      if (c == 'x' || c == 'X') {
        x = true;
      } else if ((Character.isLetter(c)) || (Character.isDigit(c) && c != '0')) {
        return false;
      }
    }
    return x;
  }

  // ---- date of birth

  private static int bucket(int year) {
    return year - Math.floorMod(year, 5);
  }

  /** The year of a date in one of the detector's shapes, or -1. */
  private static int dateYear(String v) {
    Matcher m = ISO_DATE.matcher(v);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    m = NUMERIC_DATE.matcher(v);
    if (m.matches()) {
      return Integer.parseInt(m.group(4));
    }
    m = MONTH_FIRST.matcher(v);
    if (m.matches() && monthIndex(m.group(1)) >= 0) {
      return Integer.parseInt(m.group(7));
    }
    m = DAY_FIRST.matcher(v);
    if (m.matches() && monthIndex(m.group(4)) >= 0) {
      return Integer.parseInt(m.group(7));
    }
    return -1;
  }

  private static String date(String original, SplitMix r) {
    String v = original.strip();
    int year = dateYear(v);
    if (year < 0) {
      return fill(original);
    }
    int newYear = bucket(year) + r.nextInt(5);
    int month = 1 + r.nextInt(12);
    int day = 1 + r.nextInt(28);
    int smallDay = 1 + r.nextInt(12);
    Matcher m = ISO_DATE.matcher(v);
    if (m.matches()) {
      return pad(newYear, m.group(1)) + m.group(2) + pad(month, m.group(3)) + m.group(2) + pad(day, m.group(4));
    }
    m = NUMERIC_DATE.matcher(v);
    if (m.matches()) {
      // Day and month order is unknown, so both stay at most 12.
      return pad(month, m.group(1)) + m.group(2) + pad(smallDay, m.group(3)) + m.group(2) + pad(newYear, m.group(4));
    }
    m = MONTH_FIRST.matcher(v);
    if (m.matches()) {
      return monthName(month, m.group(1)) + m.group(2) + m.group(3) + pad(day, m.group(4))
          + suffix(day, m.group(5)) + m.group(6) + newYear;
    }
    m = DAY_FIRST.matcher(v);
    m.matches();
    return pad(day, m.group(1)) + suffix(day, m.group(2)) + m.group(3) + monthName(month, m.group(4)) + m.group(5)
        + m.group(6) + newYear;
  }

  /** {@code value} with as many digits as {@code like} had (two-digit years wrap). */
  private static String pad(int value, String like) {
    int width = like.length();
    if (width == 2 && value >= 100) {
      value %= 100;
    }
    String s = Integer.toString(value);
    return s.length() < width ? "0".repeat(width - s.length()) + s : s;
  }

  private static int monthIndex(String token) {
    String t = token.toLowerCase(Locale.ROOT);
    for (int i = 0; i < 12; i++) {
      if (MONTHS[i].equals(t) || (t.length() >= 3 && MONTHS[i].startsWith(t))) {
        return i;
      }
    }
    return -1;
  }

  private static String monthName(int month, String like) {
    boolean full = false;
    for (String name : MONTHS) {
      full |= name.equalsIgnoreCase(like);
    }
    String name = MONTHS[month - 1];
    if (!full) {
      name = name.substring(0, 3);
    }
    return withCase(name, like);
  }

  private static String suffix(int day, String like) {
    if (like == null) {
      return "";
    }
    String s = day % 10 == 1 && day != 11 ? "st" : day % 10 == 2 && day != 12 ? "nd"
        : day % 10 == 3 && day != 13 ? "rd" : "th";
    return Character.isUpperCase(like.charAt(0)) ? s.toUpperCase(Locale.ROOT) : s;
  }

  // ---- names

  private static String person(String original, SplitMix r) {
    String[] tokens = original.strip().split("\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) {
      String[] list = i == tokens.length - 1 && tokens.length > 1 ? LAST_NAMES : FIRST_NAMES;
      if (i > 0) {
        out.append(' ');
      }
      out.append(withCase(list[r.nextInt(list.length)], tokens[i]));
    }
    return out.toString();
  }

  /**
   * One word of a person's surrogate for the word {@code like} of the original: a given name, or a
   * family name when {@code family}, chosen by {@code seed}, in {@code like}'s capitalisation (see
   * {@link PersonLinks}, which seeds each word of a name on its own so that mentions stay linked).
   */
  static String personWord(String like, boolean family, long seed) {
    String[] list = family ? LAST_NAMES : FIRST_NAMES;
    return withCase(list[new SplitMix(seed).nextInt(list.length)], like);
  }

  private static String fromList(String original, String[] list, SplitMix r) {
    String trimmed = original.strip();
    String[] tokens = trimmed.split("\\s+");
    String out = withCase(list[r.nextInt(list.length)], tokens[0]);
    // An abbreviation's full stop ("Example Corp.") may also end the sentence: keep it.
    return trimmed.endsWith(".") && !out.endsWith(".") ? out + "." : out;
  }

  /** {@code word} in the capitalisation of {@code like}: all upper, all lower or as listed. */
  private static String withCase(String word, String like) {
    boolean anyLetter = false;
    boolean allUpper = true;
    boolean allLower = true;
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (Character.isLetter(c)) {
        anyLetter = true;
        allUpper &= Character.isUpperCase(c);
        allLower &= Character.isLowerCase(c);
      }
    }
    if (anyLetter && allUpper && like.length() > 1) {
      return word.toUpperCase(Locale.ROOT);
    }
    if (anyLetter && allLower) {
      return word.toLowerCase(Locale.ROOT);
    }
    // Capitalised like a name: the listed form, whose own capitals ("Northwind Traders") are right.
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  // ---- helpers

  /** {@code original} with its digits replaced, in order, by those of {@code digits}; all else kept. */
  private static String placeDigits(String original, String digits) {
    StringBuilder out = new StringBuilder(original.length());
    int k = 0;
    for (int i = 0; i < original.length(); i++) {
      char c = original.charAt(i);
      if (Chars.isDigit(c) && k < digits.length()) {
        out.append(digits.charAt(k++));
      } else if (Chars.isDigit(c)) {
        out.append('0');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String digits(String v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Chars.isDigit(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String hexDigits(String v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      if (Chars.isHex(v.charAt(i))) {
        b.append(v.charAt(i));
      }
    }
    return b.toString();
  }

  private static boolean onlyDigitsAnd(String v, String separators) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!Chars.isDigit(c) && separators.indexOf(c) < 0) {
        return false;
      }
    }
    return !v.isEmpty();
  }

  private static boolean alnum(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!Chars.isDigit(c) && !Chars.isAsciiLetter(c)) {
        return false;
      }
    }
    return true;
  }

  /** SplitMix64: a tiny deterministic generator over the seed, so no {@code java.util.Random} is needed. */
  static final class SplitMix {
    private long state;

    SplitMix(long seed) {
      this.state = seed;
    }

    long nextLong() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    int nextInt(int bound) {
      return (int) Math.floorMod(nextLong(), (long) bound);
    }
  }
}
