package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the spans of several detectors over one text into non-overlapping spans, so that the
 * {@link Redactor} replaces every flagged character exactly once.
 *
 * <p>The rule, in two steps:
 * <ol>
 *   <li><b>Same type:</b> spans of one type that overlap (share at least one character) become their
 *       union, with the highest score and that span's detector. Spans of one type that merely touch
 *       ({@code [0,5)} and {@code [5,9)}) stay apart: two adjacent phone numbers are two entities.
 *   <li><b>Across types:</b> spans are taken in order of preference: higher score first, then the
 *       longer span, then the fixed {@link #TYPE_PRIORITY} (secrets before identifiers before names;
 *       types not listed come after, alphabetically), then the earlier start and the detector name, so
 *       that the outcome never depends on the order detectors ran in. A span contained in one already
 *       taken is absorbed. A span that partly overlaps taken ones keeps only its pieces outside them,
 *       with its own type: no character that any detector flagged is left in the clear, and no taken
 *       span grows over text its type's surrogate generator would not understand.
 * </ol>
 * The result is sorted by start. Every input position is covered by an output span, and every output
 * position was covered by an input span.
 */
public final class SpanMerger {
  /** Types in order of precedence when score and length tie: the worse a leak, the earlier. */
  public static final List<String> TYPE_PRIORITY = List.of(EntityTypes.SECRET, EntityTypes.URL_CREDENTIALS,
      EntityTypes.URL_SECRET_PARAM, EntityTypes.CREDIT_CARD, EntityTypes.IBAN, EntityTypes.US_SSN,
      EntityTypes.EMAIL, EntityTypes.PHONE, EntityTypes.IP_ADDRESS, EntityTypes.MAC_ADDRESS,
      EntityTypes.DATE_OF_BIRTH, EntityTypes.PERSON, EntityTypes.ORGANIZATION, EntityTypes.LOCATION);

  private static final Comparator<Span> PREFERENCE = Comparator.comparingDouble(Span::score).reversed()
      .thenComparing(Comparator.comparingInt(Span::length).reversed())
      .thenComparingInt(s -> rank(s.type()))
      .thenComparing(Span::type)
      .thenComparingInt(Span::start)
      .thenComparing(Span::detector);

  private SpanMerger() {}

  /**
   * The merged spans of {@code spans} over a text of {@code textLength} characters.
   *
   * @throws IllegalArgumentException if a span ends after the text
   */
  public static List<Span> merge(List<Span> spans, int textLength) {
    requireNonNull(spans, "spans is null");
    for (Span s : spans) {
      if (s.end() > textLength) {
        throw new IllegalArgumentException("span " + s + " ends after the text (length " + textLength + ")");
      }
    }
    List<Span> clustered = clusterSameType(spans);
    clustered.sort(PREFERENCE);
    List<Span> taken = new ArrayList<>();
    for (Span s : clustered) {
      List<Span> pieces = List.of(s);
      for (Span t : taken) {
        List<Span> rest = new ArrayList<>();
        for (Span p : pieces) {
          subtract(p, t, rest);
        }
        pieces = rest;
        if (pieces.isEmpty()) {
          break;
        }
      }
      taken.addAll(pieces);
    }
    taken.sort(Comparator.comparingInt(Span::start));
    return List.copyOf(taken);
  }

  private static int rank(String type) {
    int i = TYPE_PRIORITY.indexOf(type);
    return i < 0 ? TYPE_PRIORITY.size() : i;
  }

  /** Unions overlapping spans of one type (touching ones stay apart). */
  private static List<Span> clusterSameType(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparing(Span::type).thenComparingInt(Span::start).thenComparing(PREFERENCE));
    List<Span> out = new ArrayList<>();
    Span current = null;
    for (Span s : sorted) {
      if (current != null && current.type().equals(s.type()) && s.start() < current.end()) {
        Span best = PREFERENCE.compare(s, current) < 0 && s.score() > current.score() ? s : current;
        current = new Span(current.start(), Math.max(current.end(), s.end()), current.type(),
            Math.max(current.score(), s.score()), best.detector());
      } else {
        if (current != null) {
          out.add(current);
        }
        current = s;
      }
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }

  /** Adds to {@code out} the parts of {@code p} outside {@code t} (zero, one or two pieces). */
  private static void subtract(Span p, Span t, List<Span> out) {
    if (!p.overlaps(t)) {
      out.add(p);
      return;
    }
    if (p.start() < t.start()) {
      out.add(new Span(p.start(), t.start(), p.type(), p.score(), p.detector()));
    }
    if (p.end() > t.end()) {
      out.add(new Span(t.end(), p.end(), p.type(), p.score(), p.detector()));
    }
  }
}
