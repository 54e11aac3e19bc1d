package dev.tracemill.ner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.privacy.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NerDecoderTest {
  private static NerLabels labels(String... names) throws Exception {
    StringBuilder json = new StringBuilder("{\"id2label\": {");
    for (int i = 0; i < names.length; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(i).append("\":\"").append(names[i]).append('"');
    }
    return NerLabels.fromConfig(new ObjectMapper().readTree(json.append("}}").toString()), "config.json");
  }

  /** One piece per word: "w0 w1 w2 ..." with each word two characters and one space apart. */
  private static List<String> decode(NerLabels labels, double threshold, int[] ids, float[] probs) {
    int n = ids.length;
    StringBuilder text = new StringBuilder();
    int[] starts = new int[n];
    int[] ends = new int[n];
    long[] words = new long[n];
    for (int i = 0; i < n; i++) {
      starts[i] = text.length();
      text.append("w").append(i);
      ends[i] = text.length();
      text.append(' ');
      words[i] = i;
    }
    String t = text.toString();
    return new NerDecoder(labels, threshold, "test").decode(t, ids, probs, starts, ends, words).stream()
        .map(s -> s.type() + ":" + t.substring(s.start(), s.end())).toList();
  }

  private static float[] ones(int n) {
    float[] p = new float[n];
    java.util.Arrays.fill(p, 1f);
    return p;
  }

  @Test
  void iob2BeginsOnBAndContinuesOnI() throws Exception {
    NerLabels l = labels("O", "B-PER", "I-PER", "B-LOC", "I-LOC");
    assertThat(decode(l, 0.5, new int[] {1, 2, 1, 0, 3, 4, 2}, ones(7)))
        .containsExactly("PERSON:w0 w1", "PERSON:w2", "LOCATION:w4 w5", "PERSON:w6");
  }

  @Test
  void bioesAndBilouCloseOnEndAndSingle() throws Exception {
    NerLabels l = labels("O", "B-PER", "I-PER", "E-PER", "S-PER", "U-LOC", "L-PER");
    assertThat(decode(l, 0.5, new int[] {1, 2, 3, 2, 4, 4, 5, 1, 6}, ones(9)))
        .containsExactly("PERSON:w0 w1 w2", "PERSON:w3", "PERSON:w4", "PERSON:w5", "LOCATION:w6", "PERSON:w7 w8");
  }

  @Test
  void plainLabelsGroupWhileTheEntityRepeats() throws Exception {
    NerLabels l = labels("O", "PER", "ORG");
    assertThat(decode(l, 0.5, new int[] {1, 1, 2, 0, 1}, ones(5)))
        .containsExactly("PERSON:w0 w1", "ORGANIZATION:w2", "PERSON:w4");
  }

  @Test
  void theEntityScoreIsTheMeanOfItsWordsAndMeetsTheThreshold() throws Exception {
    NerLabels l = labels("O", "B-ORG", "I-ORG");
    float[] probs = {0.9f, 0.3f, 0.6f, 0.4f};
    assertThat(decode(l, 0.55, new int[] {1, 2, 1, 2}, probs)).containsExactly("ORGANIZATION:w0 w1");
    assertThat(decode(l, 0.5, new int[] {1, 2, 1, 2}, probs))
        .containsExactly("ORGANIZATION:w0 w1", "ORGANIZATION:w2 w3");
  }

  @Test
  void piecesOfOneWordFollowTheFirstPiece() throws Exception {
    NerLabels l = labels("O", "B-PER", "I-PER");
    String text = "Johnson x";
    List<Span> spans = new NerDecoder(l, 0.5, "t").decode(text, new int[] {1, 0, 0}, new float[] {0.9f, 0.9f, 0.9f},
        new int[] {0, 4, 8}, new int[] {4, 7, 9}, new long[] {0, 0, 1});
    assertThat(spans).extracting(s -> text.substring(s.start(), s.end())).containsExactly("Johnson");
  }

  @Test
  void labelPrefixesAndDefaultMapping() {
    Map<String, String> types = NerLabels.DEFAULT_TYPES;
    assertThat(NerLabels.parse("B-PER", types)).isEqualTo(new NerLabels.Label('B', "PER", "PERSON"));
    assertThat(NerLabels.parse("I_gpe", types)).isEqualTo(new NerLabels.Label('I', "GPE", "LOCATION"));
    assertThat(NerLabels.parse("L-ORG", types)).isEqualTo(new NerLabels.Label('E', "ORG", "ORGANIZATION"));
    assertThat(NerLabels.parse("U-LOC", types)).isEqualTo(new NerLabels.Label('S', "LOC", "LOCATION"));
    assertThat(NerLabels.parse("PERSON", types)).isEqualTo(new NerLabels.Label((char) 0, "PERSON", "PERSON"));
    assertThat(NerLabels.parse("B-MISC", types).type()).isNull();
    assertThat(NerLabels.parse("O", types).outside()).isTrue();
  }

  @Test
  void offsetsInCodePointsBecomeUtf16Indices() {
    String text = "😀 Zoë 👋🏽 Bob";
    int[] starts = {0, 2, 6, 9};
    int[] ends = {1, 5, 8, 12};
    Offsets.toUtf16(text, starts, ends);
    assertThat(text.substring(starts[1], ends[1])).isEqualTo("Zoë");
    assertThat(text.substring(starts[3], ends[3])).isEqualTo("Bob");
    assertThat(text.substring(starts[0], ends[0])).isEqualTo("😀");
  }
}
