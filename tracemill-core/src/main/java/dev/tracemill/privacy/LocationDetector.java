package dev.tracemill.privacy;

import dev.tracemill.privacy.WordTokens.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds places ({@link EntityTypes#LOCATION}): postal addresses, and the names of countries, states and
 * cities.
 *
 * <p>How, in one pass over the tokens of {@link WordTokens}:
 * <ol>
 *   <li><b>Street lines.</b> A street is a house number and words ending in a street type
 *       ({@code 590 Edington Drive}, {@code 2202 Rissik St}), a street-type word that opens the name
 *       ({@code Rua Diadema 1903}, {@code 56 rue La Boétie}, {@code ul. Północna 73}, {@code C/ Señores
 *       Curas 88}), a compound street word ({@code Strickstrasse 61}, {@code Sludevej 13},
 *       {@code Koskikatu 25}, {@code Nybyvägen 65}), a number, capitalised words and a number
 *       ({@code 4923 Parmova 109}), a post-office box ({@code P.O. Box 242}, {@code Postbox 53}) or a
 *       US military address ({@code PSC 0413, Box 8144}, {@code USNS Vincent} then {@code FPO AA 42323}).
 *   <li><b>Address blocks.</b> From a street line the span grows over what follows on the same line
 *       after a comma or a unit ({@code Apt. 864}, {@code Suite 292}) and over the next lines that read
 *       as address lines: unit, city, {@code , ST} state, country, postcode. A line that could be a city
 *       but could as well be anything else (a capitalised line) is only kept when a later line confirms
 *       the block (a unit, state, country, postcode or a known place).
 *   <li><b>Place names</b> from the gazetteer (GeoNames cities of 1,000+ inhabitants and first-level
 *       divisions, see the resource README) and country names (the JDK's ISO 3166 display names in
 *       several languages). A name that is also a common English word or a person's name counts for
 *       little alone; a cue before it ({@code in}, {@code from}, {@code near}, {@code lives in}), a
 *       country after it ({@code Dolores, Uruguay}) or a place before it raise it. After a strong cue
 *       ({@code based in}, {@code lives in}, {@code originally from}) an unknown capitalised name is a
 *       place too.
 *   <li><b>JSON key hints.</b> The string value of a key that holds a place ({@code address},
 *       {@code city}, {@code country}, {@code state}, {@code zip}, ...) is a location as a whole.
 * </ol>
 * Spans scoring at least {@link #THRESHOLD} are reported. The detector never logs or throws text it
 * scans.
 */
public final class LocationDetector implements Detector {
  /** The score a candidate needs to be reported. */
  public static final double THRESHOLD = 0.5;

  static final String NAME = "locations";

  private static final int MAX_STREET_WORDS = 6;
  private static final int MAX_BLOCK_LINES = 6;
  private static final int MAX_LINE = 60;

  /**
   * Street types that end a street name ({@code 123 Main Street}): the USPS street suffixes
   * (Publication 28, appendix C1) with their standard abbreviations and plurals, and the words that
   * end a street name in other languages when written apart ({@code Wesselényi u. 94.},
   * {@code Luite tee 87}, {@code Stensås terrasse 38}).
   */
  private static final Set<String> STREET_SUFFIXES = Set.of("street", "streets", "st", "str", "avenue", "ave",
      "av", "road", "roads", "rd", "boulevard", "blvd", "lane", "ln", "drive", "drives", "dr", "court", "courts",
      "ct", "way", "ways", "place", "pl", "terrace", "ter", "parkway", "parkways", "pkwy", "highway", "hwy",
      "square", "squares", "sq", "circle", "circles", "cir", "crescent", "cres", "close", "alley", "trail", "trl",
      "plaza", "row", "mews", "grove", "groves", "gardens", "garden", "gdns", "hill", "hills", "park", "parks",
      "walk", "walks", "green", "greens", "rise", "view", "views", "vale", "wharf", "quay", "parade",
      "esplanade", "heights", "crossing", "crossroad", "loop", "bend", "pike", "expressway", "expy", "fwy",
      "freeway", "turnpike", "track", "path", "lodge", "gate", "gateway", "end", "mall", "meadow", "meadows",
      "ridge", "ridges", "point", "points", "pt", "harbor", "harbors", "harbour", "junction", "junctions",
      "landing", "manor", "manors", "spur", "spurs", "summit", "villas", "estate", "estates", "branch", "bridge",
      "brook", "brooks", "burg", "burgs", "bypass", "camp", "canyon", "cape", "causeway", "center", "centers",
      "centre", "cliff", "cliffs", "club", "common", "commons", "corner", "corners", "course", "cove", "coves",
      "creek", "crest", "curve", "dale", "dam", "divide", "extension", "extensions", "fall", "falls", "ferry",
      "field", "fields", "flat", "flats", "ford", "fords", "forest", "forge", "forges", "fork", "forks", "fort",
      "glen", "glens", "haven", "hollow", "inlet", "island", "islands", "isle", "key", "keys", "knoll", "knolls",
      "lake", "lakes", "land", "light", "lights", "loaf", "lock", "locks", "mill", "mills", "mission",
      "motorway", "mount", "mountain", "mountains", "neck", "orchard", "oval", "overpass", "pass", "passage",
      "pine", "pines", "plain", "plains", "port", "ports", "prairie", "radial", "ramp", "ranch", "rapid",
      "rapids", "rest", "river", "route", "rte", "run", "shoal", "shoals", "shore", "shores", "skyway", "spring",
      "springs", "station", "stravenue", "stream", "throughway", "trace", "trafficway", "tunnel", "underpass",
      "union", "unions", "valley", "valleys", "viaduct", "village", "villages", "ville", "vista", "wall", "well",
      "wells", "avenida", "strasse", "straße", "gasse", "weg", "allee", "allé", "platz", "u", "út", "útja",
      "utca", "tér", "tee", "terrasse", "vej", "gade", "gata", "gatan", "vägen", "väg", "katu", "tie", "kuja",
      "laan", "straat", "plein", "iela", "gatve", "cesta", "ulice", "sokak", "sokağı", "caddesi");

  /** Street types written in lower case inside a capitalised address. */
  private static final Set<String> LOWER_CASE_TYPES = Set.of("u", "út", "útja", "utca", "tér", "tee", "terrasse",
      "vej", "gade", "gata", "gatan", "vägen", "väg", "katu", "tie", "kuja", "laan", "straat", "plein", "iela",
      "gatve", "cesta", "ulice", "sokak", "sokağı", "caddesi", "str", "st", "strasse", "straße", "gasse", "weg");

  /** Compass words that may follow a street type ({@code Devon Street West}). */
  private static final Set<String> DIRECTIONS = Set.of("north", "south", "east", "west", "n", "s", "e", "w", "ne",
      "nw", "se", "sw", "northeast", "northwest", "southeast", "southwest");

  /** Street types that open a street name ({@code Rua Diadema}, {@code Via Roma}, {@code ul. Północna}). */
  private static final Set<String> STREET_PREFIXES = Set.of("rua", "via", "viale", "vicolo", "piazza", "piazzale",
      "corso", "largo", "strada", "rue", "avenue", "boulevard", "bd", "chemin", "allée", "allee", "impasse",
      "quai", "place", "calle", "avenida", "av", "avda", "paseo", "plaza", "camino", "carretera", "carrer",
      "passeig", "travessa", "travesía", "praça", "praca", "alameda", "estrada", "rodovia", "ronda", "rambla",
      "ulica", "ul", "aleja", "al", "plac", "osiedle", "os", "náměstí", "namesti", "třída", "trida", "utca",
      "út", "ut", "tér", "ter", "u", "calea", "bulevardul", "str", "odos", "οδός", "πλατεία",
      "leoforos", "c", "cl", "pl", "sokak", "sok", "cadde", "jalan", "trg", "jl", "triq", "plaça", "praza",
      "rúa", "avinguda");

  /** Endings of compound street words ({@code Strickstrasse}, {@code Søndergade}, {@code Tawastintie}). */
  private static final String[] STREET_ENDINGS = {"strasse", "straße", "str", "gasse", "weg", "vej", "gade",
      "katu", "kuja", "tie", "polku", "vägen", "väg", "gatan", "gata", "veien", "vegen",
      "straat", "laan", "plein", "gracht", "kade", "dijk", "singel", "steeg", "dreef", "stræde", "allé", "allee",
      "platz", "ufer", "chaussee", "utca", "iela", "gatve", "tänav", "puiestee", "stígur", "vegur", "gränd",
      "torget", "ulica", "ulice", "rinne", "brekka", "stien", "vænget", "parken", "bakken"};

  private static final Set<String> UNIT_WORDS = Set.of("apt", "apartment", "suite", "ste", "unit", "flat",
      "floor", "fl", "room", "rm", "bldg", "building", "app", "appt", "lgh", "piso", "etage", "dept", "no",
      "nr", "box");

  private static final Set<String> PO_BOX_WORDS = Set.of("postbox", "postboks", "postfach", "apartado",
      "pobox", "postilokero", "postbus", "boîte", "casilla", "caixa");

  private static final Set<String> MILITARY_SHIPS = Set.of("usns", "uss", "usnv", "uscgc", "usnsv");
  private static final Set<String> MILITARY_POSTS = Set.of("apo", "fpo", "dpo");

  /** Cues that make a following capitalised word a place, with their weight. */
  private static final Set<String> STRONG_CUES = Set.of("in", "from", "near", "outside", "around", "across",
      "towards", "toward", "visit", "visiting", "visited", "born", "lives", "live", "living", "moved",
      "moving", "travelling", "traveling", "based", "located", "headquartered", "relocated");
  private static final Set<String> WEAK_CUES = Set.of("at", "to", "via", "of", "into", "through", "city",
      "town", "country", "state", "village", "province", "region", "capital", "between", "and", "leaving",
      "arrived", "flew", "fly", "drove");

  /** Two-word cues after which an unknown capitalised name is a place. */
  private static final Set<String> NAMING_CUES = Set.of("based in", "located in", "lives in", "live in",
      "living in", "lived in", "originally from", "moved to", "moving to", "born in", "grew up in",
      "headquartered in", "relocated to", "city of", "town of", "village of", "residing in", "resides in",
      "reside in", "resident of", "native of", "travelled to", "traveled to", "flew to", "office in",
      "offices in", "raised in", "stationed in", "arrived in", "arrived at", "returned to", "am in", "i'm in",
      "here from", "street in", "trip to", "holiday in", "vacation in", "staying in", "stay in", "visit to",
      "way to", "come from", "comes from", "came from", "located on", "travelling to", "traveling to",
      "flying to", "driving to", "drove to", "headed to", "heading to", "home city", "home town",
      "native city", "capital city");

  /** Nouns that, right after a name, say it names a place ({@code Montijo bridge}, {@code Kiel harbour}). */
  private static final Set<String> PLACE_NOUNS = Set.of("bridge", "airport", "station", "harbour", "harbor",
      "port", "city", "county", "province", "region", "district", "river", "valley", "downtown", "suburbs",
      "area", "metro", "municipality", "village", "town", "beach", "lake", "island", "bay", "border");

  private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir",
      "madam", "dear", "hi", "hello", "hey", "saint");

  /** Months, days and other capitalised words that are never places on their own here. */
  private static final Set<String> NEVER_ALONE = Set.of("january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday", "sunday", "i", "the", "a", "an", "this", "that", "my", "our", "your",
      "his", "her", "their", "it", "we", "you", "he", "she", "they", "mobile", "phone", "email", "e-mail",
      "fax", "tel", "desk", "office", "home", "work", "address", "suite", "apt", "unit", "street", "nan",
      "god", "christmas", "easter", "internet", "web", "google", "apple", "amazon", "microsoft", "python",
      "java", "linux", "windows", "android", "docker", "user", "assistant", "system", "ok", "okay", "yes", "no",
      // programming languages, tools and products that are also towns somewhere
      "kotlin", "swift", "ruby", "rust", "scala", "julia", "dart", "perl", "elixir", "erlang", "haskell", "lua",
      "react", "angular", "vue", "node", "deno", "spring", "django", "flask", "rails", "excel", "slack", "teams",
      "zoom", "jira", "github", "gitlab", "kubernetes", "kafka", "redis", "postgres", "mysql", "oracle", "azure",
      "jenkins", "maven", "gradle", "nginx", "apache", "ubuntu", "debian", "fedora", "chrome", "firefox",
      "safari", "edge", "outlook", "gmail", "siri", "alexa", "claude", "gemini", "llama", "mistral",
      // data formats, as in "respond in JSON" (tool descriptions and system prompts say it all the time)
      "json", "jsonl", "yaml", "yml", "xml", "html", "csv", "tsv", "markdown", "toml", "sql", "pdf", "utc", "gmt",
      "ascii", "unicode", "base64");
  /** A date or time format's placeholder ({@code YYYY}, {@code MM}, {@code DD}, {@code HH}): "in YYYY-MM-DD". */
  private static final java.util.regex.Pattern DATE_PLACEHOLDER = java.util.regex.Pattern.compile("[ymdhs]{2,4}(?:[-/.:][ymdhs]{1,4})*");

  private static final Set<String> LOCATION_KEYS = Set.of("city", "country", "state", "province", "region",
      "town", "address", "street", "streetaddress", "streetname", "address1", "address2", "address3",
      "addressline", "addressline1", "addressline2", "addressline3", "line1", "line2", "location", "birthplace",
      "placeofbirth", "county", "district", "hometown", "zip", "zipcode", "postcode", "postalcode", "postal",
      "homeaddress", "billingaddress", "shippingaddress", "mailingaddress", "deliveryaddress", "residence",
      "village", "suburb", "locality", "countryname", "statename", "cityname", "municipality", "neighborhood",
      "neighbourhood", "destination", "origin", "venue", "housenumber");

  private final Set<String> places;
  private final Set<String> countries;
  private final Set<String> foreignCountries;
  private final NameLexicons lexicons;
  /**
   * The last text this thread scanned (the same instance, not an equal string) and its places:
   * {@link NameDetector} asks first, then the detector set, for the same text.
   */
  private final ThreadLocal<Last> last = new ThreadLocal<>();

  private record Last(String text, ScanContext context, List<Span> spans) {}

  /** A detector over the shipped gazetteer and lexicons. */
  public LocationDetector() {
    this(Gazetteer.PLACES, Gazetteer.COUNTRIES, Gazetteer.FOREIGN_COUNTRIES, NameLexicons.builtIn());
  }

  LocationDetector(Set<String> places, Set<String> countries, Set<String> foreignCountries, NameLexicons lexicons) {
    this.places = Set.copyOf(places);
    this.countries = Set.copyOf(countries);
    this.foreignCountries = Set.copyOf(foreignCountries);
    this.lexicons = lexicons;
  }

  private static final class Gazetteer {
    static final Set<String> PLACES = Set.copyOf(NameLexicons.read("loc-places.txt.gz"));
    static final Set<String> COUNTRIES = countryNames(List.of(Locale.ENGLISH));
    static final Set<String> FOREIGN_COUNTRIES = countryNames(List.of(Locale.GERMAN, Locale.FRENCH, Locale.ITALIAN,
        new Locale("es"), new Locale("pt"), new Locale("nl"), new Locale("sv"), new Locale("da"), new Locale("no"),
        new Locale("fi"), new Locale("pl")));
  }

  /**
   * Country names as the JDK knows them (ISO 3166 display names in {@code languages}), plus the US
   * states, some regions and common short forms; lower-cased. The names in other languages than English
   * collide more often with people's names ({@code Maurice}, {@code Kuba}) and weigh less.
   */
  static Set<String> countryNames(List<Locale> languages) {
    Set<String> names = new HashSet<>();
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale("", code);
      for (Locale language : languages) {
        String name = country.getDisplayCountry(language).toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !name.equals(code.toLowerCase(Locale.ROOT))) {
          names.add(name);
          int cut = name.indexOf(" (");
          if (cut > 0) {
            names.add(name.substring(0, cut));
          }
        }
      }
    }
    names.addAll(List.of("usa", "united states of america", "america", "uk", "great britain", "britain",
        "england", "scotland", "wales", "northern ireland", "holland", "czech republic", "russia",
        "south korea", "north korea", "ivory coast", "the netherlands", "uae", "hong kong", "macau", "taiwan",
        "vatican city", "burma", "east timor", "greenland", "cabo verde", "eswatini", "swaziland",
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
        "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
        "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri",
        "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico", "new york",
        "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
        "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "washington",
        "west virginia", "wisconsin", "wyoming", "ontario", "quebec", "british columbia", "alberta",
        "manitoba", "saskatchewan", "nova scotia", "new brunswick", "newfoundland", "bavaria", "catalonia",
        "andalusia", "tuscany", "lombardy", "sicily", "sardinia", "corsica", "brittany", "normandy",
        "provence", "flanders", "wallonia", "queensland", "tasmania", "new south wales"));
    if (!languages.contains(Locale.ENGLISH)) {
      names.removeAll(countryNames(List.of(Locale.ENGLISH)));
    }
    return Set.copyOf(names);
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
        return List.of(whole);
      }
    }
    Last last = this.last.get();
    if (last != null && last.text == text && last.context.equals(context)) {
      return last.spans;
    }
    List<Token> tokens = WordTokens.of(text);
    List<Span> spans = List.of();
    if (!tokens.isEmpty()) {
      List<Span> found = new ArrayList<>();
      boolean[] taken = new boolean[tokens.size()];
      corners(text, tokens, taken, found);
      addresses(text, tokens, taken, found);
      places(text, tokens, taken, found);
      spans = List.copyOf(resolveOverlaps(found));
    }
    this.last.set(new Last(text, context, spans));
    return spans;
  }

  // ---- JSON key hints ----

  private static Span wholeValue(String text, String key) {
    String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "").replace(" ", "");
    if (!LOCATION_KEYS.contains(k)) {
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
    if (start == end || end - start > 200 || !Character.isLetterOrDigit(text.charAt(start))) {
      return null;
    }
    return new Span(start, end, EntityTypes.LOCATION, 0.85, NAME);
  }

  // ---- addresses ----

  /**
   * {@code the corner of Bygget 64 and Komel Club}, {@code corner of 5th Ave and Main St}: two streets
   * named after {@code corner of}, joined by {@code and} or {@code &}, one line, capitalised words and
   * numbers only.
   */
  private void corners(String text, List<Token> tokens, boolean[] taken, List<Span> found) {
    int n = tokens.size();
    for (int k = 0; k + 4 < n; k++) {
      if (!tokens.get(k).lower().equals("corner") || !tokens.get(k + 1).lower().equals("of")) {
        continue;
      }
      int and = -1;
      for (int j = k + 2; j < n && j < k + 9; j++) {
        if (lineBreakBetween(text, tokens.get(j - 1), tokens.get(j))) {
          break;
        }
        Token x = tokens.get(j);
        boolean ampersand = text.substring(tokens.get(j - 1).end(), x.start()).strip().equals("&");
        if ((x.lower().equals("and") || ampersand) && j > k + 2) {
          and = ampersand ? j - 1 : j;
          break;
        }
        if (!(x.capitalised() || x.number() || isParticle(x) || STREET_PREFIXES.contains(x.lower())
            || STREET_SUFFIXES.contains(x.lower()) || ordinal(tokens, j))) {
          break;
        }
      }
      if (and < 0) {
        continue;
      }
      int last = -1;
      for (int j = and + 1; j < n && j < and + 5; j++) {
        Token x = tokens.get(j);
        if (lineBreakBetween(text, tokens.get(j - 1), x) || !(x.capitalised() || x.number() || isParticle(x))) {
          break;
        }
        last = j;
        if (STREET_SUFFIXES.contains(x.lower()) && j > and + 1) {
          break;
        }
      }
      if (last < 0 || !(STREET_SUFFIXES.contains(tokens.get(last).lower()) || endsClause(text, tokens.get(last).end()))) {
        continue;
      }
      int first = k > 0 && tokens.get(k - 1).lower().equals("the") ? k - 1 : k;
      found.add(new Span(tokens.get(first).start(), tokens.get(last).end(), EntityTypes.LOCATION, 0.8, NAME));
      for (int j = first; j <= last; j++) {
        taken[j] = true;
      }
      k = last;
    }
  }

  private static boolean yearLike(Token t) {
    if (!t.number() || t.length() != 4) {
      return false;
    }
    int year = Integer.parseInt(t.lower());
    return year >= 1900 && year <= 2099;
  }

  /** A street line found at tokens {@code [first, last]}, with how sure it is. */
  private record Street(int first, int last, double score) {}

  private void addresses(String text, List<Token> tokens, boolean[] taken, List<Span> found) {
    for (int k = 0; k < tokens.size(); k++) {
      if (taken[k]) {
        continue;
      }
      Street street = street(text, tokens, k);
      if (street == null) {
        continue;
      }
      int[] block = extend(text, tokens, street.last);
      int last = block[0];
      double score = street.score + (last > street.last ? 0.3 : 0);
      if (last == street.last && yearLike(tokens.get(street.first))
          && !(street.first + 1 < tokens.size() && tokens.get(street.first + 1).number())) {
        // "In 2019 Apple Park opened": a year, not a house number, unless more address follows
        score -= 0.4;
      }
      if (score < THRESHOLD) {
        continue;
      }
      int end = tokens.get(last).end();
      String lastWord = tokens.get(last).lower();
      // the dot of an abbreviated type or unit ("Crown St.", "Wesselényi u."), not a sentence's
      if (end < text.length() && text.charAt(end) == '.' && (STREET_SUFFIXES.contains(lastWord)
          || STREET_PREFIXES.contains(lastWord)) && lastWord.length() <= 4) {
        end++;
      }
      found.add(new Span(tokens.get(street.first).start(), end, EntityTypes.LOCATION, Math.min(score, 0.95), NAME));
      for (int t = street.first; t <= last; t++) {
        taken[t] = true;
      }
      k = last;
    }
  }

  /** The street line that starts at token {@code k}, or null. */
  /** HTTP reason phrases that end in a street type: "502 Bad Gateway" is a status, not an address. */
  private static final Set<String> HTTP_REASONS = Set.of("bad gateway");

  private static boolean httpStatusLine(List<Token> tokens, int number, int last) {
    Token code = tokens.get(number);
    if (code.length() != 3 || last != number + 2) {
      return false;
    }
    return HTTP_REASONS.contains(tokens.get(number + 1).lower() + " " + tokens.get(last).lower());
  }

  private Street street(String text, List<Token> tokens, int k) {
    Token t = tokens.get(k);
    int n = tokens.size();
    if (!t.number() && !t.capitalised()) {
      // most tokens: a lower-case word starts no street, bar a few openers
      String w = t.lower();
      if (!(w.equals("p") || w.equals("po") || w.equals("ul") || w.equals("u") || w.equals("psc")
          || PO_BOX_WORDS.contains(w))) {
        return null;
      }
    }
    if (t.number()) {
      if (t.length() > 6 || (t.start() > 0 && "-_/#.:+$€£@".indexOf(text.charAt(t.start() - 1)) >= 0)
          || (t.start() > 0 && Character.isLetterOrDigit(text.charAt(t.start() - 1)))) {
        // part of an identifier, amount or version ("ORD-224350", "v2", "$120")
        return null;
      }
      int w = k + 1;
      // Faker's doubled house numbers ("17151 2450 Crown St") and "123A"
      if (w < n && tokens.get(w).number() && tokens.get(w).length() <= 5 && sameLineSpace(text, t, tokens.get(w))) {
        w++;
      }
      if (w < n && tokens.get(w).length() == 1 && !tokens.get(w).number() && tokens.get(w).start() == tokens.get(w - 1).end()) {
        w++;
      }
      // "350 5th Avenue": an ordinal street
      if (w + 1 < n && ordinal(tokens, w) && STREET_SUFFIXES.contains(tokens.get(w + 1).lower())
          && sameLineSpace(text, tokens.get(w), tokens.get(w + 1))) {
        return new Street(k, w + 1, 0.85);
      }
      if (w >= n || !sameLineSpace(text, tokens.get(w - 1), tokens.get(w))) {
        return null;
      }
      Street named = namedStreet(text, tokens, w, true);
      if (named != null && httpStatusLine(tokens, k, named.last)) {
        return null;
      }
      if (named != null) {
        return new Street(k, named.last, named.score);
      }
      return poBox(text, tokens, w) >= 0 ? new Street(k, poBox(text, tokens, w), 0.85) : null;
    }
    int box = poBox(text, tokens, k);
    if (box >= 0) {
      return new Street(k, box, 0.85);
    }
    int military = military(text, tokens, k);
    if (military >= 0) {
      return new Street(k, military, 0.9);
    }
    if (!(t.capitalised() || t.lower().equals("ul") || t.lower().equals("u"))) {
      return null;
    }
    Named named = named(text, tokens, k, false);
    if (named == null) {
      return null;
    }
    if (named.numbered()) {
      return new Street(k, named.last(), named.score());
    }
    // without a house number: a typed name after a preposition ("lives on Baker Street", "shows on Isaac Lodge")
    if (named.score() > 0 && k > 0 && STREET_PREPOSITIONS.contains(tokens.get(k - 1).lower())
        && sameLineSpace(text, tokens.get(k - 1), t) && namedLikeAStreet(tokens, k, named.last())) {
      return new Street(k, named.last(), 0.6);
    }
    return null;
  }

  private static final Set<String> STREET_PREPOSITIONS = Set.of("on", "at", "along", "off", "onto", "down", "up",
      "near", "via");

  /** Common street types; after rarer ones ({@code Fort}, {@code Union}) the name must be no English word. */
  private static final Set<String> PLAIN_TYPES = Set.of("street", "st", "avenue", "ave", "road", "rd",
      "boulevard", "blvd", "lane", "ln", "drive", "terrace", "parkway", "highway", "strasse", "straße");

  private boolean namedLikeAStreet(List<Token> tokens, int from, int last) {
    Token type = tokens.get(last);
    if (DIRECTIONS.contains(type.lower()) && last > from) {
      type = tokens.get(--last);
    }
    if (TITLES.contains(tokens.get(from).lower())) {
      return false;
    }
    if (!STREET_SUFFIXES.contains(type.lower()) || last == from) {
      return compound(tokens.get(from));
    }
    if (PLAIN_TYPES.contains(type.lower())) {
      return true;
    }
    for (int k = from; k < last; k++) {
      // a name no lexicon calls common ("Isaac Lodge"), not a nationality or brand ("European Union")
      if (!isCommonWord(tokens.get(k)) && !lexicons.properNouns().contains(tokens.get(k).lower())) {
        return true;
      }
    }
    return false;
  }

  private record Named(int last, double score, boolean numbered) {}

  /** {@code th} in {@code 5th}: an ordinal ending glued to the number before it. */
  private static boolean ordinal(List<Token> tokens, int k) {
    String w = tokens.get(k).lower();
    return k > 0 && tokens.get(k - 1).number() && tokens.get(k).start() == tokens.get(k - 1).end()
        && (w.equals("st") || w.equals("nd") || w.equals("rd") || w.equals("th"));
  }

  /**
   * A street name starting at token {@code w}: words (up to {@link #MAX_STREET_WORDS}) on one line,
   * with a street type among them or a compound street word, then an optional house number.
   */
  private Street namedStreet(String text, List<Token> tokens, int w, boolean afterNumber) {
    Named named = named(text, tokens, w, afterNumber);
    return named == null ? null : new Street(w, named.last, named.score);
  }

  private Named named(String text, List<Token> tokens, int w, boolean afterNumber) {
    int n = tokens.size();
    Token first = tokens.get(w);
    if (first.number()) {
      return null;
    }
    // only a lower-case first word can start a street in a text typed in lower case
    boolean lowerText = !first.capitalised() && lowerContext(text, first);
    boolean prefix = STREET_PREFIXES.contains(first.lower());
    int lastWord = -1;
    int firstLower = -1;
    int typedAt = -1;
    int words = 0;
    for (int j = w; j < n && words < MAX_STREET_WORDS; j++) {
      Token x = tokens.get(j);
      if (x.number()) {
        break;
      }
      if (j > w && !streetGap(text, tokens.get(j - 1), x)) {
        break;
      }
      // a lower-case type only where languages write it so ("Wesselényi u. 94.", "Luite tee 87"), not "60 days. A common"
      boolean suffix = j > w && STREET_SUFFIXES.contains(x.lower())
          && (x.capitalised() || lowerText || LOWER_CASE_TYPES.contains(x.lower()));
      if (!x.capitalised() && !isParticle(x) && !suffix && !(prefix && j == w) && !lowerText) {
        if (firstLower >= 0 || !(afterNumber || prefix) || isCommonWord(x)) {
          break;
        }
        // one lower-case word may sit inside a typed name ("Árpád fejedelem útja 3.")
        firstLower = j;
      }
      if (x.capitalised() && !x.allCaps() && isCommonWord(x) && !isStreetWord(x) && j > w && !afterNumber) {
        break;
      }
      words++;
      lastWord = j;
      if (suffix) {
        typedAt = j;
        if (j + 1 < n && DIRECTIONS.contains(tokens.get(j + 1).lower()) && tokens.get(j + 1).capitalised()
            && sameLineSpace(text, x, tokens.get(j + 1))) {
          lastWord = j + 1;
        }
        // "Crown St Apt. 050": the street type ends the name
        break;
      }
      if (compound(x) && typedAt < 0) {
        typedAt = j;
      }
    }
    if (lastWord < 0) {
      return null;
    }
    if (firstLower >= 0 && typedAt < firstLower) {
      lastWord = firstLower - 1;
      typedAt = typedAt > lastWord ? -1 : typedAt;
      if (lastWord < w) {
        return null;
      }
    }
    boolean typed = typedAt >= 0 || (prefix && lastWord > w);
    int last = lastWord;
    boolean numbered = false;
    int after = lastWord + 1;
    if (after < n && tokens.get(after).number() && tokens.get(after).length() <= 5
        && streetGap(text, tokens.get(lastWord), tokens.get(after))) {
      last = after;
      numbered = true;
      // "45b", "72 B,"
      if (last + 1 < n && !tokens.get(last + 1).number() && tokens.get(last + 1).length() == 1
          && (tokens.get(last + 1).start() == tokens.get(last).end()
              || (tokens.get(last + 1).capitalised() && sameLineSpace(text, tokens.get(last), tokens.get(last + 1))
                  && endsClause(text, tokens.get(last + 1).end())))) {
        last++;
      }
    }
    if (!typed && !afterNumber && numbered && last + 1 < n && streetGap(text, tokens.get(last), tokens.get(last + 1))
        && (tokens.get(last + 1).lower().equals("street") || tokens.get(last + 1).lower().equals("st"))) {
      // "lives on Grössgstötten 50 street", "enter on Hoge Wei 32 St."
      last++;
      typed = true;
    }
    if (typed) {
      return new Named(last, afterNumber || numbered ? 0.85 : 0.4, numbered);
    }
    if (afterNumber && numbered && lastWord - w < 4) {
      // "4923 Parmova 109": number, name, number; sure only when the name is no English word
      boolean plain = true;
      for (int k = w; k <= lastWord; k++) {
        plain &= !isCommonWord(tokens.get(k)) || isParticle(tokens.get(k));
      }
      return new Named(last, plain ? 0.55 : 0.25, true);
    }
    return null;
  }

  private static boolean isParticle(Token t) {
    return switch (t.lower()) {
      case "de", "del", "della", "delle", "dei", "degli", "di", "da", "do", "dos", "das", "du", "des", "la", "le",
          "les", "los", "las", "el", "van", "von", "der", "den", "het", "y", "e", "et", "u", "ul", "c", "d", "nad", "na",
          "pod", "am", "an", "im", "sur", "sous", "en", "o", "ob", "pri", "bei" -> true;
      default -> false;
    };
  }

  private boolean isStreetWord(Token t) {
    return STREET_SUFFIXES.contains(t.lower()) || STREET_PREFIXES.contains(t.lower()) || compound(t);
  }

  /** A word ending like a street ({@code Strickstrasse}) that is no English word ({@code Factoring}). */
  private boolean compound(Token t) {
    String w = t.lower();
    if (isCommonWord(t)) {
      return false;
    }
    for (String e : STREET_ENDINGS) {
      if (w.length() >= e.length() + 3 && w.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  /** {@code P.O. Box 242}, {@code PO Box 12}, {@code Postbox 53}: the last token, or -1. */
  private static int poBox(String text, List<Token> tokens, int k) {
    int n = tokens.size();
    Token t = tokens.get(k);
    int j = k;
    if (PO_BOX_WORDS.contains(t.lower())) {
      j = k + 1;
    } else if ((t.lower().equals("p") && k + 2 < n && tokens.get(k + 1).lower().equals("o")
        && tokens.get(k + 2).lower().equals("box"))) {
      j = k + 3;
    } else if (t.lower().equals("po") && k + 1 < n && tokens.get(k + 1).lower().equals("box")) {
      j = k + 2;
    } else {
      return -1;
    }
    if (j < n && tokens.get(j).number() && tokens.get(j).start() - tokens.get(j - 1).end() <= 3) {
      return j;
    }
    return -1;
  }

  /** {@code PSC 0413, Box 8144}, {@code Unit 2222 Box 0033}, {@code USNS Vincent}: the last token, or -1. */
  private static int military(String text, List<Token> tokens, int k) {
    int n = tokens.size();
    Token t = tokens.get(k);
    if ((t.lower().equals("psc") || t.lower().equals("unit") || t.lower().equals("cmr")) && t.capitalised()
        && k + 3 < n && tokens.get(k + 1).number() && tokens.get(k + 2).lower().equals("box")
        && tokens.get(k + 3).number()) {
      return k + 3;
    }
    if (MILITARY_SHIPS.contains(t.lower()) && t.allCaps() && k + 1 < n && tokens.get(k + 1).capitalised()
        && sameLineSpace(text, t, tokens.get(k + 1))) {
      // only with the APO/FPO line that follows
      int j = k + 1;
      while (j + 1 < n && tokens.get(j + 1).capitalised() && sameLineSpace(text, tokens.get(j), tokens.get(j + 1))
          && !MILITARY_POSTS.contains(tokens.get(j + 1).lower())) {
        j++;
      }
      if (j + 1 < n && MILITARY_POSTS.contains(tokens.get(j + 1).lower())) {
        return j;
      }
    }
    return -1;
  }

  /**
   * How far an address block reaches after its street line ending at token {@code last}: same-line
   * units, city, state, country and postcode, then address lines below. Returns the last token.
   */
  private int[] extend(String text, List<Token> tokens, int last) {
    int n = tokens.size();
    int confirmed = last;
    int j = last + 1;
    // same line: units, then after a comma or unit: city words, state, country, postcode
    boolean opened = false;
    while (j < n && !lineBreakBetween(text, tokens.get(j - 1), tokens.get(j))) {
      Token x = tokens.get(j);
      String gap = text.substring(tokens.get(j - 1).end(), x.start());
      if (!tailGap(gap)) {
        break;
      }
      if (UNIT_WORDS.contains(x.lower()) && j + 1 < n && unitValue(tokens.get(j + 1))
          && tokens.get(j + 1).start() - x.end() <= 3) {
        j += 2;
        confirmed = j - 1;
        opened = true;
        continue;
      }
      if (gap.contains(",")) {
        opened = true;
      }
      if (!opened) {
        // a second street name on the line ("Tungata 11 Rott Crossroad", "Kimberly Way Laidlaw Green")
        int second = suffixRun(text, tokens, j);
        if (second < 0) {
          break;
        }
        j = second + 1;
        confirmed = second;
        continue;
      }
      int place = placeAt(text, tokens, j);
      if (place >= 0) {
        j = place + 1;
        confirmed = place;
        continue;
      }
      if (postcode(x) || stateCode(x)) {
        confirmed = j;
        j++;
        continue;
      }
      if (((x.capitalised() || x.allCaps()) && !isCommonWord(x)) || (isParticle(x) && j > confirmed + 1)) {
        // an unknown city: kept when a state, country or postcode follows, or it ends the clause
        j++;
        continue;
      }
      break;
    }
    if (opened && j - 1 > confirmed && endsClause(text, tokens.get(j - 1).end())) {
      confirmed = j - 1;
    }
    if (confirmed + 1 < n && !lineBreakBetween(text, tokens.get(confirmed), tokens.get(confirmed + 1))) {
      return new int[] {confirmed};
    }
    // following lines, unless the address is complete ("..., Springfield, IL 62704" ends a US address)
    int line = 0;
    int lineStart = confirmed + 1;
    while (lineStart < n && line < MAX_BLOCK_LINES && !stateAndZip(tokens, confirmed)) {
      int gapLines = newlines(text, tokens.get(lineStart - 1).end(), tokens.get(lineStart).start());
      if (gapLines == 0 || gapLines > 2) {
        break;
      }
      int lineEnd = lineStart;
      while (lineEnd + 1 < n && !lineBreakBetween(text, tokens.get(lineEnd), tokens.get(lineEnd + 1))) {
        lineEnd++;
      }
      // "FPO AA 70489 after the concert", "Greenlander 08167? I am in": the address ends inside the line
      int cut = clauseEnd(text, tokens, lineStart, lineEnd);
      if (cut < lineEnd) {
        if (lineKind(text, tokens, lineStart, cut) == LineKind.SURE) {
          confirmed = cut;
        }
        break;
      }
      LineKind kind = lineKind(text, tokens, lineStart, lineEnd);
      if (kind == LineKind.NONE || (gapLines == 2 && kind == LineKind.MAYBE)) {
        break;
      }
      if (kind == LineKind.SURE) {
        confirmed = lineEnd;
      }
      lineStart = lineEnd + 1;
      line++;
    }
    return new int[] {confirmed};
  }

  private enum LineKind { SURE, MAYBE, NONE }

  /**
   * The last token of a line's address part: before a {@code ?}, {@code !} or sentence-ending dot, or
   * before a lower-case word after capitalised ones; {@code to} when the whole line may be address.
   */
  private static int clauseEnd(String text, List<Token> tokens, int from, int to) {
    for (int k = from + 1; k <= to; k++) {
      String gap = text.substring(tokens.get(k - 1).end(), tokens.get(k).start());
      boolean sentenceDot = gap.startsWith(". ") && tokens.get(k - 1).length() > 3 && !tokens.get(k).number();
      if (gap.indexOf('?') >= 0 || gap.indexOf('!') >= 0 || sentenceDot) {
        return k - 1;
      }
      Token x = tokens.get(k);
      if (!x.number() && !x.capitalised() && !isParticle(x) && !x.lower().equals("nan")
          && !UNIT_WORDS.contains(x.lower()) && !lowerLine(tokens, from, to)) {
        return k - 1;
      }
    }
    return to;
  }

  /** Whether tokens {@code [from, to]}, one line, read as an address line. */
  private LineKind lineKind(String text, List<Token> tokens, int from, int to) {
    String line = text.substring(tokens.get(from).start(), tokens.get(to).end());
    if (line.length() > MAX_LINE || line.indexOf(':') >= 0 || line.indexOf('@') >= 0 || line.indexOf('/') >= 0) {
      return LineKind.NONE;
    }
    Token first = tokens.get(from);
    int count = to - from + 1;
    if (UNIT_WORDS.contains(first.lower()) && count == 2 && unitValue(tokens.get(to))) {
      return LineKind.SURE;
    }
    if (MILITARY_POSTS.contains(first.lower()) && count == 3 && tokens.get(to).number()) {
      return LineKind.SURE;
    }
    if (count == 1 && postcode(first)) {
      return LineKind.SURE;
    }
    // ", CO" / "KNIVSTA, nan 18237" / "Estonia 62488" / "Toronto"
    boolean sure = false;
    int words = 0;
    for (int k = from; k <= to; k++) {
      Token x = tokens.get(k);
      if (x.number()) {
        if (!(postcode(x) || x.length() <= 2)) {
          return LineKind.NONE;
        }
        sure |= postcode(x);
        continue;
      }
      if (stateCode(x)) {
        sure = true;
        continue;
      }
      int place = placeAt(text, tokens, k);
      if (place >= 0 && place <= to) {
        sure = true;
        words += place - k + 1;
        k = place;
        continue;
      }
      if (!(x.capitalised() || isParticle(x) || lowerLine(tokens, from, to)) || NEVER_ALONE.contains(x.lower())) {
        return LineKind.NONE;
      }
      words++;
    }
    if (words > 5) {
      return LineKind.NONE;
    }
    return sure ? LineKind.SURE : LineKind.MAYBE;
  }

  private static boolean lowerLine(List<Token> tokens, int from, int to) {
    for (int k = from; k <= to; k++) {
      if (tokens.get(k).capitalised()) {
        return false;
      }
    }
    return true;
  }

  /** A known place (country, or gazetteer name not a common word) starting at token {@code k}: its last token, or -1. */
  private int placeAt(String text, List<Token> tokens, int k) {
    int[] match = gazetteer(text, tokens, k);
    if (match[0] < 0) {
      return -1;
    }
    if (match[1] == 1) {
      return match[0];
    }
    // a town that is also a common word or a person's name ("Reed", "Victoria") proves nothing by itself
    boolean plain = true;
    for (int j = k; j <= match[0]; j++) {
      Token w = tokens.get(j);
      plain &= !isCommonWord(w) || isParticle(w);
      plain &= match[0] > k || !(lexicons.firstNames().contains(w.lower()) || lexicons.surnames().contains(w.lower()));
    }
    return plain ? match[0] : -1;
  }

  private static boolean unitValue(Token t) {
    return t.number() || (t.length() <= 4 && t.allCaps()) || t.length() == 1;
  }

  /** Token {@code k} is a postcode right after a US state code: {@code IL 62704}. */
  private static boolean stateAndZip(List<Token> tokens, int k) {
    return k > 0 && postcode(tokens.get(k)) && tokens.get(k).length() == 5 && stateCode(tokens.get(k - 1));
  }

  private static boolean postcode(Token t) {
    return t.number() && t.length() >= 4 && t.length() <= 6;
  }

  private static boolean stateCode(Token t) {
    return (t.allCaps() && t.length() == 2) || t.lower().equals("nan");
  }

  private static boolean tailGap(String gap) {
    if (gap.length() > 3) {
      return false;
    }
    for (int i = 0; i < gap.length(); i++) {
      char c = gap.charAt(i);
      if (!(c == ' ' || c == ',' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static int newlines(String text, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  /** Capitalised words from {@code k} on one line whose last is a street type: that token, or -1. */
  private static int suffixRun(String text, List<Token> tokens, int k) {
    for (int j = k; j < tokens.size() && j < k + 4; j++) {
      Token x = tokens.get(j);
      if (x.number() || !x.capitalised() || (j > k && !sameLineSpace(text, tokens.get(j - 1), x))) {
        return -1;
      }
      if (j > k && STREET_SUFFIXES.contains(x.lower())) {
        return j;
      }
    }
    return -1;
  }

  /** Whether only spaces stand between {@code pos} and the end of the text, a line or a clause. */
  private static boolean endsClause(String text, int pos) {
    for (int i = pos; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ')') {
        return true;
      }
      if (c != ' ') {
        return false;
      }
    }
    return true;
  }

  private static boolean lineBreakBetween(String text, Token a, Token b) {
    for (int i = a.end(); i < b.start(); i++) {
      if (text.charAt(i) == '\n') {
        return true;
      }
    }
    return false;
  }

  /** One to three spaces or tabs, no line break. */
  private static boolean sameLineSpace(String text, Token a, Token b) {
    int gap = b.start() - a.end();
    if (gap < 1 || gap > 3) {
      return false;
    }
    for (int i = a.end(); i < b.start(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\u00a0') {
        return false;
      }
    }
    return true;
  }

  /** The gap inside a street name: spaces, a dot after an abbreviation, a slash after {@code C}. */
  private static boolean streetGap(String text, Token a, Token b) {
    int gap = b.start() - a.end();
    if (gap < 1 || gap > 3) {
      return false;
    }
    for (int i = a.end(); i < b.start(); i++) {
      char c = text.charAt(i);
      if (!(c == ' ' || (i == a.end() && (c == '.' || c == '/')))) {
        return false;
      }
    }
    return true;
  }

  // ---- place names ----

  /** The longest gazetteer or country match starting at token {@code k}: {last token, 1 if a country else 0}. */
  private int[] gazetteer(String text, List<Token> tokens, int k) {
    Token t = tokens.get(k);
    if (t.number() || !(t.capitalised() || lowerContext(text, t))) {
      return new int[] {-1, 0};
    }
    int last = -1;
    int country = 0;
    StringBuilder key = new StringBuilder(t.lower());
    for (int j = k; j < tokens.size() && j < k + 5; j++) {
      if (j > k) {
        Token x = tokens.get(j);
        if (x.number() || !sameLineSpace(text, tokens.get(j - 1), x) || !(x.capitalised() || isParticle(x)
            || lowerContext(text, t))) {
          break;
        }
        key.append(' ').append(x.lower());
      }
      String s = key.toString();
      if (countries.contains(s)) {
        last = j;
        country = 1;
      } else if (places.contains(s) || foreignCountries.contains(s)) {
        last = j;
        country = 0;
      }
    }
    if (last >= 0 && !tokens.get(last).capitalised() && !lowerContext(text, t)) {
      last = -1;
    }
    return new int[] {last, country};
  }

  /** A lower-case word in a line with no capital letter at all ({@code ??? marke}, {@code we moved here from tunisia}). */
  private static boolean lowerContext(String text, Token t) {
    if (t.capitalised()) {
      return false;
    }
    int from = text.lastIndexOf('\n', t.start()) + 1;
    int to = text.indexOf('\n', t.end());
    to = to < 0 ? text.length() : to;
    for (int i = from; i < to; i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private void places(String text, List<Token> tokens, boolean[] taken, List<Span> found) {
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (taken[k] || t.number() || t.initial() || NEVER_ALONE.contains(t.lower())) {
        continue;
      }
      if (!t.capitalised()) {
        // in text typed all in lower case, a known place after a strong cue ("we moved here from tunisia")
        k = lowerCasePlace(text, tokens, k, taken, found);
        continue;
      }
      int[] match = gazetteer(text, tokens, k);
      int last = match[0];
      double score;
      if (last >= 0) {
        // ambiguous: every word is also a common word ("Mill Village", but not "South Africa")
        boolean ambiguous = true;
        boolean personal = false;
        for (int j = k; j <= last; j++) {
          Token w = tokens.get(j);
          if (isParticle(w) && j > k) {
            continue;
          }
          ambiguous &= isCommonWord(w);
          personal |= lexicons.firstNames().contains(w.lower()) || lexicons.surnames().contains(w.lower());
        }
        if (match[1] == 1 && last > k) {
          ambiguous = false; // "United States", "United Kingdom"
        }
        if (match[1] == 1) {
          boolean firstName = last == k && lexicons.firstNames().contains(t.lower());
          score = ambiguous ? 0.3 : firstName ? 0.5 : 0.7;
        } else if (ambiguous) {
          // "Cape Town", "Grand Rapids": capitalised common words together are less likely chance
          score = last > k ? 0.3 : 0.1;
        } else if (personal) {
          score = 0.2;
        } else {
          score = last > k ? 0.45 : 0.4;
        }
        if (t.allCaps() && t.length() < 4) {
          score -= 0.15;
        }
        // a name followed by another capitalised word or an initial is a person's ("Alice Goldberg", "Faina D.")
        if (last + 1 < tokens.size() && tokens.get(last + 1).capitalised() && !tokens.get(last + 1).allCaps()
            && sameLineSpace(text, tokens.get(last), tokens.get(last + 1))) {
          score -= 0.3;
        }
        // "Hawkins, Richardson and Santana": a surname in a list of names
        if (personal && last + 2 < tokens.size() && text.startsWith(", ", tokens.get(last).end())
            && lexicons.surnames().contains(tokens.get(last + 1).lower())
            && !countries.contains(tokens.get(last + 1).lower())) {
          score -= 0.3;
        }
      } else {
        last = unknownAfterNamingCue(text, tokens, k);
        if (last < 0) {
          continue;
        }
        score = 0.2;
      }
      score += cueBefore(text, tokens, k);
      score += contextAfter(text, tokens, last);
      for (int j = k; j <= last; j++) {
        if (taken[j]) {
          score = 0;
        }
      }
      if (k > 0 && TITLES.contains(tokens.get(k - 1).lower())) {
        score -= 0.5;
      }
      if (insideIdentifier(text, t.start(), tokens.get(last).end())) {
        score = 0;
      }
      if (score >= THRESHOLD) {
        found.add(new Span(t.start(), tokens.get(last).end(), EntityTypes.LOCATION, Math.min(score, 0.95), NAME));
        for (int j = k; j <= last; j++) {
          taken[j] = true;
        }
        k = last;
      }
    }
  }

  private int lowerCasePlace(String text, List<Token> tokens, int k, boolean[] taken, List<Span> found) {
    Token t = tokens.get(k);
    if (isCommonWord(t) || cueBefore(text, tokens, k) < 0.35 || !lowerContext(text, t)) {
      return k;
    }
    int[] match = gazetteer(text, tokens, k);
    int last = match[0];
    if (last < 0 || lexicons.firstNames().contains(t.lower())) {
      return k;
    }
    for (int j = k; j <= last; j++) {
      if (taken[j]) {
        return k;
      }
    }
    found.add(new Span(t.start(), tokens.get(last).end(), EntityTypes.LOCATION, 0.6, NAME));
    for (int j = k; j <= last; j++) {
      taken[j] = true;
    }
    return last;
  }

  /** After {@code based in}, {@code lives in}, ...: up to three capitalised words not common, or -1. */
  private int unknownAfterNamingCue(String text, List<Token> tokens, int k) {
    if (k < 2 || isCommonWord(tokens.get(k)) || tokens.get(k).allCaps() && tokens.get(k).length() < 4) {
      return -1;
    }
    Token a = tokens.get(k - 2);
    Token b = tokens.get(k - 1);
    if (!sameLineSpace(text, b, tokens.get(k))) {
      return -1;
    }
    if (!sameLineSpace(text, a, b) || !NAMING_CUES.contains(a.lower() + " " + b.lower())) {
      // after a bare "in" only a word no lexicon knows ("in Camuns", "in SCHLAGLES")
      if (!text.startsWith("in", b.start()) || !unknownWord(tokens.get(k))) {
        return -1;
      }
    }
    int last = k;
    while (last + 1 < tokens.size() && last - k < 2 && tokens.get(last + 1).capitalised()
        && sameLineSpace(text, tokens.get(last), tokens.get(last + 1)) && !isCommonWord(tokens.get(last + 1))) {
      last++;
    }
    return last;
  }

  /** A capitalised word that is no English word, name, proper noun or code identifier. */
  private boolean unknownWord(Token t) {
    String w = t.lower();
    if (lexicons.firstNames().contains(w) || lexicons.surnames().contains(w) || lexicons.properNouns().contains(w)
        || isCommonWord(t) || t.length() < 3 || t.allCaps() && DATE_PLACEHOLDER.matcher(w).matches()) {
      return false;
    }
    for (int i = 1; i < t.length(); i++) {
      if (t.upperAt(i) && !t.allCaps()) {
        return false;
      }
    }
    return true;
  }

  private double cueBefore(String text, List<Token> tokens, int k) {
    if (k == 0) {
      return 0;
    }
    Token before = tokens.get(k - 1);
    if (!sameLineSpace(text, before, tokens.get(k))) {
      String gap = text.substring(before.end(), tokens.get(k).start());
      // "Paris, France": a place before it
      if (gap.equals(", ") && k >= 1 && isKnownPlace(text, tokens, k - 1)) {
        return 0.25;
      }
      return 0;
    }
    String w = before.lower();
    if (k >= 2 && sameLineSpace(text, tokens.get(k - 2), before)
        && NAMING_CUES.contains(tokens.get(k - 2).lower() + " " + w)) {
      return 0.45;
    }
    // "in Tokyo and Paris": a place joined to a place before it
    if ((w.equals("and") || w.equals("or")) && !before.capitalised() && k >= 3
        && sameLineSpace(text, tokens.get(k - 2), before) && isKnownPlace(text, tokens, k - 2)
        && sameLineSpace(text, tokens.get(k - 3), tokens.get(k - 2))
        && STRONG_CUES.contains(tokens.get(k - 3).lower())) {
      return 0.45;
    }
    if (STRONG_CUES.contains(w)) {
      return 0.35;
    }
    if (WEAK_CUES.contains(w)) {
      return 0.15;
    }
    return 0;
  }

  /** A country or state after a comma ({@code Dolores, Uruguay}), or a postcode after the name. */
  private double contextAfter(String text, List<Token> tokens, int last) {
    if (last + 1 >= tokens.size()) {
      return 0;
    }
    Token next = tokens.get(last + 1);
    String gap = text.substring(tokens.get(last).end(), next.start());
    if (gap.equals(" ") && PLACE_NOUNS.contains(next.lower())) {
      return 0.2;
    }
    if (gap.equals(", ")) {
      int[] m = gazetteer(text, tokens, last + 1);
      if (m[0] >= 0 && m[1] == 1) {
        return 0.3;
      }
      // "Zürich, Kraków, Lisbon": the first of a list of places
      if (isKnownPlace(text, tokens, last + 1) && !lexicons.surnames().contains(next.lower())) {
        return 0.25;
      }
      if (stateCode(next) && !next.lower().equals("nan")) {
        return 0.3;
      }
    }
    return 0;
  }

  private boolean isKnownPlace(String text, List<Token> tokens, int k) {
    Token t = tokens.get(k);
    return t.capitalised() && !isCommonWord(t) && (places.contains(t.lower()) || countries.contains(t.lower()));
  }

  private boolean isCommonWord(Token t) {
    return NEVER_ALONE.contains(t.lower()) || lexicons.englishWords().contains(t.lower());
  }

  /** Part of an e-mail address, URL, path or identifier. */
  private static boolean insideIdentifier(String text, int start, int end) {
    char before = start > 0 ? text.charAt(start - 1) : ' ';
    char after = end < text.length() ? text.charAt(end) : ' ';
    if ("@/_\\.#$<=".indexOf(before) >= 0 || "@/_\\(<=".indexOf(after) >= 0) {
      return true;
    }
    return after == '.' && end + 1 < text.length() && Character.isLetterOrDigit(text.charAt(end + 1));
  }

  // ---- overlaps ----

  private static List<Span> resolveOverlaps(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
    List<Span> kept = new ArrayList<>();
    for (Span s : sorted) {
      Span previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
      if (previous != null && previous.overlaps(s)) {
        if (s.length() > previous.length()) {
          kept.set(kept.size() - 1, s);
        }
      } else {
        kept.add(s);
      }
    }
    return List.copyOf(kept);
  }

  @Override
  public String toString() {
    return "LocationDetector[" + places.size() + " places, " + countries.size() + " countries]";
  }
}
