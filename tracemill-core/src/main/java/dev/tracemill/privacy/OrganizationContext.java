package dev.tracemill.privacy;

import dev.tracemill.privacy.WordTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Organisations known only by their context: a brand name with no organisation word, standing where a
 * company stands. Used by {@link OrganizationShapes} after its own shapes; each rule needs the run of
 * capitalised words not to be a person's name (a known given name first), a known place or common words
 * only.
 *
 * <ul>
 *   <li>A possessive before and an employment or customer noun after: {@code her Uber resignation letter},
 *       {@code my Chase account}.
 *   <li>{@code <someone> is from X} / {@code I'm from X} where X is no known place.
 *   <li>{@code at X, <house number>}: a meeting place followed by its address.
 *   <li>A phrase only companies take after them: {@code X is the brainchild of}, {@code X was founded in},
 *       {@code X is headquartered}, {@code X's founders}; {@code X announced} or {@code X acquired} when
 *       X is not made of name words.
 *   <li>A role noun between it and a capitalised name: {@code Estately songwriter Michele Østrem},
 *       {@code Acme engineer Jane Doe}.
 *   <li>A person's full name and {@code from} or {@code of} before it: {@code Jane Doe from Acme},
 *       {@code Tom Holzman of Predilytics} (not a known place, and not {@code from X to Y}).
 *   <li>A possessive before a person's full name: {@code Panjiva's Riku Nieminen}.
 * </ul>
 */
final class OrganizationContext {
  private static final Set<String> POSSESSIVES = Set.of("my", "his", "her", "their", "our", "your");

  /** Nouns after a possessive and a company: the company is one's employer or supplier. */
  private static final Set<String> EMPLOYMENT_NOUNS = Set.of("resignation", "job", "interview", "internship",
      "offer", "colleagues", "coworkers", "co-workers", "boss", "badge", "salary", "paycheck", "paycheque",
      "pension", "contract", "onboarding", "recruiter", "shares", "stock", "account", "subscription",
      "membership", "invoice", "severance", "401k", "benefits", "payslip", "manager");

  /** Role nouns between a company and a person ({@code Acme engineer Jane Doe}). */
  private static final Set<String> ROLE_NOUNS = Set.of("songwriter", "spokesperson", "spokesman", "spokeswoman",
      "founder", "co-founder", "cofounder", "engineer", "executive", "analyst", "researcher", "recruiter",
      "employee", "chairman", "chairwoman", "president", "director", "manager", "intern", "lawyer", "attorney",
      "economist", "scientist", "developer", "designer", "producer", "editor", "reporter", "correspondent");

  /** Phrases after a name that only an organisation takes. */
  private static final List<String> STRONG_AFTER = List.of(" is the brainchild of", " was the brainchild of",
      " was founded in", " was founded by", " was founded on", " is headquartered", " was headquartered",
      " went public", " filed for bankruptcy", " is a 501(c)", " was a 501(c)", " is a registered charity", "'s founders", "\u2019s founders", "'s co-founders",
      "\u2019s co-founders", "'s shareholders", "\u2019s shareholders", " has offices in", " has been acquired");

  /** Phrases after a name that a company takes more than a person named by a surname alone. */
  private static final List<String> WEAK_AFTER = List.of(" announced", " has announced", " acquired",
      " has acquired", " reported earnings", " reported revenue", " is hiring", " laid off");

  private OrganizationContext() {}

  /**
   * Reports the capitalised run {@code from..end} as an organisation when its context says so; returns
   * the index after it, or -1.
   */
  static int find(String text, List<Token> tokens, int from, int end, boolean[] taken, List<Span> found,
      NameDetector names) {
    int first = from;
    if (tokens.get(first).lower().equals("the") && first < end) {
      first++;
    }
    int words = end - first + 1;
    // the cheap token checks first: most runs have no such context
    double score = 0;
    boolean commonAllowed = false;
    if (possessiveBefore(text, tokens, first) && employmentNounAfter(text, tokens, end)) {
      score = 0.6;
    } else if (fromPerson(text, tokens, first) && !continues(text, tokens, end)) {
      score = 0.55;
    } else if (atBeforeAddress(text, tokens, first, end)) {
      score = 0.55;
    } else if (personBefore(text, tokens, first, names) && !tripAfter(tokens, end)) {
      score = 0.55;
    } else if (possessiveOfPerson(text, tokens, end, names)) {
      score = 0.55;
    } else if (followedBy(text, tokens.get(end).end(), STRONG_AFTER)) {
      score = 0.6;
      commonAllowed = words >= 2;
    } else if (followedBy(text, tokens.get(end).end(), WEAK_AFTER)
        && !OrganizationShapes.allGivenOrSurnames(tokens, first, end, names)) {
      score = 0.55;
    } else if (roleAfter(text, tokens, end)) {
      score = 0.6;
      commonAllowed = words >= 2;
    }
    if (score == 0 || (!commonAllowed && allCommon(tokens, first, end, names))) {
      return -1;
    }
    if (words <= 3 && names.inGivenNames(tokens.get(first))
        && OrganizationShapes.allGivenOrSurnames(tokens, first, end, names)) {
      return -1;
    }
    if (names.knownPlace(tokens, first, end)) {
      return -1;
    }
    OrganizationShapes.add(text, tokens, first, end, score, taken, found);
    return end + 1;
  }

  /**
   * {@code Margaret S. Stouffer of Guidestar} read as one capitalised run (its {@code of} joins names such as
   * {@code Bank of America}): the part after {@code of} is a company when a person's full name is before it.
   * Returns the index after the run, or -1.
   */
  static int afterPersonOf(String text, List<Token> tokens, int from, int end, boolean[] taken, List<Span> found,
      NameDetector names) {
    for (int j = from + 2; j <= end; j++) {
      if (!tokens.get(j - 1).lower().equals("of") || !personBefore(text, tokens, j, names)) {
        continue;
      }
      if (allCommon(tokens, j, end, names) || names.knownPlace(tokens, j, end)
          || (end - j < 3 && names.inGivenNames(tokens.get(j)) && OrganizationShapes.allGivenOrSurnames(tokens, j, end, names))) {
        return -1;
      }
      OrganizationShapes.add(text, tokens, j, end, 0.55, taken, found);
      return end + 1;
    }
    return -1;
  }

  /**
   * {@code Jane Doe from X}, {@code Tom I. Holzman of X}: {@code from} or {@code of} before token
   * {@code first}, and before it two to four capitalised words or initials opening with a known given name.
   */
  private static boolean personBefore(String text, List<Token> tokens, int first, NameDetector names) {
    if (first < 3) {
      return false;
    }
    Token prep = tokens.get(first - 1);
    if (!(prep.lower().equals("from") || prep.lower().equals("of")) || prep.capitalised()
        || !NameDetector.gap(text, prep, tokens.get(first), " ")) {
      return false;
    }
    int k = first - 2;
    int words = 0;
    boolean given = false;
    while (k >= 0 && words < 4 && tokens.get(k).capitalised() && !tokens.get(k).allCaps()
        && NameDetector.between(text, tokens.get(k), tokens.get(k + 1)).matches(" |\\. ")) {
      words++;
      given |= names.isGivenName(tokens.get(k));
      k--;
    }
    if (words < 2 || words > 4 || (k >= 0 && tokens.get(k).capitalised()
        && NameDetector.gap(text, tokens.get(k), tokens.get(k + 1), " "))) {
      return false;
    }
    Token surname = tokens.get(first - 2);
    return given ? !names.isCommonWord(tokens.get(k + 1)) : names.isNameWord(surname) && !names.isCommonWord(surname);
  }

  /** {@code from X to Y}: a trip, not a workplace. */
  private static boolean tripAfter(List<Token> tokens, int end) {
    return end + 1 < tokens.size() && tokens.get(end + 1).lower().equals("to");
  }

  /** {@code X's Riku Nieminen}: a possessive after token {@code end}, then a known given name and a name word. */
  private static boolean possessiveOfPerson(String text, List<Token> tokens, int end, NameDetector names) {
    if (end + 2 >= tokens.size()) {
      return false;
    }
    String gap = NameDetector.between(text, tokens.get(end), tokens.get(end + 1));
    Token given = tokens.get(end + 1);
    Token family = tokens.get(end + 2);
    return (gap.equals("'s ") || gap.equals("\u2019s ")) && names.inGivenNames(given) && family.capitalised()
        && !family.allCaps() && NameDetector.gap(text, given, family, " ")
        && !names.isCommonWord(family) && (names.isGivenName(given) || names.isNameWord(family));
  }

  /** {@code <name> songwriter <Name>}: a role noun after token {@code last}, then a capitalised word. */
  static boolean roleAfter(String text, List<Token> tokens, int last) {
    if (last + 2 >= tokens.size()) {
      return false;
    }
    Token role = tokens.get(last + 1);
    Token person = tokens.get(last + 2);
    return !role.capitalised() && ROLE_NOUNS.contains(role.lower())
        && NameDetector.gap(text, tokens.get(last), role, " ")
        && person.capitalised() && !person.allCaps() && !person.number()
        && NameDetector.gap(text, role, person, " ");
  }

  private static boolean allCommon(List<Token> tokens, int first, int end, NameDetector names) {
    for (int k = first; k <= end; k++) {
      Token t = tokens.get(k);
      if (!names.isCommonWord(t) || t.allCaps() && t.length() > 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean possessiveBefore(String text, List<Token> tokens, int first) {
    if (first == 0) {
      return false;
    }
    Token p = tokens.get(first - 1);
    return POSSESSIVES.contains(p.lower()) && NameDetector.gap(text, p, tokens.get(first), " ");
  }

  private static boolean employmentNounAfter(String text, List<Token> tokens, int end) {
    if (end + 1 >= tokens.size()) {
      return false;
    }
    Token n = tokens.get(end + 1);
    return !n.capitalised() && EMPLOYMENT_NOUNS.contains(n.lower())
        && NameDetector.gap(text, tokens.get(end), n, " ");
  }

  /** {@code Diana is from X}, {@code I'm from X}, {@code we are from X}. */
  private static boolean fromPerson(String text, List<Token> tokens, int first) {
    if (first == 0 || !tokens.get(first - 1).lower().equals("from")
        || !NameDetector.gap(text, tokens.get(first - 1), tokens.get(first), " ")) {
      return false;
    }
    int at = tokens.get(first - 1).start();
    String before = text.substring(Math.max(0, at - 5), at).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return before.endsWith(" is ") || before.endsWith(" am ") || before.endsWith("'m ") || before.endsWith(" are ")
        || before.endsWith("'re ");
  }

  /** Whether more words follow the run in the same clause ({@code from Paris to Rome} is a trip). */
  private static boolean continues(String text, List<Token> tokens, int end) {
    int i = tokens.get(end).end();
    return i < text.length() && text.charAt(i) == ' ' && end + 1 < tokens.size()
        && tokens.get(end + 1).start() == i + 1 && !tokens.get(end + 1).capitalised()
        && !Set.of("and", "but", "so", "for").contains(tokens.get(end + 1).lower());
  }

  /** {@code at Corelogic, 0896 69 Farnell Street}: a place of business followed by its address. */
  private static boolean atBeforeAddress(String text, List<Token> tokens, int first, int end) {
    if (first == 0 || end + 1 >= tokens.size()) {
      return false;
    }
    Token at = tokens.get(first - 1);
    Token number = tokens.get(end + 1);
    return at.lower().equals("at") && NameDetector.gap(text, at, tokens.get(first), " ")
        && NameDetector.gap(text, tokens.get(end), number, ", ") && number.number();
  }

  private static boolean followedBy(String text, int offset, List<String> phrases) {
    if (offset + 1 >= text.length() || (text.charAt(offset) != ' ' && text.charAt(offset) != '\''
        && text.charAt(offset) != '\u2019')) {
      return false;
    }
    for (String p : phrases) {
      if (text.regionMatches(true, offset, p, 0, p.length())) {
        int e = offset + p.length();
        if (e == text.length() || !Character.isLetter(text.charAt(e))) {
          return true;
        }
      }
    }
    return false;
  }
}
