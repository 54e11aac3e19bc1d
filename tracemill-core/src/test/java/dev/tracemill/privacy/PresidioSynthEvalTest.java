package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Span-level recall and precision of the rule detectors on presidio-research's synthetic corpus
 * ({@code shared/datasets/presidio-research/synth_dataset_v2.json}), an entity counting as found when a
 * span of the mapped type overlaps it. Misses are printed by record index and value shape (digits as
 * 9, letters as a), never as values.
 */
class PresidioSynthEvalTest {
  /** Presidio entity type to ours, for the types the rules cover. */
  static final Map<String, String> MAPPING = Map.of("EMAIL_ADDRESS", EntityTypes.EMAIL, "PHONE_NUMBER",
      EntityTypes.PHONE, "CREDIT_CARD", EntityTypes.CREDIT_CARD, "IBAN_CODE", EntityTypes.IBAN, "US_SSN",
      EntityTypes.US_SSN, "IP_ADDRESS", EntityTypes.IP_ADDRESS);
  /** Our types whose spans are scored for precision against a presidio type without a recall target. */
  static final Map<String, String> PRECISION_ONLY = Map.of(EntityTypes.DATE_OF_BIRTH, "DATE_TIME");

  record Gold(int record, int start, int end, String type, String shape) {}

  @Test
  void recallOfValidatedTypesIsAtLeastNinetyEightPercent() throws IOException {
    Path file = SharedData.file("datasets/presidio-research/synth_dataset_v2.json");
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Detector> detectors = RuleDetectors.all("US");
    Map<String, int[]> recall = new TreeMap<>(); // ours -> {found, total}
    Map<String, int[]> precision = new TreeMap<>(); // ours -> {correct, predicted}
    Map<String, List<String>> misses = new LinkedHashMap<>();
    Map<String, List<String>> falsePositives = new LinkedHashMap<>();
    for (int r = 0; r < root.size(); r++) {
      JsonNode rec = root.get(r);
      String text = rec.get("full_text").asText();
      List<Span> predicted = new ArrayList<>();
      for (Detector d : detectors) {
        predicted.addAll(d.detect(text, ScanContext.FREE_TEXT));
      }
      List<Gold> gold = new ArrayList<>();
      for (JsonNode s : rec.get("spans")) {
        int start = s.get("start_position").asInt();
        int end = s.get("end_position").asInt();
        gold.add(new Gold(r, start, end, s.get("entity_type").asText(), shape(text.substring(start, end))));
      }
      for (Gold g : gold) {
        String ours = MAPPING.get(g.type());
        if (ours == null) {
          continue;
        }
        boolean hit = predicted.stream().anyMatch(p -> p.type().equals(ours) && p.start() < g.end()
            && g.start() < p.end());
        int[] c = recall.computeIfAbsent(ours, k -> new int[2]);
        c[1]++;
        if (hit) {
          c[0]++;
        } else {
          misses.computeIfAbsent(ours, k -> new ArrayList<>()).add("#" + r + " " + g.shape());
        }
      }
      for (Span p : predicted) {
        String theirs = null;
        for (Map.Entry<String, String> e : MAPPING.entrySet()) {
          if (e.getValue().equals(p.type())) {
            theirs = e.getKey();
          }
        }
        if (theirs == null) {
          theirs = PRECISION_ONLY.get(p.type());
        }
        String want = theirs;
        boolean correct = want != null && gold.stream().anyMatch(g -> g.type().equals(want) && p.start() < g.end()
            && g.start() < p.end());
        int[] c = precision.computeIfAbsent(p.type(), k -> new int[2]);
        c[1]++;
        if (correct) {
          c[0]++;
        } else {
          falsePositives.computeIfAbsent(p.type(), k -> new ArrayList<>())
              .add("#" + r + " " + shape(text.substring(p.start(), p.end())));
        }
      }
    }
    System.out.println("presidio synth_dataset_v2, rule detectors (span overlap):");
    for (String type : precision.keySet()) {
      recall.putIfAbsent(type, new int[2]);
    }
    for (Map.Entry<String, int[]> e : recall.entrySet()) {
      int[] rc = e.getValue();
      int[] pc = precision.getOrDefault(e.getKey(), new int[2]);
      System.out.printf("  %-16s recall %s (%d/%d)  precision %s (%d/%d)%n", e.getKey(), ratio(rc), rc[0], rc[1],
          ratio(pc), pc[0], pc[1]);
    }
    System.out.println("  misses: " + misses);
    System.out.println("  unmatched predictions: " + falsePositives);
    for (String type : MAPPING.values()) {
      int[] c = recall.get(type);
      assertThat(c).as("gold spans of %s in the corpus", type).isNotNull();
      assertThat((double) c[0] / c[1]).as("recall of %s; misses %s", type, misses.get(type))
          .isGreaterThanOrEqualTo(0.98);
    }
  }

  private static String ratio(int[] c) {
    return c[1] == 0 ? "n/a" : String.format("%.4f", (double) c[0] / c[1]);
  }

  /** Digits as 9, letters as a or A, everything else kept: enough to see a format, not a value. */
  static String shape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      b.append(Character.isDigit(c) ? '9' : Character.isUpperCase(c) ? 'A' : Character.isLetter(c) ? 'a'
          : c == '\n' ? '/' : c);
    }
    return b.toString();
  }
}
