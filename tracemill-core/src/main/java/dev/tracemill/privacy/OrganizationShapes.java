package dev.tracemill.privacy;

import dev.tracemill.privacy.WordTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Company and organisation names that {@link NameDetector} finds by their shape and context, besides
 * the legal-form suffixes ({@code Inc}, {@code GmbH}) it reads itself:
 * <ol>
 *   <li>a capitalised name ending in an organisation word ({@code Allstate Insurance Group},
 *       {@code Forrester Research}, {@code The Lending Club Orchestra});
 *   <li>a capitalised name after an employment cue ({@code I work for Citigroup}, {@code a year at
 *       Weeks-Rivas}, {@code employed by}, {@code Company:});
 *   <li>a capitalised name before an organisation noun ({@code The Avalara office}, {@code Uber's CEO})
 *       or described as one ({@code Telenav is a design agency});
 *   <li>partners' names joined as a firm ({@code Procter & Gamble}; {@code Jones, Mitchell and Williams}
 *       after {@code at}/{@code for}/{@code from} or before an organisation word);
 *   <li>the company line of a signature block: the line after a person's name (and an optional job
 *       title line) when an address or phone line follows, the company between two lines of the same
 *       addressee, and a title-case heading line right over a street address ({@link #signatureLines});
 *   <li>the name of a listed company ({@code Morgan Stanley}, {@code Citigroup}; the lexicon
 *       {@code ner-companies.txt.gz}), when it is no common word, product, name word or place alone;
 *   <li>the other items of a list of three or more that holds a company found so
 *       ({@code Ranku, Biovia and Miller Ltd.}), unless they are people's names or places.
 * </ol>
 * Found spans are marked taken so that the person pass does not read them again. Stateless.
 */
final class OrganizationShapes {
  /** Words that end an organisation's name. */
  static final Set<String> ORG_WORDS = Set.of("group", "holdings", "holding", "labs", "laboratories", "lab",
      "technologies", "technology", "tech", "software", "solutions", "systems", "partners", "research",
      "insurance", "investments", "investment", "finance", "financial", "services", "service", "consulting",
      "consultants", "capital", "ventures", "networks", "network", "analytics", "media", "pharmaceuticals", "pharma",
      "bank", "bancorp", "agency", "associates", "international", "global", "industries", "enterprises",
      "foundation", "institute", "university", "college", "hospital", "clinic", "airlines", "airways", "motors",
      "energy", "logistics", "movers", "communications", "telecom", "healthcare", "studios", "studio",
      "entertainment", "records", "publishing", "press", "orchestra", "band", "choir", "ensemble", "council",
      "society", "association", "federation", "trust", "brands", "foods", "robotics", "dynamics", "electronics",
      "semiconductor", "semiconductors", "securities", "realty", "properties", "construction", "manufacturing",
      "automotive", "aerospace", "company", "companies", "corporation", "corp", "bros", "brothers", "sons",
      "ministry", "department", "commission", "authority", "bureau", "police", "school", "academy", "church",
      "club", "team", "magazine", "times", "post", "journal", "news", "gazette", "review", "cooperative",
      "co-op", "collective", "fund", "funds", "markets", "retail", "stores", "pharmacy", "data", "cloud", "ai");

  /** Organisation words that may not end a name alone after one common word ({@code Customer Service}). */
  private static final Set<String> WEAK_ORG_WORDS = Set.of("service", "services", "data", "cloud", "ai", "team",
      "club", "band", "post", "review", "times", "news", "press", "school", "trust", "fund", "funds", "markets",
      "retail", "stores", "group", "department", "network", "tech", "lab", "global", "international", "media",
      "studio", "records", "research", "capital", "society", "council", "church", "academy", "collective");

  /** Cue phrases after which a capitalised name is an employer or a company, each with its score. */
  private static final List<Cue> CUES = List.of(new Cue("work for", 0.7), new Cue("works for", 0.7),
      new Cue("worked for", 0.7), new Cue("working for", 0.7), new Cue("work at", 0.7), new Cue("works at", 0.7),
      new Cue("worked at", 0.7), new Cue("working at", 0.7), new Cue("employed by", 0.7),
      new Cue("employed at", 0.7), new Cue("employer is", 0.7), new Cue("employer", 0.6), new Cue("joined", 0.55),
      new Cue("year at", 0.65), new Cue("years at", 0.65), new Cue("months at", 0.65), new Cue("intern at", 0.7),
      new Cue("internship at", 0.7), new Cue("job at", 0.7), new Cue("position at", 0.7), new Cue("role at", 0.7),
      new Cue("hired by", 0.65), new Cue("acquired by", 0.65), new Cue("subsidiary of", 0.7),
      new Cue("ceo of", 0.65), new Cue("cto of", 0.65), new Cue("cfo of", 0.65), new Cue("founder of", 0.6),
      new Cue("co-founder of", 0.65), new Cue("engineer at", 0.7), new Cue("manager at", 0.7),
      new Cue("developer at", 0.7), new Cue("scientist at", 0.7), new Cue("analyst at", 0.7),
      new Cue("consultant at", 0.7), new Cue("director at", 0.7), new Cue("president of", 0.5),
      new Cue("company", 0.6), new Cue("company name", 0.7), new Cue("organization", 0.6),
      new Cue("organisation", 0.6), new Cue("employer name", 0.7), new Cue("customer of", 0.6),
      new Cue("client of", 0.5), new Cue("account with", 0.5), new Cue("partnered with", 0.6),
      new Cue("rebranded as", 0.6), new Cue("later became", 0.6), new Cue("merged with", 0.6), new Cue("renamed to", 0.55), new Cue("shares of", 0.6), new Cue("stock of", 0.6),
      new Cue("sponsored by", 0.6), new Cue("funded by", 0.55), new Cue("partnership with", 0.6),
      new Cue("contract with", 0.55), new Cue("division of", 0.65), new Cue("spun off from", 0.65),
      new Cue("spin-off of", 0.65), new Cue("shop at", 0.6), new Cue("shopping at", 0.6), new Cue("ordered from", 0.6),
      new Cue("bought from", 0.55), new Cue("purchased from", 0.6), new Cue("invested in", 0.55),
      new Cue("investor in", 0.6), new Cue("stake in", 0.6), new Cue("competitor of", 0.6),
      new Cue("applied to", 0.5), new Cue("applied at", 0.6), new Cue("interview at", 0.7),
      new Cue("interviewed at", 0.7), new Cue("interviewing at", 0.7), new Cue("laid off from", 0.7),
      new Cue("laid off by", 0.7), new Cue("fired from", 0.65), new Cue("resigned from", 0.65),
      new Cue("offer from", 0.55), new Cue("recruited by", 0.6), new Cue("contractor for", 0.65),
      new Cue("contractor at", 0.7), new Cue("vendor for", 0.6), new Cue("supplier to", 0.6),
      new Cue("acquisition of", 0.6), new Cue("shares in", 0.6), new Cue("customer at", 0.6),
      new Cue("subscriber of", 0.6), new Cue("member of staff at", 0.7), new Cue("staff at", 0.65),
      new Cue("employee of", 0.7), new Cue("employee at", 0.7), new Cue("volunteer at", 0.6),
      new Cue("student at", 0.55), new Cue("professor at", 0.65), new Cue("teacher at", 0.6),
      new Cue("nurse at", 0.6), new Cue("doctor at", 0.55), new Cue("accountant at", 0.7),
      new Cue("lawyer at", 0.7), new Cue("attorney at", 0.7), new Cue("partner at", 0.65),
      new Cue("executive at", 0.7), new Cue("head of sales at", 0.7), new Cue("vp at", 0.7),
      new Cue("officer at", 0.65), new Cue("representative of", 0.6), new Cue("representative at", 0.65),
      new Cue("spokesperson for", 0.65), new Cue("spokesman for", 0.65), new Cue("spokeswoman for", 0.65),
      new Cue("the address of", 0.55));

  /** The last word of each cue: the cue phrases are only compared after one of them. */
  private static final Set<String> CUE_LAST_WORDS = lastWords();

  private static Set<String> lastWords() {
    Set<String> words = new java.util.HashSet<>();
    for (Cue cue : CUES) {
      words.add(cue.phrase.substring(cue.phrase.lastIndexOf(' ') + 1));
    }
    return Set.copyOf(words);
  }

  /** Nouns after a name that make it an organisation ({@code The Avalara office}). */
  private static final Set<String> ORG_NOUNS_AFTER = Set.of("office", "offices", "headquarters", "hq", "ceo",
      "cto", "cfo", "employees", "staff", "shareholders", "stock", "shares", "subsidiary", "subsidiaries",
      "headcount", "layoffs", "ipo", "workforce", "website", "app", "platform", "customers", "shareholder",
      "stockholders", "spokesperson", "spokesman", "spokeswoman", "boardroom", "payroll", "quarterly", "earnings",
      "revenue", "customer", "storefront");

  /** What a company is described as: {@code X is a (design) agency}. */
  private static final Set<String> ORG_KINDS = Set.of("agency", "company", "firm", "startup", "start-up",
      "business", "corporation", "bank", "brand", "retailer", "manufacturer", "provider", "vendor", "organization",
      "organisation", "nonprofit", "non-profit", "charity", "consultancy", "publisher", "insurer", "lender",
      "conglomerate", "airline", "supplier", "distributor", "employer", "enterprise", "multinational", "chain");

  /** Words joining the parts of one organisation's name ({@code Bank of America}, {@code Standard And Poors}). */
  private static final Set<String> CONNECTORS = Set.of("of", "and", "for", "&", "de", "du", "der");

  /** Words before a firm of partners' names ({@code at Jones, Mitchell and Williams}). */
  private static final Set<String> FIRM_CUES = Set.of("at", "for", "from", "with", "joined", "the", "by", "of");

  private static final int MAX_WORDS = 5;

  private OrganizationShapes() {}

  static void find(String text, List<Token> tokens, boolean[] taken, List<Span> found, NameDetector names) {
    firms(text, tokens, taken, found, names);
    for (int k = 0; k < tokens.size(); k++) {
      if (taken[k] || !orgWordShaped(tokens.get(k))) {
        continue;
      }
      int end = runEnd(text, tokens, k, taken);
      int next = afterCue(text, tokens, k, end, taken, found, names);
      if (next < 0) {
        next = listed(text, tokens, k, end, taken, found, names);
      }
      if (next < 0) {
        next = endingInOrgWord(text, tokens, k, end, taken, found, names);
      }
      if (next < 0) {
        next = beforeOrgNoun(text, tokens, k, end, taken, found, names);
      }
      if (next < 0) {
        next = OrganizationContext.find(text, tokens, k, end, taken, found, names);
      }
      if (next < 0) {
        next = OrganizationContext.afterPersonOf(text, tokens, k, end, taken, found, names);
      }
      // a run is read once from its first word: what it holds was looked for from there
      k = next > k ? next - 1 : end;
    }
    coordinated(text, tokens, taken, found, names);
  }

  // ---- 6. listed beside a company ----

  /**
   * The other items of a list of three or more that holds a company found above ({@code Ranku, Biovia and
   * Miller Ltd.}): each capitalised item with no word of the name lexicons (other than a common word), that is no
   * known place and not common words only, is a company too.
   */
  private static void coordinated(String text, List<Token> tokens, boolean[] taken, List<Span> found,
      NameDetector names) {
    int size = found.size();
    boolean[] seen = null; // tokens of a list already read: each list is read once, however many companies it holds
    for (int i = 0; i < size; i++) {
      Span s = found.get(i);
      if (!s.type().equals(EntityTypes.ORGANIZATION)) {
        continue;
      }
      int first = tokenStartingAt(tokens, s.start());
      int last = tokenEndingAt(tokens, s.end());
      if (last < 0) {
        last = tokenEndingAt(tokens, s.end() - 1); // "U.N." keeps its full stop
      }
      if (first < 0 || last < 0 || seen != null && seen[first]) {
        continue;
      }
      if (seen == null) {
        seen = new boolean[tokens.size()];
      }
      List<int[]> items = new ArrayList<>();
      boolean comma = false;
      // leftwards
      int k = first;
      while (true) {
        int[] sep = separatorBefore(text, tokens, k);
        if (sep == null) {
          break;
        }
        int[] item = itemEndingAt(text, tokens, sep[0]);
        if (item == null) {
          break;
        }
        comma |= sep[1] == 1;
        items.add(item);
        k = item[0];
      }
      // rightwards
      k = last;
      while (true) {
        int[] sep = separatorAfter(text, tokens, k);
        if (sep == null) {
          break;
        }
        int[] item = itemStartingAt(text, tokens, sep[0]);
        if (item == null) {
          break;
        }
        comma |= sep[1] == 1;
        items.add(item);
        k = item[1];
      }
      for (int[] item : items) {
        for (int t = item[0]; t <= item[1]; t++) {
          seen[t] = true;
        }
      }
      if (items.size() < 2 || !comma) {
        continue;
      }
      for (int[] item : items) {
        if (companyItem(tokens, item, taken, names)) {
          add(text, tokens, item[0], item[1], 0.55, taken, found);
        }
      }
    }
  }

  private static boolean companyItem(List<Token> tokens, int[] item, boolean[] taken, NameDetector names) {
    for (int k = item[0]; k <= item[1]; k++) {
      if (taken[k]) {
        return false;
      }
    }
    for (int k = item[0]; k <= item[1]; k++) {
      if (names.isNameWord(tokens.get(k)) && !names.isCommonWord(tokens.get(k))) {
        return false; // "Vladimír Jára": a person's name word, whatever the list holds
      }
    }
    if (names.knownPlace(tokens, item[0], item[1])) {
      return false;
    }
    for (int k = item[0]; k <= item[1]; k++) {
      if (!names.isCommonWord(tokens.get(k))) {
        return true;
      }
    }
    return false;
  }

  /** The separator before token {@code k}: {@code [index of the token before it, 1 if a comma]}, or null. */
  private static int[] separatorBefore(String text, List<Token> tokens, int k) {
    if (k < 1) {
      return null;
    }
    Token previous = tokens.get(k - 1);
    if (NameDetector.gap(text, previous, tokens.get(k), ", ")) {
      return new int[] {k - 1, 1};
    }
    if (NameDetector.gap(text, previous, tokens.get(k), " & ")) {
      return new int[] {k - 1, 0};
    }
    if (NameDetector.gap(text, previous, tokens.get(k), " ") && previous.lower().equals("and") && !previous.capitalised()
        && k >= 2) {
      if (NameDetector.gap(text, tokens.get(k - 2), previous, ", ")) {
        return new int[] {k - 2, 1};
      }
      if (NameDetector.gap(text, tokens.get(k - 2), previous, " ")) {
        return new int[] {k - 2, 0};
      }
    }
    return null;
  }

  /** The separator after token {@code k}: {@code [index of the token after it, 1 if a comma]}, or null. */
  private static int[] separatorAfter(String text, List<Token> tokens, int k) {
    if (k + 1 >= tokens.size()) {
      return null;
    }
    Token next = tokens.get(k + 1);
    boolean and = next.lower().equals("and") && !next.capitalised() && k + 2 < tokens.size()
        && NameDetector.gap(text, next, tokens.get(k + 2), " ");
    if (NameDetector.gap(text, tokens.get(k), next, ", ")) {
      return new int[] {and ? k + 2 : k + 1, 1};
    }
    if (NameDetector.gap(text, tokens.get(k), next, " & ")) {
      return new int[] {k + 1, 0};
    }
    if (NameDetector.gap(text, tokens.get(k), next, " ") && and) {
      return new int[] {k + 2, 0};
    }
    return null;
  }

  /** A list item: one to four capitalised words joined by spaces, from token {@code k} rightwards. */
  private static int[] itemStartingAt(String text, List<Token> tokens, int k) {
    if (!itemWord(tokens.get(k))) {
      return null;
    }
    int end = k;
    while (end + 1 < tokens.size() && end - k < 3 && itemWord(tokens.get(end + 1))
        && NameDetector.gap(text, tokens.get(end), tokens.get(end + 1), " ")) {
      end++;
    }
    return new int[] {k, end};
  }

  /** A list item ending at token {@code k}, read leftwards; a sentence's opening word is left out. */
  private static int[] itemEndingAt(String text, List<Token> tokens, int k) {
    if (!itemWord(tokens.get(k))) {
      return null;
    }
    int start = k;
    while (start > 0 && k - start < 3 && itemWord(tokens.get(start - 1))
        && NameDetector.gap(text, tokens.get(start - 1), tokens.get(start), " ")) {
      start--;
    }
    return new int[] {start, k};
  }

  private static boolean itemWord(Token t) {
    return t.capitalised() && !t.number() && (t.length() > 1 || t.allCaps());
  }

  /** The index of the first token that starts at or after {@code offset} ({@code tokens.size()} if none). */
  static int firstTokenFrom(List<Token> tokens, int offset) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).start() < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The index of the token starting at {@code offset}, or -1. */
  private static int tokenStartingAt(List<Token> tokens, int offset) {
    int k = firstTokenFrom(tokens, offset);
    return k < tokens.size() && tokens.get(k).start() == offset ? k : -1;
  }

  // ---- 1. a name ending in an organisation word ----

  private static int endingInOrgWord(String text, List<Token> tokens, int from, int end, boolean[] taken,
      List<Span> found, NameDetector names) {
    for (int last = end; last > from; last--) {
      Token w = tokens.get(last);
      if (!ORG_WORDS.contains(w.lower()) || !w.capitalised()) {
        continue;
      }
      int first = from;
      if (tokens.get(first).lower().equals("the") && first < last - 1) {
        first++;
      }
      while (first < last - 1 && (names.isCommonWord(tokens.get(first)) || NameDetector.greeting(tokens.get(first)))
          && NameDetector.sentenceStart(text, tokens, first)) {
        first++; // "Yesterday Allstate Insurance Group ...", "Hallo Team"
      }
      int before = 0;
      int common = 0;
      for (int k = first; k < last; k++) {
        Token t = tokens.get(k);
        if (CONNECTORS.contains(t.lower())) {
          continue;
        }
        before++;
        common += names.isCommonWord(t) || NameDetector.greeting(t) ? 1 : 0;
      }
      if (before == 0) {
        return -1;
      }
      boolean start = NameDetector.sentenceStart(text, tokens, first);
      boolean weak = WEAK_ORG_WORDS.contains(w.lower());
      // "Customer Service", "Financial Services" at a sentence start: common words only are too weak alone
      if (common == before && (before == 1 || start) && (weak || start)) {
        return -1;
      }
      if (before <= 2 && common == 0 && allGivenOrSurnames(tokens, first, last - 1, names) && weak) {
        return -1; // "Mary Smith Research" is rarer than a person's name before a weak word
      }
      add(text, tokens, first, last, 0.65, taken, found);
      return last + 1;
    }
    return -1;
  }

  // ---- 1b. a listed company ----

  /**
   * A run that spells the name of a listed company ({@code Morgan Stanley}, {@code Citigroup}), with the
   * organisation words that follow it ({@code Allianz Global Investors}). A one-word name that is also a
   * common word, a product or a given name ({@code Target}, {@code Apple}, {@code Ally}) or a place needs a cue
   * instead ({@link #afterCue}); so does one that is also a surname ({@code Pearson}, {@code Merck}).
   */
  private static int listed(String text, List<Token> tokens, int from, int end, boolean[] taken,
      List<Span> found, NameDetector names) {
    int first = from;
    if (tokens.get(first).lower().equals("the") && first < end) {
      first++;
    }
    // the name may sit inside the run: "Yesterday Morgan Stanley", "Reed Elsevier and T. Rowe Price"
    for (int at = first; at <= end; at++) {
      int n = names.listedCompany(tokens, at, Math.min(tokens.size() - 1, at + 5));
      if (n == 0 || !closeTogether(text, tokens, at, at + n - 1)) {
        continue;
      }
      Token word = tokens.get(at);
      if (n == 1 && (names.isCommonWord(word) || names.isNameWord(word) || names.knownPlace(tokens, at, at)
          || (word.length() < 3 && !word.allCaps()))) {
        continue;
      }
      if (at > first && !CONNECTORS.contains(tokens.get(at - 1).lower())
          && !(names.isCommonWord(tokens.get(at - 1)) && NameDetector.sentenceStart(text, tokens, at - 1))) {
        continue; // "Jane Morgan Stanley" is no company
      }
      int last = at + n - 1;
      while (last < end && ORG_WORDS.contains(tokens.get(last + 1).lower())
          && NameDetector.gap(text, tokens.get(last), tokens.get(last + 1), " ")) {
        last++;
      }
      add(text, tokens, at, last, 0.6, taken, found);
      return last + 1;
    }
    return -1;
  }

  /** Tokens {@code from..to} one space apart, or after an initial's full stop, or joined by {@code &} or {@code +}. */
  private static boolean closeTogether(String text, List<Token> tokens, int from, int to) {
    for (int k = from + 1; k <= to; k++) {
      String gap = NameDetector.between(text, tokens.get(k - 1), tokens.get(k));
      if (!(gap.equals(" ") || gap.equals(". ") || gap.equals(" & ") || gap.equals("&") || gap.equals(" + ")
          || gap.equals("-") || gap.equals(".") || gap.equals(", ") && k == to)) {
        return false;
      }
    }
    return true;
  }

  // ---- 2. after an employment cue ----

  private static int afterCue(String text, List<Token> tokens, int from, int end, boolean[] taken,
      List<Span> found, NameDetector names) {
    if (from == 0 || !CUE_LAST_WORDS.contains(tokens.get(from - 1).lower())) {
      return -1;
    }
    double cue = cueBefore(text, tokens.get(from).start());
    if (cue == 0) {
      return -1;
    }
    int first = from;
    if (tokens.get(first).lower().equals("the") && first < end) {
      first++;
    }
    // a person's name ("I work for Jane Doe") is left to the person pass
    int words = end - first + 1;
    if (words <= 3 && names.inGivenNames(tokens.get(first)) && allGivenOrSurnames(tokens, first, end, names)
        && !(words == 1 && names.isNameWord(tokens.get(first)) && tokens.get(first).lower().contains("-"))) {
      return -1;
    }
    if (cue < 0.6 && names.knownPlace(tokens, first, end)) {
      return -1; // "the address of Paris" is weaker than the place
    }
    if (words == 1 && names.isCommonWord(tokens.get(first)) && !tokens.get(first).allCaps()
        && names.listedCompany(tokens, first, first) == 0) {
      return -1; // "I work for Apple" is a company, "I work for Hope" is not
    }
    add(text, tokens, first, end, cue, taken, found);
    return end + 1;
  }

  private static double cueBefore(String text, int start) {
    int from = Math.max(0, start - 40);
    String window = text.substring(from, start).toLowerCase(Locale.ROOT);
    int line = window.lastIndexOf('\n');
    String trimmed = strip(window.substring(line + 1));
    double best = 0;
    for (Cue cue : CUES) {
      if (trimmed.endsWith(cue.phrase)) {
        int at = trimmed.length() - cue.phrase.length();
        if (at == 0 || !Character.isLetter(trimmed.charAt(at - 1))) {
          best = Math.max(best, cue.score);
        }
      }
    }
    return best;
  }

  private static String strip(String s) {
    int end = s.length();
    while (end > 0 && (Character.isWhitespace(s.charAt(end - 1)) || s.charAt(end - 1) == ':' || s.charAt(end - 1) == '-')) {
      end--;
    }
    return s.substring(0, end);
  }

  // ---- 3. before an organisation noun, or described as an organisation ----

  private static int beforeOrgNoun(String text, List<Token> tokens, int from, int end, boolean[] taken,
      List<Span> found, NameDetector names) {
    if (end + 1 >= tokens.size()) {
      return -1;
    }
    int first = from;
    if (tokens.get(first).lower().equals("the") && first < end) {
      first++;
    }
    Token last = tokens.get(end);
    Token next = tokens.get(end + 1);
    String gap = NameDetector.between(text, last, next);
    boolean noun = ORG_NOUNS_AFTER.contains(next.lower())
        && (gap.equals(" ") || gap.equals("'s ") || gap.equals("\u2019s "));
    boolean described = !noun && describedAsOrganization(text, tokens, end);
    if (!noun && !described) {
      return -1;
    }
    int words = end - first + 1;
    if (words <= 3 && names.isGivenName(tokens.get(first)) && allGivenOrSurnames(tokens, first, end, names)) {
      return -1;
    }
    if (words == 1 && names.isCommonWord(tokens.get(first)) && NameDetector.sentenceStart(text, tokens, first)
        && !described) {
      return -1;
    }
    add(text, tokens, first, end, 0.6, taken, found);
    return end + 1;
  }

  /** {@code <name> is a [word] [word] agency}: an organisation kind within three words after "is a(n)". */
  private static boolean describedAsOrganization(String text, List<Token> tokens, int end) {
    if (end + 3 >= tokens.size()) {
      return false;
    }
    Token is = tokens.get(end + 1);
    Token a = tokens.get(end + 2);
    int from = end + 3;
    if (NameDetector.gap(text, tokens.get(end), is, ", ") && (is.lower().equals("a") || is.lower().equals("an"))
        && !is.capitalised()) {
      from = end + 2; // an apposition: "Zentrix, a logistics company,"
    } else if (!(is.lower().equals("is") || is.lower().equals("was")) || !(a.lower().equals("a") || a.lower().equals("an"))
        || !NameDetector.gap(text, tokens.get(end), is, " ")) {
      return false;
    }
    for (int k = from; k < tokens.size() && k <= from + 2; k++) {
      if (ORG_KINDS.contains(tokens.get(k).lower())) {
        return true;
      }
      if (tokens.get(k).number() || NameDetector.between(text, tokens.get(k - 1), tokens.get(k)).indexOf('.') >= 0) {
        return false;
      }
    }
    return false;
  }

  // ---- 4. partners' names joined as a firm ----

  private static void firms(String text, List<Token> tokens, boolean[] taken, List<Span> found, NameDetector names) {
    // a firm's first name is followed by ", " or " & ": only the tokens ending there are read
    int comma = text.indexOf(", ");
    int amp = text.indexOf(" & ");
    while (comma >= 0 || amp >= 0) {
      int at = comma < 0 ? amp : amp < 0 ? comma : Math.min(comma, amp);
      if (at == comma) {
        comma = text.indexOf(", ", at + 1);
      } else {
        amp = text.indexOf(" & ", at + 1);
      }
      int k = tokenEndingAt(tokens, at);
      if (k < 0 || k + 1 >= tokens.size() || taken[k] || !partnerShaped(tokens.get(k), names)) {
        continue;
      }
      // A & B
      Token second = tokens.get(k + 1);
      if (NameDetector.gap(text, tokens.get(k), second, " & ") && partnerShaped(second, names) && !taken[k + 1]
          && !(names.isGivenName(tokens.get(k)) && names.isGivenName(second))) {
        add(text, tokens, k, k + 1, 0.6, taken, found);
        continue;
      }
      // A, B and C / A, B & C
      if (k + 2 < tokens.size() && NameDetector.gap(text, tokens.get(k), second, ", ")
          && partnerShaped(second, names) && !taken[k + 1]) {
        Token third = tokens.get(k + 2);
        int last = -1;
        String gap = NameDetector.between(text, second, third);
        if (gap.equals(" & ") && partnerShaped(third, names)) {
          last = k + 2;
        } else if (third.lower().equals("and") && gap.equals(" ") && k + 3 < tokens.size()
            && NameDetector.gap(text, third, tokens.get(k + 3), " ") && partnerShaped(tokens.get(k + 3), names)) {
          last = k + 3;
        }
        if (last < 0 || taken[last]) {
          continue;
        }
        boolean cue = k > 0 && FIRM_CUES.contains(tokens.get(k - 1).lower())
            && NameDetector.gap(text, tokens.get(k - 1), tokens.get(k), " ");
        boolean orgAfter = last + 1 < tokens.size() && tokens.get(last + 1).capitalised()
            && ORG_WORDS.contains(tokens.get(last + 1).lower())
            && NameDetector.gap(text, tokens.get(last), tokens.get(last + 1), " ");
        boolean described = describedAsOrganization(text, tokens, last);
        boolean role = OrganizationContext.roleAfter(text, tokens, last);
        if (!(cue || orgAfter || described || role)) {
          continue;
        }
        int first = k;
        int end = orgAfter ? last + 1 : last;
        if (cue && tokens.get(k - 1).lower().equals("the") && tokens.get(k - 1).capitalised()) {
          first = k; // "The" stays outside, as annotators leave it
        }
        add(text, tokens, first, end, 0.7, taken, found);
      }
    }
  }

  /** The index of the token ending at {@code offset}, or -1 (tokens are sorted by offset). */
  private static int tokenEndingAt(List<Token> tokens, int offset) {
    int lo = 0;
    int hi = tokens.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int end = tokens.get(mid).end();
      if (end == offset) {
        return mid;
      } else if (end < offset) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /** A capitalised surname-like word: no common English word and no given name only. */
  private static boolean partnerShaped(Token t, NameDetector names) {
    return t.capitalised() && !t.allCaps() && !t.number() && t.length() > 1
        && (!names.isCommonWord(t) || names.isNameWord(t));
  }

  // ---- 5. signature blocks ----

  /**
   * The company line of a signature block: after a line that is a person's name (found in
   * {@code found}), the next line when an address or phone line (one with a digit) follows it, or the
   * line after a job title line when that one is followed by such a line.
   */
  static void signatureLines(String text, List<Token> tokens, boolean[] taken, List<Span> found,
      NameDetector names) {
    if (text.indexOf('\n') < 0 || found.stream().noneMatch(s -> s.type().equals(EntityTypes.PERSON)
        || s.type().equals(EntityTypes.LOCATION))) {
      return;
    }
    List<int[]> lines = lines(text);
    // what each line holds, from one pass over the spans (a long text has many lines and many spans)
    boolean[] person = new boolean[lines.size()];
    boolean[] covered = new boolean[lines.size()];
    boolean[] street = new boolean[lines.size()];
    for (Span s : found) {
      int first = lineOf(lines, s.start());
      for (int l = Math.max(first, 0); l < lines.size() && lines.get(l)[0] < s.end(); l++) {
        int[] line = lines.get(l);
        if (s.start() < line[1] && line[0] < s.end()) {
          covered[l] = true;
          person[l] |= s.type().equals(EntityTypes.PERSON) && s.start() <= line[0] && s.end() >= line[1];
        }
      }
      if (first >= 0 && s.type().equals(EntityTypes.LOCATION) && streetAddressAt(lines.get(first), s)) {
        street[first] = true;
      }
    }
    List<Span> added = new ArrayList<>();
    for (int i = 0; i + 2 < lines.size(); i++) {
      if (!person[i]) {
        continue;
      }
      int[] l1 = lines.get(i + 1);
      int[] l2 = lines.get(i + 2);
      int company = -1;
      if (addressLine(text, l2) && !addressLine(text, l1)) {
        company = i + 1;
      } else if (i + 3 < lines.size() && person[i + 2] && !addressLine(text, l1)
          && addressLine(text, lines.get(i + 3))) {
        company = i + 1; // the addressee block "Name / Company / Name / street"
      } else if (i + 3 < lines.size() && !addressLine(text, l1) && !addressLine(text, l2) && addressLine(text, lines.get(i + 3))) {
        company = i + 2;
      }
      if (company >= 0 && companyShaped(text, lines.get(company)) && !covered[company]) {
        added.add(new Span(lines.get(company)[0], lines.get(company)[1], EntityTypes.ORGANIZATION, 0.6, NameDetector.NAME));
        covered[company] = true;
      }
    }
    // a heading line over a street address is its addressee: a company when no person's name
    for (int i = 0; i + 1 < lines.size(); i++) {
      int[] heading = lines.get(i);
      if ((i == 0 || !addressLine(text, lines.get(i - 1))) && !addressLine(text, heading) && street[i + 1]
          && companyShaped(text, heading) && titleCase(tokens, heading, names) && !covered[i]) {
        added.add(new Span(heading[0], heading[1], EntityTypes.ORGANIZATION, 0.55, NameDetector.NAME));
        covered[i] = true;
      }
    }
    found.addAll(added);
  }

  /** The index of the last line starting at or before {@code offset}, or -1 (lines are in order). */
  private static int lineOf(List<int[]> lines, int offset) {
    int lo = 0;
    int hi = lines.size() - 1;
    int best = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (lines.get(mid)[0] <= offset) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  }

  /** Non-empty lines as {@code [start, end)} of their content, without bullets and surrounding blanks. */
  private static List<int[]> lines(String text) {
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int s = start;
      int e = end;
      while (s < e && (Character.isWhitespace(text.charAt(s)) || "?*-\u2022>|#".indexOf(text.charAt(s)) >= 0)) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      if (e > s) {
        lines.add(new int[] {s, e});
      }
      start = end + 1;
    }
    return lines;
  }



  /** Whether the place {@code s} opens {@code line} and fills most of it as a street address (no sentence). */
  private static boolean streetAddressAt(int[] line, Span s) {
    return s.start() >= line[0] && s.start() <= line[0] + 1 && s.end() - s.start() >= 8
        && (Math.min(s.end(), line[1]) - s.start()) * 10 >= (line[1] - line[0]) * 7;
  }


  /** Every word of the line capitalised (connectors aside), and one that is no common word at least. */
  private static boolean titleCase(List<Token> tokens, int[] line, NameDetector names) {
    boolean uncommon = false;
    for (int k = firstTokenFrom(tokens, line[0]); k < tokens.size() && tokens.get(k).end() <= line[1]; k++) {
      Token t = tokens.get(k);
      if (!(t.capitalised() || CONNECTORS.contains(t.lower())) || t.number()) {
        return false;
      }
      uncommon |= !names.isCommonWord(t);
    }
    return uncommon;
  }



  /** A line with a digit, or a military or post-box address line ({@code USNS Bergman}, {@code PSC 0413}). */
  private static boolean addressLine(String text, int[] line) {
    String head = text.substring(line[0], Math.min(line[1], line[0] + 5));
    return hasDigit(text, line) || head.startsWith("USNS ") || head.startsWith("USNV ") || head.startsWith("USS ")
        || head.startsWith("PSC ") || head.startsWith("Unit ") || head.startsWith("P.O. ") || head.startsWith("PO Bo");
  }

  private static boolean hasDigit(String text, int[] line) {
    for (int i = line[0]; i < line[1]; i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** One to six words, 60 characters at most, no label, address, URL or sentence punctuation. */
  private static boolean companyShaped(String text, int[] line) {
    if (line[1] - line[0] > 60) {
      return false;
    }
    int words = 1;
    for (int i = line[0]; i < line[1]; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        words++;
      } else if (c == '@' || c == ':' || c == '/' || c == '?' || c == '!' || c == '"') {
        return false;
      }
    }
    return words <= 6 && Character.isLetter(text.charAt(line[0]));
  }

  // ---- shared ----

  /** A token that may open a company name: capitalised or all capitals, or {@code the}. */
  private static boolean orgWordShaped(Token t) {
    return !t.number() && (t.capitalised() || t.allCaps());
  }

  /** The last token of the capitalised run from {@code k}: up to {@link #MAX_WORDS} words, connectors inside. */
  private static int runEnd(String text, List<Token> tokens, int k, boolean[] taken) {
    int end = k;
    int words = 1;
    int j = k + 1;
    while (j < tokens.size() && words < MAX_WORDS && !taken[j]) {
      Token t = tokens.get(j);
      String gap = NameDetector.between(text, tokens.get(j - 1), t);
      if (t.capitalised() && !t.number() && (gap.equals(" ") || gap.equals(" & "))) {
        end = j;
        words++;
        j++;
      } else if (!t.capitalised() && CONNECTORS.contains(t.lower()) && gap.equals(" ") && j + 1 < tokens.size()
          && tokens.get(j + 1).capitalised() && NameDetector.gap(text, t, tokens.get(j + 1), " ")) {
        j++;
      } else {
        break;
      }
    }
    return end;
  }

  static boolean allGivenOrSurnames(List<Token> tokens, int from, int to, NameDetector names) {
    for (int k = from; k <= to; k++) {
      if (!names.isNameWord(tokens.get(k)) && !tokens.get(k).initial()) {
        return false;
      }
    }
    return true;
  }

  static void add(String text, List<Token> tokens, int first, int last, double score, boolean[] taken,
      List<Span> found) {
    int end = tokens.get(last).end();
    if (end < text.length() && text.charAt(end) == '.' && tokens.get(last).length() <= 4
        && (end + 1 == text.length() || Character.isWhitespace(text.charAt(end + 1)))
        && Character.isUpperCase(text.charAt(tokens.get(last).start())) && tokens.get(last).allCaps()) {
      end++; // "U.N." keeps its full stop
    }
    found.add(new Span(tokens.get(first).start(), end, EntityTypes.ORGANIZATION, Math.min(score, 0.95), NameDetector.NAME));
    for (int k = first; k <= last; k++) {
      taken[k] = true;
    }
  }

  private record Cue(String phrase, double score) {}
}
