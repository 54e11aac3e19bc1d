package dev.tracemill.privacy;

import dev.tracemill.privacy.WordTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds people's names ({@link EntityTypes#PERSON}) and companies ({@link EntityTypes#ORGANIZATION}: a
 * capitalised name ending in a legal-form suffix such as {@code Inc}, {@code Ltd}, {@code GmbH}, and the shapes
 * of {@link OrganizationShapes}). Places are {@link LocationDetector}'s: this detector reads them from it to
 * weigh people against them, and reports a place only where it retypes a lone name after {@code from} or
 * {@code in} ({@code I'm from Paris}).
 *
 * <p>How a name is found, in one pass over the tokens of {@link WordTokens}:
 * <ol>
 *   <li>A candidate is a run of 1 to 4 capitalised words separated by single spaces (initials such as
 *       {@code J.} may sit inside), less the common English words at its edges ({@code Hello Mary}
 *       gives {@code Mary}); a common English word inside a run splits it.
 *   <li>Its score starts from the lexicons ({@link NameLexicons}): a known first name followed by a
 *       known surname is strong; a known first name alone fair; a surname alone or unknown words weak. A
 *       word that is also a common English word, month, day or product ({@code May}, {@code Will},
 *       {@code Mark}, {@code Ruby}) counts for little unless beside a known surname or a cue.
 *   <li>Cues add to it: before ({@code my name is}, {@code I'm}, {@code call me}, titles such as
 *       {@code Mr}/{@code Dr}, greetings such as {@code Dear}/{@code Hi}, a sign-off line such as
 *       {@code Regards} above it, {@code by}, {@code contact}, {@code customer}, {@code patient},
 *       {@code name:}) and after ({@code said}, a speaker label {@code Name:} at the start of a line, an
 *       e-mail address or phone number close by). A lone common word at the start of a sentence is
 *       marked down.
 *   <li>The string value of a JSON key that holds names ({@code name}, {@code first_name},
 *       {@code customer_name}, {@code author}, ...) is a name as a whole when it looks like one.
 *   <li>Lower-case particles after a known given name join the name ({@code Maika van de Noort}); in a
 *       text typed in lower case, a known given name and surname are a name ({@code olga krylova});
 *       surname endings of many languages ({@link #surnameEnding}) count as surnames; vocatives, verbs
 *       after a lone known name and street-address context are weighed by {@link PersonContext}.
 *   <li>Companies besides legal suffixes: {@link OrganizationShapes}.
 * </ol>
 * Spans scoring at least {@link #THRESHOLD} are reported. Where a place or company overlaps a person,
 * the higher score wins; lists of given names and addressee blocks are read after the people. The detector never reads text it was not given and never logs it.
 */
public final class NameDetector implements Detector {
  /** The score a candidate needs to be reported. */
  public static final double THRESHOLD = 0.5;

  static final String NAME = "names";

  private static final int MAX_NAME_WORDS = 4;
  private static final int MAX_COMPANY_WORDS = 6;
  private static final Set<String> LIST_GAPS = Set.of(", ", " & ", ",", " / ");
  private static final int CUE_WINDOW = 48;

  private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam",
      "mister", "doctor", "professor", "dame", "lady", "lord");

  private static final Set<String> GREETINGS = Set.of("dear", "hi", "hello", "hey", "thanks", "thank",
      "regards", "cheers", "sincerely", "signed", "attn", "cc", "name", "by", "hallo", "hola", "bonjour",
      "salut", "ciao", "merci", "gracias", "danke", "obrigado", "obrigada", "grazie", "hej", "moin",
      "servus", "namaste", "salaam", "shalom", "olá", "buongiorno", "buenas", "buenos", "gruezi", "grüezi",
      "привет", "tere", "ahoj", "cześć", "szia", "merhaba", "dankie", "tack", "takk", "kiitos");

  /** Phrases that, ending just before a candidate, say a name follows; each with its weight. */
  private static final List<Cue> CUES_BEFORE = List.of(
      new Cue("my name is", 0.45), new Cue("name is", 0.4), new Cue("name's", 0.4), new Cue("i'm", 0.3),
      new Cue("i am", 0.3), new Cue("call me", 0.45), new Cue("this is", 0.3), new Cue("named", 0.4),
      new Cue("called", 0.3), new Cue("name", 0.4), new Cue("name?", 0.4), new Cue("surname", 0.45),
      new Cue("last name", 0.45), new Cue("first name", 0.45), new Cue("full name", 0.45),
      new Cue("dear", 0.4), new Cue("hi", 0.35), new Cue("hello", 0.35), new Cue("hey", 0.35),
      new Cue("thanks", 0.3), new Cue("thank you", 0.3), new Cue("signed", 0.4), new Cue("by", 0.3),
      new Cue("with", 0.1), new Cue("and", 0.05), new Cue("contact", 0.35), new Cue("customer", 0.35),
      new Cue("patient", 0.35), new Cue("client", 0.3), new Cue("user", 0.25), new Cue("author", 0.35),
      new Cue("attn", 0.4), new Cue("cc", 0.3), new Cue("to", 0.05), new Cue("from", 0.1),
      new Cue("mr", 0.45), new Cue("mrs", 0.45), new Cue("ms", 0.45), new Cue("miss", 0.35), new Cue("mx", 0.45),
      new Cue("dr", 0.45), new Cue("prof", 0.45), new Cue("sir", 0.35), new Cue("mister", 0.45),
      new Cue("doctor", 0.35), new Cue("professor", 0.4), new Cue("account", 0.2), new Cue("holder", 0.3),
      new Cue("recipient", 0.35), new Cue("sender", 0.3), new Cue("employee", 0.3), new Cue("manager", 0.25),
      new Cue("director", 0.25), new Cue("directed by", 0.45), new Cue("written by", 0.45),
      new Cue("guardian", 0.35), new Cue("son", 0.3), new Cue("daughter", 0.3), new Cue("kid", 0.3),
      new Cue("child", 0.3), new Cue("wife", 0.35), new Cue("husband", 0.35), new Cue("partner", 0.25),
      new Cue("friend", 0.3), new Cue("brother", 0.3), new Cue("sister", 0.3), new Cue("mother", 0.3),
      new Cue("father", 0.3), new Cue("mom", 0.3), new Cue("mum", 0.3), new Cue("dad", 0.3), new Cue("boss", 0.3),
      new Cue("colleague", 0.3), new Cue("uncle", 0.3), new Cue("aunt", 0.3), new Cue("cousin", 0.3),
      new Cue("ceo", 0.3), new Cue("founder", 0.3), new Cue("follow up with", 0.35), new Cue("speak to", 0.3),
      new Cue("talk to", 0.3), new Cue("ask", 0.2), new Cue("meet", 0.2), new Cue("met", 0.2),
      new Cue("change it to", 0.3), new Cue("correct it to", 0.3), new Cue("heard", 0.2),
      new Cue("says", 0.3), new Cue("said", 0.3), new Cue("asks", 0.3), new Cue("asked", 0.25),
      new Cue("wrote", 0.25), new Cue("tell", 0.2), new Cue("told", 0.2), new Cue("named him", 0.4),
      new Cue("named her", 0.4), new Cue("calls me", 0.45), new Cue("features", 0.2), new Cue("starring", 0.35),
      new Cue("including", 0.15), new Cue("assistant to", 0.3), new Cue("married", 0.3),
      // greetings and thanks in other languages, as "hi" and "thanks"
      new Cue("hallo", 0.35), new Cue("hola", 0.35), new Cue("bonjour", 0.35), new Cue("salut", 0.35),
      new Cue("ciao", 0.35), new Cue("hej", 0.35), new Cue("moin", 0.35), new Cue("servus", 0.35),
      new Cue("olá", 0.35), new Cue("buongiorno", 0.35), new Cue("merhaba", 0.35), new Cue("ahoj", 0.35),
      new Cue("cześć", 0.35), new Cue("szia", 0.35), new Cue("tere", 0.35), new Cue("namaste", 0.35),
      new Cue("merci", 0.3), new Cue("gracias", 0.3), new Cue("danke", 0.3), new Cue("grazie", 0.3),
      new Cue("obrigado", 0.3), new Cue("obrigada", 0.3), new Cue("tack", 0.3), new Cue("takk", 0.3),
      new Cue("kiitos", 0.3));

  /** The cue phrases by their last word, so that a window is compared with a few phrases only. */
  private static final Map<String, List<Cue>> CUES_BY_LAST_WORD = byLastWord(CUES_BEFORE);

  /** The last word of each cue phrase: a lower-case name is only looked for after one of them. */
  private static final Set<String> CUE_LAST_WORDS = CUES_BY_LAST_WORD.keySet();

  private static Map<String, List<Cue>> byLastWord(List<Cue> cues) {
    Map<String, List<Cue>> map = new HashMap<>();
    for (Cue cue : cues) {
      map.computeIfAbsent(lastWord(cue.phrase), w -> new ArrayList<>()).add(cue);
    }
    Map<String, List<Cue>> copy = new HashMap<>();
    map.forEach((w, list) -> copy.put(w, List.copyOf(list)));
    return Map.copyOf(copy);
  }

  /** The trailing run of letters and apostrophes ({@code "name is"} gives {@code is}, {@code "name?"} gives {@code name}). */
  private static String lastWord(String s) {
    int end = s.length();
    while (end > 0 && !(Character.isLetter(s.charAt(end - 1)) || s.charAt(end - 1) == '\'')) {
      end--;
    }
    int start = end;
    while (start > 0 && (Character.isLetter(s.charAt(start - 1)) || s.charAt(start - 1) == '\'')) {
      start--;
    }
    return s.substring(start, end);
  }

  /** Closing words of a letter or e-mail; a name on the next line is its signature. */
  private static final Set<String> SIGN_OFFS = Set.of("regards", "best regards", "kind regards", "warm regards",
      "thanks", "thank you", "many thanks", "best", "cheers", "sincerely", "yours sincerely", "yours truly",
      "yours", "best wishes", "all the best", "love", "cordially", "respectfully");

  /** Kinship and relation nouns after a possessive name ({@code Daniel's daughter}). */
  private static final Set<String> KIN_AFTER = Set.of("daughter", "son", "wife", "husband", "mother", "father",
      "mom", "mum", "dad", "sister", "brother", "aunt", "uncle", "cousin", "niece", "nephew", "grandmother",
      "grandfather", "grandson", "granddaughter", "girlfriend", "boyfriend", "fiancee", "fiance", "partner",
      "widow", "widower", "children", "kids", "parents");

  private static final Set<String> VERBS_AFTER = Set.of("said", "says", "wrote", "writes", "told", "asked",
      "replied", "answered", "added", "explained", "lives", "lived", "works", "worked", "began", "spent",
      "wants", "needs", "called", "emailed", "texted", "phoned", "thinks", "thought", "feels", "felt",
      "born", "died", "joined", "left", "married", "visited");

  /**
   * Capitalised words that collide with names but are, in running text, more often something else:
   * months, days, modal verbs, products and programming languages. They count as common words.
   */
  private static final Set<String> COLLISIONS = Set.of("january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday", "sunday", "will", "bill", "mark", "grace", "hope", "joy", "faith",
      "christian", "king", "page", "price", "case", "apple", "amazon", "google", "microsoft", "tesla", "ford",
      "dell", "oracle", "jaguar", "mercedes", "siri", "alexa", "cortana", "claude", "gemini", "java", "python",
      "ruby", "rust", "swift", "julia", "scala", "go", "docker", "linux", "windows", "android", "chrome",
      "firefox", "safari", "jenkins", "maven", "kafka", "redis", "spark", "flask", "django", "rails", "jest",
      "mocha", "chai", "jasmine", "karma", "kubernetes", "helm", "ansible", "terraform", "nginx", "apache",
      "postgres", "mongo", "express", "angular", "react", "vue", "ember", "rocky", "debian", "ubuntu",
      "fedora", "jupyter", "pandas", "numpy", "christmas", "easter", "god", "jesus", "allah", "buddha",
      "lee", "ok", "okay", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec", "user", "assistant", "system", "bot", "human", "agent",
      "tool", "admin", "guest", "null", "true", "false", "none", "nan", "error", "warning", "info", "debug",
      "email", "e-mail", "mail", "website", "web", "fax", "phone", "tel", "mobile", "cell", "url", "address",
      "zip", "postcode", "ssn", "iban", "dob", "id", "re", "fwd", "subject", "cc", "bcc", "i'm", "i'll", "i'd",
      "i've", "traceback",
      // languages and nationalities ("Plain English", "German, French or Portuguese")
      "english", "german", "french", "spanish", "italian", "portuguese", "dutch", "chinese", "japanese", "korean",
      "russian", "arabic", "hindi", "polish", "swedish", "norwegian", "danish", "finnish", "greek", "turkish",
      "ethiopian", "american", "british", "canadian", "australian", "indian", "african", "european", "asian",
      "latin", "swiss", "austrian", "belgian", "irish", "scottish", "welsh", "mexican", "brazilian", "czech",
      "hungarian", "romanian", "ukrainian", "vietnamese", "thai", "indonesian", "persian", "hebrew", "icelandic",
      // words of software and data that head lines and labels in technical logs
      "metadata", "latency", "config", "configuration", "dataset", "datasets", "timestamp", "endpoint", "payload",
      "schema", "token", "tokens", "prompt", "prompts", "webhook", "backend", "frontend", "runtime", "middleware",
      "workflow", "pipeline", "json", "yaml", "csv", "api", "sdk", "cli", "uri", "http", "https", "regex",
      "unicode", "utf", "ascii", "boolean", "integer", "string", "enum", "localhost", "stdout", "stderr");

  /** Month and day names and their abbreviations: a run made only of them is a date ({@code Thu Mar 14}). */
  private static final Set<String> DATE_WORDS = Set.of("january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
      "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

  /** Words that open a street name ({@code Rua Mina}, {@code Via Roma}): what follows is no person. */
  private static final Set<String> STREET_PREFIXES = Set.of("rua", "via", "rue", "calle", "avenida", "av",
      "piazza", "viale", "corso", "plaza", "place", "platz", "ulica", "ul", "rio", "avenue", "boulevard",
      "travessa", "largo", "carrer", "paseo", "straat", "laan", "vej", "gade", "katu", "tie");

  
  /** Words that end a street name in an address ({@code 123 Main Street}). */
  private static final Set<String> STREET_SUFFIXES = Set.of("street", "st", "avenue", "ave", "road", "rd",
      "boulevard", "blvd", "lane", "ln", "drive", "dr", "court", "ct", "way", "place", "pl", "terrace",
      "parkway", "pkwy", "highway", "hwy", "square", "sq", "circle", "cir", "crescent", "close", "alley",
      "trail", "plaza", "strasse", "straße", "gasse", "weg", "platz", "rue", "calle", "via", "avenida");


  /** Legal-form suffixes that end a company name. */
  private static final Set<String> ORG_SUFFIXES = Set.of("inc", "incorporated", "ltd", "limited", "llc", "llp",
      "lp", "plc", "gmbh", "ag", "kg", "corp", "corporation", "co", "sarl", "sas", "bv", "nv", "pty", "oy",
      "oyj", "ab", "asa", "spa", "srl", "kk", "pte");

  /** Words before a place that say it is one ({@code from Lisbon}, {@code based in Ohio}). */
  /** Prepositions after which a lone word that names a place is the place ("from Paris", "in Jordan"). */
  private static final Set<String> PLACE_PREPOSITIONS = Set.of("from", "in", "near", "visiting");
  private static final double PLACE_AFTER_PREPOSITION = 0.7;

  private static final Set<String> PLACE_CUES = Set.of("in", "from", "at", "to", "near", "visit", "visiting",
      "via", "across", "around", "outside", "inside", "towards", "toward", "of", "born", "lives", "live",
      "moved", "travelling", "traveling", "city", "town", "country");

  /** Function words: never a name typed in lower case, whatever a lexicon says ({@code in} is a census first name). */
  private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "in", "on", "at", "of", "to", "is",
      "it", "and", "or", "but", "for", "with", "by", "from", "as", "be", "are", "was", "were", "my", "your", "his",
      "her", "our", "their", "me", "you", "he", "she", "we", "they", "him", "them", "this", "that", "not", "no",
      "so", "do", "if", "up", "out", "all", "any", "just", "also", "here", "there", "what", "who", "how", "why",
      "when", "where", "which", "can", "could", "would", "should", "does", "did", "please");

  /** Name particles written in lower case between the parts of a name ({@code Maika van de Noort}). */
  private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "del", "della", "di", "da",
      "du", "dos", "das", "do", "la", "le", "ter", "ten", "bin", "binti", "ibn", "al", "el", "y", "zu", "af");

  /** Endings that mark a surname in many languages ({@code Yefremova}, {@code Šušulić}, {@code Bergsveinsson}). */
  private static final List<String> SURNAME_ENDINGS = List.of("ova", "eva", "ov", "ev", "yev", "iyev", "ski", "ska",
      "sky", "skaya", "skiy", "wicz", "owicz", "ević", "ović", "vić", "ić", "sson", "ssen", "dóttir", "dottir",
      "enko", "chuk", "czyk", "yan", "yants", "idis", "opoulos", "akis", "escu", "oglu", "oğlu", "shvili", "adze",
      "ssohn", "mann", "stein", "berg", "feld", "inen", "ainen", "sen", "poulos");

  private static final Set<String> PERSON_KEYS = Set.of("name", "firstname", "lastname", "fullname", "givenname",
      "familyname", "surname", "middlename", "displayname", "customername", "customer", "contact", "contactname",
      "author", "user", "owner", "patient", "patientname", "recipient", "recipientname", "sender", "sendername",
      "person", "employee", "employeename", "assignee", "reporter", "signedby", "createdby", "accountholder",
      "cardholder", "cardholdername", "holdername", "billingname", "shippingname", "attendee", "guest",
      "passenger", "applicant", "beneficiary", "spouse", "manager", "doctor", "physician", "nurse");

  private static final Set<String> LOCATION_KEYS = Set.of("city", "country", "state", "province", "region",
      "town", "address", "street", "streetaddress", "address1", "address2", "addressline1", "addressline2",
      "location", "birthplace", "placeofbirth", "county", "district", "hometown");

  private static final Set<String> ORGANIZATION_KEYS = Set.of("company", "companyname", "organization",
      "organisation", "organizationname", "organisationname", "employer", "org", "orgname", "business",
      "businessname", "firm", "institution", "school", "university", "bank", "bankname", "agency");

  private final NameLexicons lexicons;
  private final LocationDetector locations;

  /** A detector over the shipped lexicons, with a place detector of its own. */
  public NameDetector() {
    this(new LocationDetector());
  }

  /**
   * A detector over the shipped lexicons that reads places with {@code locations}: give it the instance the
   * detector set runs too, and the places of each text are found once ({@link LocationDetector} keeps its last
   * answer per thread).
   */
  public NameDetector(LocationDetector locations) {
    this(NameLexicons.builtIn(), locations);
  }

  NameDetector(NameLexicons lexicons, LocationDetector locations) {
    this.lexicons = lexicons;
    this.locations = java.util.Objects.requireNonNull(locations, "locations is null");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    if (context.jsonKey() != null) {
      Span whole = wholeValue(text, context.jsonKey());
      if (whole != null) {
        // places are LocationDetector's: a location key's value is no name
        return whole.type().equals(EntityTypes.LOCATION) ? List.of() : List.of(whole);
      }
    }
    List<Token> tokens = WordTokens.of(text);
    List<Span> found = new ArrayList<>();
    boolean[] taken = new boolean[tokens.size()];
    organizations(text, tokens, taken, found);
    OrganizationShapes.find(text, tokens, taken, found, this);
    // people are looked for beside companies only: where a place and a person overlap, the higher score wins
    boolean[] companies = taken.clone();
    claimPlaces(text, tokens, context, taken, found);
    people(text, tokens, companies, found);
    givenNameLists(text, tokens, taken, found);
    OrganizationShapes.signatureLines(text, tokens, companies, found, this);
    // addresses and places still claim their tokens from people; LocationDetector reports them
    List<Span> out = new ArrayList<>();
    for (Span s : resolveOverlaps(found)) {
      if (s.type().equals(EntityTypes.LOCATION)) {
        continue;
      }
      out.add(s.type().equals(EntityTypes.PERSON) && personIsAPlace(text, tokens, s)
          ? new Span(s.start(), s.end(), EntityTypes.LOCATION, PLACE_AFTER_PREPOSITION, NAME)
          : s);
    }
    return out;
  }

  /**
   * The places {@link LocationDetector} finds claim their tokens: a person overlapping one is kept only when it
   * scores higher (see {@link #resolveOverlaps}); places are reported by that detector, not this one.
   */
  private void claimPlaces(String text, List<Token> tokens, ScanContext context, boolean[] taken, List<Span> found) {
    List<Span> places = locations.detect(text, context);
    if (places.isEmpty()) {
      return;
    }
    int k = 0;
    for (Span p : places) {
      found.add(p);
      while (k < tokens.size() && tokens.get(k).end() <= p.start()) {
        k++;
      }
      for (int j = k; j < tokens.size() && tokens.get(j).start() < p.end(); j++) {
        taken[j] = true;
      }
    }
  }

  // ---- JSON key hints ----

  private Span wholeValue(String text, String key) {
    String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    String type = PERSON_KEYS.contains(k) ? EntityTypes.PERSON
        : LOCATION_KEYS.contains(k) ? EntityTypes.LOCATION
        : ORGANIZATION_KEYS.contains(k) ? EntityTypes.ORGANIZATION : null;
    if (type == null) {
      return null;
    }
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end || end - start > 120) {
      return null;
    }
    List<Token> tokens = WordTokens.of(text.substring(start, end));
    if (type.equals(EntityTypes.PERSON)) {
      if (!looksLikeName(text.substring(start, end), tokens)) {
        return null;
      }
    } else if (tokens.isEmpty() || !Character.isLetterOrDigit(text.charAt(start))) {
      return null;
    }
    return new Span(start, end, type, 0.85, NAME);
  }

  /** Letters, spaces, initials and name punctuation only; 1 to 4 words, each capitalised or all lower. */
  private static boolean looksLikeName(String value, List<Token> tokens) {
    if (tokens.isEmpty() || tokens.size() > MAX_NAME_WORDS + 1) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(Character.isLetter(c) || c == ' ' || c == '.' || c == '-' || c == '\'' || c == '\u2019' || c == ',')) {
        return false;
      }
    }
    boolean allCapitalised = tokens.stream().allMatch(Token::capitalised);
    boolean allLower = tokens.stream().noneMatch(Token::capitalised);
    return allCapitalised || (allLower && tokens.size() >= 2);
  }

  // ---- organisations: Capitalised Words + legal-form suffix ----

  private void organizations(String text, List<Token> tokens, boolean[] taken, List<Span> found) {
    Boolean lowerCaseText = null;
    for (int k = 1; k < tokens.size(); k++) {
      Token suffix = tokens.get(k);
      if (!ORG_SUFFIXES.contains(suffix.lower())) {
        continue;
      }
      if (!(suffix.capitalised() || suffix.allCaps())) {
        if (LOWER_CASE_SUFFIXES.contains(suffix.lower())) {
          if (lowerCaseText == null) {
            lowerCaseText = lowerCaseText(tokens);
          }
          if (lowerCaseText) {
            lowerCaseOrganization(text, tokens, k, taken, found);
          }
        }
        continue;
      }
      String gap = between(text, tokens.get(k - 1), suffix);
      if (!(gap.equals(" ") || gap.equals(", ") || gap.equals(" & "))) {
        continue;
      }
      int first = k;
      int j = k - 1;
      while (j >= 0 && k - j <= MAX_NAME_WORDS && tokens.get(j).capitalised() && !taken[j]) {
        Token t = tokens.get(j);
        if (j < k - 1 && !joinedBySpace(text, t, tokens.get(j + 1))) {
          break;
        }
        if (t.lower().equals("the") || (sentenceStart(text, tokens, j) && isCommonWord(t) && j < k - 1)) {
          break;
        }
        first = j;
        j--;
      }
      if (first == k) {
        continue;
      }
      int end = suffix.end();
      if (end < text.length() && text.charAt(end) == '.') {
        end++;
      }
      found.add(new Span(tokens.get(first).start(), end, EntityTypes.ORGANIZATION, 0.8, NAME));
      for (int t = first; t <= k; t++) {
        taken[t] = true;
      }
    }
  }

  /** Legal suffixes that, typed in lower case, are no English word: {@code stillwater supercomputing inc.} */
  private static final Set<String> LOWER_CASE_SUFFIXES = Set.of("inc", "llc", "ltd", "gmbh", "plc", "llp");

  /**
   * In a text typed in lower case, up to two lower-case words before a lower-case legal suffix, back to a
   * function word, a number, a name word or anything but one space.
   */
  private void lowerCaseOrganization(String text, List<Token> tokens, int k, boolean[] taken, List<Span> found) {
    Token suffix = tokens.get(k);
    if (!gap(text, tokens.get(k - 1), suffix, " ")) {
      return;
    }
    int first = k;
    for (int j = k - 1; j >= 0 && k - j <= 2 && !taken[j]; j--) {
      Token t = tokens.get(j);
      if (t.number() || t.length() < 2 || FUNCTION_WORDS.contains(t.lower()) || isNameWord(t)
          || !gap(text, t, tokens.get(j + 1), " ")) {
        break;
      }
      first = j;
    }
    if (first == k) {
      return;
    }
    int end = suffix.end();
    if (end < text.length() && text.charAt(end) == '.') {
      end++;
    }
    found.add(new Span(tokens.get(first).start(), end, EntityTypes.ORGANIZATION, 0.7, NAME));
    for (int t = first; t <= k; t++) {
      taken[t] = true;
    }
  }

  // ---- people ----

  private void people(String text, List<Token> tokens, boolean[] taken, List<Span> found) {
    boolean lowerCaseText = lowerCaseText(tokens);
    int k = 0;
    while (k < tokens.size()) {
      if (taken[k]) {
        k++;
        continue;
      }
      if (!nameShaped(tokens.get(k))) {
        int next = lowerCaseText ? lowerCaseFullName(text, tokens, k, taken, found) : k;
        k = next > k ? next : lowerCaseAfterCue(text, tokens, k, taken, found);
        continue;
      }
      int end = k;
      int words = tokens.get(k).initial() ? 0 : 1;
      while (end + 1 < tokens.size() && !taken[end + 1] && words < MAX_NAME_WORDS) {
        int particles = nameParticlesAt(text, tokens, end + 1, taken);
        int next = end + 1 + particles;
        if (next >= tokens.size() || taken[next] || !nameShaped(tokens.get(next))
            || !joinedBySpace(text, tokens.get(next - 1), tokens.get(next))
            || (particles == 0 && !joinedBySpace(text, tokens.get(end), tokens.get(next)))
            || (words >= MAX_NAME_WORDS && !tokens.get(next).initial())
            || (particles == 0 && between(text, tokens.get(end), tokens.get(next)).length() > 1
                && placeStartsAt(tokens.get(next), found))) {
          break; // "Martin Karlsen  Los Angeles": a wider gap before a place found ends the name
        }
        end = next;
        if (!tokens.get(end).initial()) {
          words++;
        }
      }
      scoreRun(text, tokens, k, end, found);
      k = end + 1;
    }
  }

  /**
   * A list of three or more one-word items joined by commas and a final {@code and}/{@code or}
   * ({@code they had 6: silvana, adam, chad and caleb}; {@code Hleb, Sheila, Sherry and Shane}), where every
   * item is a known given name (or a one-word name found already) and all but one are no common word: each
   * item not found yet is a person. In a list of four or more, one item may be a word no lexicon knows.
   */
  private void givenNameLists(String text, List<Token> tokens, boolean[] taken, List<Span> found) {
    Span[] spansByToken = null; // built at the first list: a long list must not look through every span per item
    int k = 0;
    while (k < tokens.size()) {
      int end = k;
      int items = 1;
      // items are single words, ", " between them, and ", and " / " and " / " or " before the last
      while (end + 1 < tokens.size()) {
        Token next = tokens.get(end + 1);
        boolean comma = gap(text, tokens.get(end), next, ", ");
        boolean conjunction = next.lower().equals("and") || next.lower().equals("or");
        if (comma && !conjunction) {
          end++;
          items++;
        } else if (conjunction && (comma || gap(text, tokens.get(end), next, " ")) && !next.capitalised()
            && end + 2 < tokens.size() && gap(text, next, tokens.get(end + 2), " ") && items >= 2) {
          end += 2;
          items++;
          break;
        } else {
          break;
        }
      }
      if (items >= 3 && end > k && !tokens.get(end - 1).lower().equals("and") && !tokens.get(end - 1).lower().equals("or")) {
        end = k; // the list has no final "and": not a list of names
      }
      if (items >= 3 && end > k) {
        if (spansByToken == null) {
          spansByToken = spansByToken(tokens, found);
        }
        reportListedNames(text, tokens, k, end, taken, found, spansByToken);
      }
      k = end + 1;
    }
  }

  private void reportListedNames(String text, List<Token> tokens, int from, int to, boolean[] taken, List<Span> found,
      Span[] spansByToken) {
    int common = 0;
    int unknown = 0;
    int items = 0;
    boolean capitalised = tokens.get(from).capitalised();
    for (int k = from; k <= to; k++) {
      Token t = tokens.get(k);
      if (t.lower().equals("and") || t.lower().equals("or")) {
        continue;
      }
      items++;
      if (t.number() || t.capitalised() != capitalised || t.allCaps() || FUNCTION_WORDS.contains(t.lower())) {
        return;
      }
      Span at = spansByToken[k];
      boolean person = lexicons.firstNames().contains(t.lower()) || at != null && at.type().equals(EntityTypes.PERSON)
          && at.start() == t.start() && at.end() == t.end();
      if (!person) {
        // one word no lexicon knows may stand among given names ("leonti, terrence, pamela and brian")
        if (isCommonWord(t) || lexicons.places().contains(t.lower()) || lexicons.properNouns().contains(t.lower())
            || t.length() < 3) {
          return;
        }
        unknown++;
      }
      common += isCommonWord(t) ? 1 : 0;
    }
    if (common > 1 || unknown > 1 || (unknown == 1 && items < 4)) {
      return;
    }
    for (int k = from; k <= to; k++) {
      Token t = tokens.get(k);
      if (t.lower().equals("and") || t.lower().equals("or") || taken[k] || spansByToken[k] != null) {
        continue;
      }
      found.add(new Span(t.start(), t.end(), EntityTypes.PERSON, 0.6, NAME));
    }
  }

  private static boolean placeStartsAt(Token t, List<Span> found) {
    for (Span s : found) {
      if (s.start() == t.start() && s.type().equals(EntityTypes.LOCATION)) {
        return true;
      }
    }
    return false;
  }

  /**
   * For each token, a span found so far that overlaps it, or null: a person's span of exactly that token if
   * there is one, else the first in {@code found}.
   */
  private static Span[] spansByToken(List<Token> tokens, List<Span> found) {
    Span[] out = new Span[tokens.size()];
    for (Span s : found) {
      for (int k = OrganizationShapes.firstTokenFrom(tokens, s.start()) - 1; k < tokens.size(); k++) {
        if (k < 0 || tokens.get(k).end() <= s.start()) {
          continue;
        }
        if (tokens.get(k).start() >= s.end()) {
          break;
        }
        Token t = tokens.get(k);
        boolean exactPerson = s.type().equals(EntityTypes.PERSON) && s.start() == t.start() && s.end() == t.end();
        if (out[k] == null || exactPerson) {
          out[k] = s;
        }
      }
    }
    return out;
  }


  /**
   * After a strong cue ({@code my name is}, {@code call me}) a name may be typed in lower case: up to
   * three lower-case words are taken: the first no common English word (or, after the strongest cues,
   * a first name such as {@code bob}), the others names or no common words. Returns the next token to read.
   */
  private int lowerCaseAfterCue(String text, List<Token> tokens, int k, boolean[] taken, List<Span> found) {
    Token t = tokens.get(k);
    if (t.number() || t.capitalised() || k == 0 || !CUE_LAST_WORDS.contains(tokens.get(k - 1).lower())) {
      return k + 1;
    }
    boolean common = isCommonWord(t);
    if (FUNCTION_WORDS.contains(t.lower()) || (common && !lexicons.firstNames().contains(t.lower()))) {
      return k + 1;
    }
    double cue = cueBefore(text, t.start());
    if (cue < 0.35 || (common && cue < 0.4)) {
      return k + 1;
    }
    int end = k;
    while (end + 1 < tokens.size() && end - k < 2 && !taken[end + 1] && !tokens.get(end + 1).number()
        && !tokens.get(end + 1).capitalised() && (!isCommonWord(tokens.get(end + 1)) || isNameWord(tokens.get(end + 1)))
        && joinedBySpace(text, tokens.get(end), tokens.get(end + 1))) {
      end++;
    }
    double score = 0.2 + cue + (isNameWord(t) ? 0.2 : 0);
    if (score >= THRESHOLD) {
      found.add(new Span(t.start(), tokens.get(end).end(), EntityTypes.PERSON, Math.min(score, 0.99), NAME));
    }
    return end + 1;
  }

  /**
   * The number of lower-case name particles ({@code van de}, {@code bin}, {@code al}) starting at token
   * {@code k}, each one space from the next, that a capitalised word follows: 0 when there are none.
   */
  private static int particlesAt(String text, List<Token> tokens, int k, boolean[] taken) {
    int n = 0;
    while (k + n < tokens.size() && n < 2 && !taken[k + n] && !tokens.get(k + n).capitalised()
        && PARTICLES.contains(tokens.get(k + n).lower()) && joinedBySpace(text, tokens.get(k + n - 1), tokens.get(k + n))) {
      n++;
    }
    return n > 0 && k + n < tokens.size() && tokens.get(k + n).capitalised() ? n : 0;
  }

  /** Particles join a name only after a known given name or an initial ({@code Dyan van Gijn}, not {@code Soto del Barco}). */
  private int nameParticlesAt(String text, List<Token> tokens, int k, boolean[] taken) {
    Token before = tokens.get(k - 1);
    return before.initial() || (lexicons.firstNames().contains(before.lower()) && !isCommonWord(before))
        ? particlesAt(text, tokens, k, taken) : 0;
  }

  /**
   * A name typed all in lower case ({@code olga krylova}, {@code benjamin a seiler}): a known given name,
   * an optional one-letter initial, then a known surname, none of them a common English word. Returns the
   * next token to read, or {@code k} when there is no such name at {@code k}.
   */
  private int lowerCaseFullName(String text, List<Token> tokens, int k, boolean[] taken, List<Span> found) {
    Token given = tokens.get(k);
    if (k + 1 >= tokens.size() || given.number() || given.capitalised() || given.length() < 3
        || tokens.get(k + 1).capitalised() || tokens.get(k + 1).number() || tokens.get(k + 1).start() - given.end() > 2
        || FUNCTION_WORDS.contains(given.lower())
        || (tokens.get(k + 1).length() > 1 && (tokens.get(k + 1).length() < 3 || FUNCTION_WORDS.contains(tokens.get(k + 1).lower())))
        || !lexicons.firstNames().contains(given.lower()) || isCommonWord(given) || k + 1 >= tokens.size()) {
      return k;
    }
    int last = k + 1;
    if (last + 1 < tokens.size() && tokens.get(last).length() == 1 && !tokens.get(last).number()
        && !tokens.get(last).capitalised() && lowerJoined(text, tokens.get(k), tokens.get(last))) {
      last++;
    }
    Token family = tokens.get(last);
    if (taken[last] || family.number() || family.capitalised() || family.length() < 3
        || (family.end() + 1 < text.length() && text.charAt(family.end()) == ':' && !Character.isWhitespace(text.charAt(family.end() + 1)))
        || !lowerJoined(text, tokens.get(last - 1), family) || isCommonWord(family)
        || FUNCTION_WORDS.contains(family.lower())
        || !(lexicons.surnames().contains(family.lower()) || surnameEnding(family.lower()))
        || insideIdentifier(text, given.start(), family.end())) {
      return k;
    }
    double score = 0.55 + cueBefore(text, given.start()) + cueAfter(text, family.end(), tokens, k);
    found.add(new Span(given.start(), family.end(), EntityTypes.PERSON, Math.min(score, 0.99), NAME));
    return last + 1;
  }

  /**
   * Whether a text is typed (almost) all in lower case: at most one word in twenty capitalised. Only there
   * are names looked for in lower case without a cue; in ordinary text a name is capitalised.
   */
  private static boolean lowerCaseText(List<Token> tokens) {
    int words = 0;
    int capitalised = 0;
    for (Token t : tokens) {
      if (!t.number()) {
        words++;
        capitalised += t.capitalised() ? 1 : 0;
      }
    }
    return words > 0 && capitalised * 20 <= words;
  }

  /** One or two spaces, or an initial's full stop and a space, between two lower-case tokens. */
  private static boolean lowerJoined(String text, Token a, Token b) {
    String gap = between(text, a, b);
    return gap.equals(" ") || gap.equals("  ") || (a.length() == 1 && gap.equals(". "));
  }

  /** Whether a word ends like a surname of one of the languages in {@link #SURNAME_ENDINGS}. */
  /** Endings that mark a surname even alone ({@code Yefremova}, {@code Živković}): few other words end so. */
  private static final List<String> STRONG_SURNAME_ENDINGS = List.of("ova", "eva", "ov", "ev", "ski", "ska", "sky",
      "wicz", "ević", "ović", "vić", "enko", "shvili", "adze", "opoulos", "dóttir", "dottir", "sson");

  static boolean strongSurnameEnding(String lower) {
    for (String ending : STRONG_SURNAME_ENDINGS) {
      if (lower.length() >= ending.length() + 4 && lower.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  static boolean surnameEnding(String lower) {
    for (String ending : SURNAME_ENDINGS) {
      if (lower.length() >= ending.length() + 3 && lower.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  private boolean nameShaped(Token t) {
    if (t.number() || !t.capitalised() || camelCase(t)) {
      return false;
    }
    if (t.allCaps()) {
      return (lexicons.firstNames().contains(t.lower()) || lexicons.surnames().contains(t.lower())) && !isCommonWord(t);
    }
    return true;
  }

  /** Splits a run of capitalised words at common words and titles, and scores each remaining piece. */
  private void scoreRun(String text, List<Token> tokens, int from, int to, List<Span> found) {
    int start = from;
    for (int k = from; k <= to + 1; k++) {
      boolean boundary = k > to || (splitsRun(tokens.get(k)) && !keptInName(text, tokens, from, to, k))
          || (k == from && k < to && verbBeforeGivenName(text, tokens, k));
      if (boundary) {
        if (k > start) {
          scorePiece(text, tokens, start, k - 1, found);
        }
        start = k + 1;
      }
    }
  }

  /**
   * {@code Tell Priya the build is green}: a common word opening a sentence that is a surname but no given
   * name, before a known given name, is the sentence's verb, not the name's first word.
   */
  private boolean verbBeforeGivenName(String text, List<Token> tokens, int k) {
    Token t = tokens.get(k);
    return isCommonWord(t) && !lexicons.firstNames().contains(t.lower()) && isGivenName(tokens.get(k + 1))
        && sentenceStart(text, tokens, k);
  }

  /**
   * A token that would split a run but belongs to a name: a middle initial that is also a word, followed
   * by its full stop ({@code John A. Leiva}), or a common word after a known given name and an initial
   * ({@code Jildau S Bouts}).
   */
  private boolean keptInName(String text, List<Token> tokens, int from, int to, int k) {
    Token t = tokens.get(k);
    if (t.initial()) {
      return k > from && k < to && t.end() < text.length() && text.charAt(t.end()) == '.'
          && isGivenName(tokens.get(k - 1));
    }
    return k == to && k - 2 >= from && tokens.get(k - 1).initial() && isGivenName(tokens.get(k - 2))
        && !FUNCTION_WORDS.contains(t.lower()) && !TITLES.contains(t.lower()) && !GREETINGS.contains(t.lower());
  }

  /**
   * Titles, greetings and common words that are not names end a piece; a common word that is also a
   * name ({@code Will}, {@code Rose}) stays and is weighed in {@link #scorePiece}.
   */
  private boolean splitsRun(Token t) {
    if (!t.capitalised()) {
      return false; // a lower-case token inside a run is a name particle (van, de, bin)
    }
    return FUNCTION_WORDS.contains(t.lower()) || TITLES.contains(t.lower()) || GREETINGS.contains(t.lower())
        || (!t.initial() && isCommonWord(t) && !isNameWord(t));
  }

  private void scorePiece(String text, List<Token> tokens, int from, int to, List<Span> found) {
    // a trailing lone capital is a sentence's "I" or a list letter more often than an initial
    while (to > from && (tokens.get(to).initial() || !tokens.get(to).capitalised())) {
      to--;
    }
    while (from < to && !tokens.get(from).capitalised()) {
      from++;
    }
    List<Token> words = new ArrayList<>();
    boolean initials = false;
    boolean particles = false;
    for (int k = from; k <= to; k++) {
      if (tokens.get(k).initial()) {
        initials = true;
      } else if (!tokens.get(k).capitalised()) {
        particles = true;
      } else {
        words.add(tokens.get(k));
      }
    }
    if (words.isEmpty()) {
      return;
    }
    if (inStreetName(text, tokens, from, to, words) || insideIdentifier(text, tokens.get(from).start(), tokens.get(to).end())) {
      return;
    }
    if (words.stream().allMatch(w -> DATE_WORDS.contains(w.lower())) || beforeCodeName(text, tokens, to)
        || words.stream().anyMatch(NameDetector::headerShaped)) {
      return;
    }
    if (words.size() == 1 && !isNameWord(words.get(0)) && englishNoun(words.get(0).lower())) {
      return; // "Validator:", "Exporter", "Deployment": a word no lexicon knows, shaped like an English noun
    }
    Token first = words.get(0);
    Token last = words.get(words.size() - 1);
    boolean listed = listedWithNames(text, tokens, from, to);
    double score;
    if (words.size() == 1) {
      Token w = first;
      boolean common = isCommonWord(w);
      // a famous bearer (a proper noun of the word list) matters less when other names stand beside it
      boolean proper = lexicons.properNouns().contains(w.lower()) && !listed;
      if (lexicons.firstNames().contains(w.lower()) && !common) {
        score = 0.55;
      } else if ((lexicons.surnames().contains(w.lower()) || surnameEnding(w.lower())) && !common) {
        score = proper ? 0.2 : strongSurnameEnding(w.lower()) ? 0.5 : 0.4;
      } else if (isNameWord(w) || common || proper) {
        score = 0.15;
      } else {
        score = 0.3;
      }
      if (common && sentenceStart(text, tokens, from)) {
        score -= 0.3;
      }
    } else {
      boolean firstKnown = lexicons.firstNames().contains(first.lower());
      boolean lastKnown = lexicons.surnames().contains(last.lower())
          || (surnameEnding(last.lower()) && !isCommonWord(last));
      int strong = 0;
      int known = 0;
      int common = 0;
      for (Token w : words) {
        boolean name = isNameWord(w);
        known += name ? 1 : 0;
        strong += name && !isCommonWord(w) ? 1 : 0;
        common += isCommonWord(w) ? 1 : 0;
      }
      if (firstKnown && lastKnown) {
        score = common == 0 ? 0.85 : common < words.size() ? 0.65 : 0.35;
      } else if (strong >= 1) {
        score = 0.5 + 0.1 * Math.min(strong - 1, 2);
      } else if (known >= 1) {
        score = 0.35;
      } else if (common == 0 && words.stream().noneMatch(w -> lexicons.properNouns().contains(w.lower()))) {
        score = 0.5;
      } else {
        score = 0.3;
      }
    }
    if (initials || particles) {
      score += 0.15;
    }
    score += PersonContext.around(text, tokens, from, to, words.size() == 1 && isNameWord(first) && !isCommonWord(first),
        isNameWord(last), words.size() > 1 && !lexicons.surnames().contains(last.lower()));
    if (!(lexicons.firstNames().contains(first.lower()) && lexicons.surnames().contains(last.lower()))
        && isPlace(text, tokens, from, to) && (!lexicons.firstNames().contains(first.lower()) || afterPlaceCue(text, tokens, from))
        && !(listed && words.size() == 1 && isNameWord(first))) {
      score -= 0.3;
    }
    if (listed) {
      score += 0.2;
    }
    int start = tokens.get(from).start();
    int end = tokens.get(to).end();
    score += cueBefore(text, start);
    score += cueAfter(text, end, tokens, from);
    if (score >= THRESHOLD) {
      found.add(new Span(start, end, EntityTypes.PERSON, Math.min(score, 0.99), NAME));
    }
  }

  /**
   * The piece ending at token {@code to} is followed, after one space, by a CamelCase identifier:
   * a library or class name ({@code Jackson ObjectMapper}, {@code Spring WebClient}), not a person.
   */
  private static boolean beforeCodeName(String text, List<Token> tokens, int to) {
    return to + 1 < tokens.size() && joinedBySpace(text, tokens.get(to), tokens.get(to + 1))
        && camelCase(tokens.get(to + 1)) && !tokens.get(to + 1).allCaps();
  }

  /**
   * An HTTP-header-like word ({@code X-Request-Id}, {@code Content-Security-Policy}): a one-letter
   * part before a hyphen, or two hyphens or more. Double-barrelled names ({@code Jean-Luc}) have one.
   */
  private static boolean headerShaped(Token t) {
    String w = t.lower();
    int first = w.indexOf('-');
    return first == 1 || (first > 0 && w.indexOf('-', first + 1) > 0);
  }

  /** Part of an e-mail address, URL, path or code identifier ({@code JaneDoe@}, {@code Foo.Bar}, {@code x_Jane}). */
  static boolean insideIdentifier(String text, int start, int end) {
    char before = start > 0 ? text.charAt(start - 1) : ' ';
    char after = end < text.length() ? text.charAt(end) : ' ';
    if ("@/_\\.#$<=".indexOf(before) >= 0 || "@/_\\(<=".indexOf(after) >= 0 || Character.isDigit(after)
        || Character.isDigit(before)) {
      return true;
    }
    return after == '.' && end + 1 < text.length() && Character.isLetterOrDigit(text.charAt(end + 1));
  }

  /**
   * A lower-case letter followed by a capital inside one word, as in code identifiers
   * ({@code getUserName}, {@code JaneDoe}); name prefixes such as {@code McDonald}, {@code DeVito} and
   * {@code MacArthur} are allowed.
   */
  private static boolean camelCase(Token t) {
    String lower = t.lower();
    int length = t.length();
    for (int i = 1; i < length; i++) {
      char c = lower.charAt(i);
      if (c == '-' || c == '\'' || c == '\u2019') {
        i++;
        continue;
      }
      if (Character.isLetter(c) && t.upperAt(i)) {
        String prefix = lower.substring(0, i);
        if (!(prefix.equals("mc") || prefix.equals("mac") || prefix.equals("de") || prefix.equals("di")
            || prefix.equals("la") || prefix.equals("le") || prefix.equals("van") || prefix.equals("von")
            || prefix.equals("da") || prefix.equals("du") || prefix.equals("o"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A piece inside a street name: after {@code Rua}/{@code Via}, or before {@code Street}/{@code Road}. */
  private static boolean inStreetName(String text, List<Token> tokens, int from, int to, List<Token> words) {
    for (Token w : words) {
      if (STREET_PREFIXES.contains(w.lower())) {
        return true;
      }
    }
    if (from > 0 && STREET_PREFIXES.contains(tokens.get(from - 1).lower())
        && joinedBySpace(text, tokens.get(from - 1), tokens.get(from))) {
      return true;
    }
    return to + 1 < tokens.size() && STREET_SUFFIXES.contains(tokens.get(to + 1).lower())
        && tokens.get(to + 1).capitalised() && joinedBySpace(text, tokens.get(to), tokens.get(to + 1));
  }

  private static boolean afterPlaceCue(String text, List<Token> tokens, int from) {
    return from > 0 && PLACE_CUES.contains(tokens.get(from - 1).lower()) && joinedBySpace(text, tokens.get(from - 1), tokens.get(from));
  }

  private boolean isPlace(String text, List<Token> tokens, int from, int to) {
    StringBuilder key = new StringBuilder();
    for (int k = from; k <= to; k++) {
      key.append(k == from ? "" : " ").append(tokens.get(k).lower());
    }
    return lexicons.places().contains(key.toString());
  }

  /** {@code Morrison, Rogers and Torres}: a capitalised name-like word beside it in a list. */
  private boolean listedWithNames(String text, List<Token> tokens, int from, int to) {
    if (from > 0) {
      Token before = tokens.get(from - 1);
      String gap = between(text, before, tokens.get(from));
      if (LIST_GAPS.contains(gap) && listable(before)) {
        return true;
      }
      if (from > 1 && gap.equals(" ") && (before.lower().equals("and") || before.lower().equals("or"))) {
        Token name = tokens.get(from - 2);
        return listable(name) && gap(text, name, before, " ");
      }
    }
    if (to + 1 < tokens.size()) {
      Token after = tokens.get(to + 1);
      String gap = between(text, tokens.get(to), after);
      if (LIST_GAPS.contains(gap) && listable(after)) {
        return true;
      }
      if (to + 2 < tokens.size() && gap.equals(" ") && (after.lower().equals("and") || after.lower().equals("or"))) {
        Token name = tokens.get(to + 2);
        return listable(name) && gap(text, after, name, " ");
      }
    }
    return false;
  }

  private boolean listable(Token t) {
    return t.capitalised() && !t.allCaps() && !isCommonWord(t) && (isNameWord(t)
        || (!lexicons.properNouns().contains(t.lower()) && !lexicons.places().contains(t.lower())));
  }

  /** Whether tokens {@code from..to}, joined by spaces, name a known place. */
  boolean knownPlace(List<Token> tokens, int from, int to) {
    StringBuilder key = new StringBuilder();
    for (int k = from; k <= to; k++) {
      key.append(k == from ? "" : " ").append(tokens.get(k).lower());
    }
    return lexicons.places().contains(key.toString());
  }

  /**
   * The number of tokens from {@code from} (at most to {@code to}) that spell the longest name of a listed
   * company ({@code Morgan Stanley}, {@code T. Rowe Price}), or 0.
   */
  int listedCompany(List<Token> tokens, int from, int to) {
    if (!lexicons.companyFirstWords().contains(tokens.get(from).lower())) {
      return 0;
    }
    int best = 0;
    StringBuilder key = new StringBuilder();
    for (int k = from; k <= to && k < tokens.size() && k - from < MAX_COMPANY_WORDS; k++) {
      key.append(k == from ? "" : " ").append(tokens.get(k).lower());
      if (lexicons.companies().contains(key.toString())) {
        best = k - from + 1;
      }
    }
    return best;
  }

  /** A word of the given-name lexicons, common English word or not ({@code Maria}, {@code Will}). */
  boolean inGivenNames(Token t) {
    return lexicons.firstNames().contains(t.lower());
  }

  /** A known given name that is no common English word. */
  boolean isGivenName(Token t) {
    return lexicons.firstNames().contains(t.lower()) && !isCommonWord(t);
  }

  boolean isNameWord(Token t) {
    return lexicons.firstNames().contains(t.lower()) || lexicons.surnames().contains(t.lower());
  }

  /** A common English word, or a word that collides with names (months, days, products). */
  boolean isCommonWord(Token t) {
    return COLLISIONS.contains(t.lower()) || lexicons.englishWords().contains(t.lower());
  }

  // ---- cues ----

  /** The weight of the strongest cue phrase ending just before {@code start}, or a sign-off line above it. */
  static double cueBefore(String text, int start) {
    int from = Math.max(0, start - CUE_WINDOW);
    String window = text.substring(from, start).toLowerCase(Locale.ROOT);
    int lineBreak = window.lastIndexOf('\n');
    String line = window.substring(lineBreak + 1);
    String trimmed = stripTrailing(line);
    double best = 0;
    if (trimmed.isEmpty() && lineBreak >= 0) {
      String previous = stripTrailing(window.substring(0, lineBreak));
      int previousBreak = previous.lastIndexOf('\n');
      String previousLine = previous.substring(previousBreak + 1).strip();
      if (SIGN_OFFS.contains(previousLine)) {
        return 0.45;
      }
      return 0;
    }
    String normalised = collapseSpaces(trimmed);
    for (Cue cue : CUES_BY_LAST_WORD.getOrDefault(lastWord(normalised), List.of())) {
      if (normalised.endsWith(cue.phrase)) {
        int at = normalised.length() - cue.phrase.length();
        if (at == 0 || !Character.isLetter(normalised.charAt(at - 1))) {
          best = Math.max(best, cue.weight);
        }
      }
    }
    return best;
  }

  private static String collapseSpaces(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
      } else {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0) {
      char c = s.charAt(end - 1);
      if (Character.isWhitespace(c) || c == ':' || c == ',' || c == '-' || c == '.' || c == '\u2014' || c == '\u2013') {
        end--;
      } else {
        break;
      }
    }
    return s.substring(0, end);
  }

  private double cueAfter(String text, int end, List<Token> tokens, int from) {
    double score = 0;
    int i = end;
    // speaker label at the start of a line: "Nicole: ..."; a quoted line after it is dialogue
    if (i < text.length() && text.charAt(i) == ':' && sentenceStart(text, tokens, from)) {
      int q = i + 1 < text.length() && text.charAt(i + 1) == ' ' ? i + 2 : i + 1;
      score += q < text.length() && "\"\u201c".indexOf(text.charAt(q)) >= 0 ? 0.45 : 0.3;
    }
    // a kinship noun after a possessive: "Misty's daughter"
    if (i + 3 < text.length() && (text.startsWith("'s ", i) || text.startsWith("\u2019s ", i))) {
      int k = i + 3;
      int e = k;
      while (e < text.length() && Character.isLetter(text.charAt(e))) {
        e++;
      }
      if (KIN_AFTER.contains(text.substring(k, e).toLowerCase(Locale.ROOT))) {
        score += 0.35;
      }
    }
    int j = i;
    while (j < text.length() && text.charAt(j) == ' ') {
      j++;
    }
    int w = j;
    while (w < text.length() && Character.isLetter(text.charAt(w))) {
      w++;
    }
    if (w > j && VERBS_AFTER.contains(text.substring(j, w).toLowerCase(Locale.ROOT))) {
      score += 0.25;
    }
    // neighbourhood: an e-mail address or a phone number right after the name
    int limit = Math.min(text.length(), end + 40);
    int digits = 0;
    for (int k = end; k < limit; k++) {
      char c = text.charAt(k);
      if (c == '\n' && k > end + 1) {
        break;
      }
      if (c == '@') {
        score += 0.25;
        break;
      }
      if (c >= '0' && c <= '9' && ++digits >= 7) {
        score += 0.15;
        break;
      }
    }
    return score;
  }

  /** A greeting or thanks ({@code Hi}, {@code Hallo}, {@code Merci}): no part of a name. */
  static boolean greeting(Token t) {
    return GREETINGS.contains(t.lower());
  }

  /** Endings of English agent and abstract nouns that names of people do not have. */
  private static final List<String> NOUN_ENDINGS = List.of("ator", "ators", "izer", "izers", "iser", "isers",
      "ment", "ments", "tion", "tions", "sion", "sions", "ness", "ity", "ities", "ance", "ances", "ence",
      "ences", "ship", "ships", "ware", "able", "ible", "ical", "ology", "ism", "isms");

  private static boolean englishNoun(String w) {
    if (w.length() < 6) {
      return false;
    }
    for (String e : NOUN_ENDINGS) {
      if (w.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  /** Whether token {@code k} opens a sentence or a line, where any word is capitalised. */
  static boolean sentenceStart(String text, List<Token> tokens, int k) {
    int from = k == 0 ? 0 : tokens.get(k - 1).end();
    String gap = text.substring(from, tokens.get(k).start());
    if (k == 0 || gap.indexOf('\n') >= 0) {
      return true;
    }
    if (tokens.get(k - 1).initial() || TITLES.contains(tokens.get(k - 1).lower())) {
      return false;
    }
    for (int i = gap.length() - 1; i >= 0; i--) {
      char c = gap.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      return ".!?:;\"\u201c\u201d([{*#>-\u2022|".indexOf(c) >= 0;
    }
    return false;
  }

  static String between(String text, Token a, Token b) {
    return text.substring(a.end(), b.start());
  }

  /** Whether the text between tokens {@code a} and {@code b} is {@code expected}, without copying it. */
  static boolean gap(String text, Token a, Token b, String expected) {
    return b.start() - a.end() == expected.length() && text.startsWith(expected, a.end());
  }

  /** Two tokens one space apart, or an initial and a word as in {@code J. Smith}. */
  static boolean joinedBySpace(String text, Token a, Token b) {
    String gap = between(text, a, b);
    int i = a.initial() && gap.startsWith(".") ? 1 : 0;
    if (gap.length() - i < 1 || gap.length() - i > 3) {
      return false;
    }
    for (; i < gap.length(); i++) {
      if (gap.charAt(i) != ' ' && gap.charAt(i) != '\t') {
        return false;
      }
    }
    return true;
  }

  // ---- overlaps ----

  /**
   * A PERSON candidate that is a place: several words that together name a place the lexicon knows
   * ("San Francisco", "Santa Monica": each word looks like a name), or one such word right after
   * "from", "in", "near" or "visiting" ("I'm from Paris", "Greetings from Berlin": first names that
   * are also cities read as people everywhere else, but there the place is meant).
   */
  private boolean personIsAPlace(String text, List<Token> tokens, Span s) {
    int k = OrganizationShapes.firstTokenFrom(tokens, s.start());
    if (k < tokens.size()) {
      Token t = tokens.get(k);
      if (t.start() != s.start()) {
        return false;
      }
      if (t.end() != s.end()) {
        String whole = text.substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        return whole.indexOf(' ') > 0 && whole.indexOf('\n') < 0 && lexicons.places().contains(whole);
      }
      if (k == 0) {
        return false;
      }
      Token before = tokens.get(k - 1);
      return lexicons.places().contains(t.lower()) && PLACE_PREPOSITIONS.contains(before.lower())
          && joinedBySpace(text, before, t);
    }
    return false;
  }

  private static List<Span> resolveOverlaps(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
    List<Span> kept = new ArrayList<>();
    for (Span s : sorted) {
      Span previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
      if (previous != null && previous.overlaps(s)) {
        if (s.score() > previous.score()) {
          kept.set(kept.size() - 1, s);
        }
      } else {
        kept.add(s);
      }
    }
    return List.copyOf(kept);
  }

  private record Cue(String phrase, double weight) {}
}
