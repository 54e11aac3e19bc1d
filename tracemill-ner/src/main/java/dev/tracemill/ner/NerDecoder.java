package dev.tracemill.ner;

import dev.tracemill.privacy.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-piece label predictions into character spans, as Hugging Face's token-classification
 * pipeline does with {@code aggregation_strategy="first"}: a word takes the label and probability of
 * its first piece (so {@code John ##son} is one name even when the model labels {@code ##son} O), words
 * are grouped by the tagging scheme (a {@code B-}/{@code S-} word starts an entity, an {@code I-}/{@code E-}
 * word continues one of the same entity name or, leniently, starts one, {@code E-}/{@code S-} end it,
 * plain labels group while the entity name repeats), and an entity's score is the mean of its words'.
 * Entities whose name maps to no tracemill type, or whose score is under the threshold, are dropped.
 */
final class NerDecoder {
  private final NerLabels labels;
  private final double threshold;
  private final String detector;

  NerDecoder(NerLabels labels, double threshold, String detector) {
    this.labels = labels;
    this.threshold = threshold;
    this.detector = detector;
  }

  /**
   * Decodes one text's pieces. Arrays are per piece, special tokens excluded: predicted label id, its
   * probability, the piece's UTF-16 range in {@code text}, and its word id (negative when unknown, so
   * the piece is a word of its own).
   */
  List<Span> decode(String text, int[] labelIds, float[] probs, int[] starts, int[] ends, long[] wordIds) {
    List<Span> spans = new ArrayList<>();
    Open open = null;
    int n = labelIds.length;
    int i = 0;
    while (i < n) {
      int first = i;
      int end = ends[i];
      i++;
      while (i < n && wordIds[first] >= 0 && wordIds[i] == wordIds[first]) {
        end = Math.max(end, ends[i]);
        i++;
      }
      NerLabels.Label label = labels.get(labelIds[first]);
      if (label.outside()) {
        open = close(open, text, spans);
        continue;
      }
      boolean continues = open != null && open.label.entity().equals(label.entity())
          && (label.prefix() == 'I' || label.prefix() == 'E' || label.prefix() == 0);
      if (continues) {
        open.end = Math.max(open.end, end);
        open.scoreSum += probs[first];
        open.words++;
      } else {
        close(open, text, spans);
        open = new Open(label, starts[first], end, probs[first]);
      }
      if (label.prefix() == 'E' || label.prefix() == 'S') {
        open = close(open, text, spans);
      }
    }
    close(open, text, spans);
    return spans;
  }

  private Open close(Open open, String text, List<Span> spans) {
    if (open == null || open.label.type() == null) {
      return null;
    }
    double score = Math.min(1.0, Math.max(0.0, open.scoreSum / open.words));
    if (score < threshold) {
      return null;
    }
    int start = Math.max(0, open.start);
    int end = Math.min(text.length(), open.end);
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (start < end) {
      spans.add(new Span(start, end, open.label.type(), score, detector));
    }
    return null;
  }

  private static final class Open {
    final NerLabels.Label label;
    final int start;
    int end;
    double scoreSum;
    int words = 1;

    Open(NerLabels.Label label, int start, int end, double score) {
      this.label = label;
      this.start = start;
      this.end = end;
      this.scoreSum = score;
    }
  }
}
