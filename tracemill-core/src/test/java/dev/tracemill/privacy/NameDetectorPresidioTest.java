package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Measures {@link NameDetector} on presidio-research's synthetic corpus (PERSON spans, and their GPE and
 * STREET_ADDRESS spans against our LOCATION, ORGANIZATION against ours). A gold span is found when one
 * of our spans of the mapped type covers at least half of it; one of our spans is right when at least
 * half of it lies inside a gold span of a mapped type. Prints counts only, never text.
 */
class NameDetectorPresidioTest {
  private static final String CORPUS = "datasets/presidio-research/synth_dataset_v2.json";

  record Score(int gold, int found, int predicted, int right) {
    double recall() {
      return gold == 0 ? 1 : (double) found / gold;
    }

    double precision() {
      return predicted == 0 ? 1 : (double) right / predicted;
    }

    @Override
    public String toString() {
      return String.format("gold=%d found=%d recall=%.3f predicted=%d right=%d precision=%.3f",
          gold, found, recall(), predicted, right, precision());
    }
  }

  @Test
  void personRecallAndPrecisionHoldAtTheirMeasuredLevels() throws IOException {
    Score person = measure(EntityTypes.PERSON, Set.of("PERSON"));
    System.out.println("NameDetector PERSON on presidio synth_dataset_v2: " + person);
    // measured 0.900 recall and 0.882 precision on the whole file (0.786 / 0.826 before the world
    // lexicons and context rules; issue target: recall 0.85); asserted with a small margin
    assertThat(person.recall()).isGreaterThanOrEqualTo(0.87);
    assertThat(person.precision()).isGreaterThanOrEqualTo(0.86);
  }

  @Test
  void organizationsAreMostlyRight() throws IOException {
    Score org = measure(EntityTypes.ORGANIZATION, Set.of("ORGANIZATION"));
    System.out.println("NameDetector ORGANIZATION: " + org);
    // organisations by shape and context: measured recall 0.544, precision 0.928 (recall 0.128 before)
    assertThat(org.recall()).isGreaterThanOrEqualTo(0.50);
    assertThat(org.precision()).isGreaterThanOrEqualTo(0.85);
  }

  private static Score measure(String ours, Set<String> theirs) throws IOException {
    JsonNode corpus = Json.MAPPER.readTree(Files.readString(SharedData.file(CORPUS)));
    NameDetector detector = new NameDetector();
    int gold = 0;
    int found = 0;
    int predicted = 0;
    int right = 0;
    for (JsonNode record : corpus) {
      String text = record.get("full_text").asText();
      List<int[]> golds = new ArrayList<>();
      for (JsonNode span : record.get("spans")) {
        if (theirs.contains(span.get("entity_type").asText())) {
          golds.add(new int[] {span.get("start_position").asInt(), span.get("end_position").asInt()});
        }
      }
      List<Span> mine = detector.detect(text, ScanContext.FREE_TEXT).stream()
          .filter(s -> s.type().equals(ours)).toList();
      gold += golds.size();
      for (int[] g : golds) {
        if (mine.stream().anyMatch(s -> overlap(s.start(), s.end(), g[0], g[1]) * 2 >= g[1] - g[0])) {
          found++;
        }
      }
      predicted += mine.size();
      for (Span s : mine) {
        if (golds.stream().anyMatch(g -> overlap(s.start(), s.end(), g[0], g[1]) * 2 >= s.length())) {
          right++;
        }
      }
    }
    return new Score(gold, found, predicted, right);
  }

  private static int overlap(int aStart, int aEnd, int bStart, int bEnd) {
    return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
  }
}
