package dev.tracemill.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxNerDetectorTest {
  @TempDir static Path shared;
  private static OnnxNerDetector detector;

  /** Probability of a strongly labelled word: softmax of logit 5 against eight logits of 0. */
  private static final double STRONG_P = Math.exp(5) / (Math.exp(5) + 8);

  @BeforeAll
  static void load() {
    detector = OnnxNerDetector.load(TinyNerModel.write(shared.resolve("tiny-ner")), NerOptions.DEFAULTS);
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  private static List<String> found(OnnxNerDetector d, String text) {
    return d.detect(text, ScanContext.FREE_TEXT).stream()
        .map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
  }

  /** The span of {@code value}'s first occurrence at or after {@code from}, as the detector must report it. */
  private static String expect(String type, String value) {
    return type + ":" + value;
  }

  @Test
  void peoplePlacesAndOrganisationsAreFoundWithTheirCharacterOffsets() {
    String text = "Alice Smith met Johnson in Paris at Acme Corp.";
    List<Span> spans = detector.detect(text, ScanContext.FREE_TEXT);
    assertThat(spans).extracting(Span::start).containsExactly(text.indexOf("Alice"), text.indexOf("Johnson"),
        text.indexOf("Paris"), text.indexOf("Acme"));
    assertThat(spans).extracting(Span::end).containsExactly(text.indexOf(" met"), text.indexOf(" in"),
        text.indexOf(" at"), text.indexOf("."));
    assertThat(found(detector, text)).containsExactly(expect("PERSON", "Alice Smith"), expect("PERSON", "Johnson"),
        expect("LOCATION", "Paris"), expect("ORGANIZATION", "Acme Corp"));
    assertThat(spans).allSatisfy(s -> {
      assertThat(s.detector()).isEqualTo(OnnxNerDetector.NAME);
      assertThat(s.score()).isCloseTo(STRONG_P, within(1e-4));
    });
  }

  @Test
  void aWordTakesTheLabelOfItsFirstPiece() {
    // "Johnny" is john (B-PER) + ##ny (O): the whole word is the person, not just "John".
    assertThat(found(detector, "hello Johnny!")).containsExactly(expect("PERSON", "Johnny"));
  }

  @Test
  void offsetsAreUtf16IndicesAfterEmojiAndAccents() {
    String text = "😀 Zoë met Bob 😀😀 in New York and Berlin 👋🏽";
    // "new" scores O and "york" I-LOC: an I- label after O opens an entity (IOB1 leniency).
    assertThat(found(detector, text)).containsExactly(expect("PERSON", "Zoë"), expect("PERSON", "Bob"),
        expect("LOCATION", "York"), expect("LOCATION", "Berlin"));
  }

  @Test
  void labelsThatMapToNoTypeAndWeakLabelsAreNotReported() {
    assertThat(found(detector, "the Euro is")).isEmpty();
    assertThat(found(detector, "maybe")).isEmpty();
    try (OnnxNerDetector lenient = OnnxNerDetector.load(shared.resolve("tiny-ner"),
        NerOptions.DEFAULTS.withThreshold(0.2))) {
      List<Span> spans = lenient.detect("maybe", ScanContext.FREE_TEXT);
      assertThat(spans).hasSize(1);
      assertThat(spans.get(0).score()).isCloseTo(Math.exp(1) / (Math.exp(1) + 8), within(1e-4));
    }
  }

  @Test
  void loneSurrogatesDoNotBreakTokenisationOrShiftOffsets() {
    String text = "\uD800 broken \uDC00 then Alice Smith in Paris \uD83D";
    assertThat(found(detector, text)).containsExactly(expect("PERSON", "Alice Smith"), expect("LOCATION", "Paris"));
  }

  @Test
  void blankTextAndTextWithoutEntitiesGiveNoSpans() {
    assertThat(detector.detect("", ScanContext.FREE_TEXT)).isEmpty();
    assertThat(detector.detect(" \n\t ", ScanContext.FREE_TEXT)).isEmpty();
    assertThat(detector.detect("the weather was fine today", ScanContext.FREE_TEXT)).isEmpty();
  }

  @Test
  void longTextsAreScannedInOverlappingWindowsWithoutLosingOrSplittingEntities() {
    // About 6,000 pieces: far past one 16-piece window (and past BERT's 512), with names placed at
    // every phase relative to the window edges, including two-word names that straddle an edge.
    Random random = new Random(7);
    String[] filler = {"the", "met", "in", "at", "works", "for", "and", "said", "unknownword", ","};
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      text.append(filler[random.nextInt(filler.length)]).append(' ');
      if (i % 7 == 3) {
        String[][] entities = {{"PERSON", "Alice Smith"}, {"LOCATION", "Paris"}, {"ORGANIZATION", "Acme Corp"},
            {"PERSON", "Johnson"}};
        String[] e = entities[random.nextInt(entities.length)];
        text.append(e[1]).append(' ');
        expected.add(expect(e[0], e[1]));
      }
    }
    String t = text.toString();
    try (OnnxNerDetector small = OnnxNerDetector.load(shared.resolve("tiny-ner"),
        NerOptions.DEFAULTS.withWindow(16, 4))) {
      assertThat(small.toString()).contains("window=16");
      assertThat(found(small, t)).hasSize(expected.size()).containsExactlyElementsOf(expected);
    }
    assertThat(found(detector, t)).containsExactlyElementsOf(expected);
  }

  @Test
  void aModelWithoutTokenTypeIdsIsFedOnlyTheInputsItDeclares(@TempDir Path dir) {
    try (OnnxNerDetector noTypes = OnnxNerDetector.load(TinyNerModel.write(dir, false), NerOptions.DEFAULTS)) {
      assertThat(found(noTypes, "Bob lives in Berlin")).containsExactly(expect("PERSON", "Bob"),
          expect("LOCATION", "Berlin"));
    }
  }

  @Test
  void theModelsConfigCanRemapAndIgnoreEntities(@TempDir Path dir) throws IOException {
    TinyNerModel.write(dir);
    Path config = dir.resolve("config.json");
    String json = Files.readString(config);
    Files.writeString(config, json.replaceFirst("\\{", "{\"tracemill_entity_types\": {\"MISC\": \"PRODUCT\", \"loc\": null},"));
    try (OnnxNerDetector remapped = OnnxNerDetector.load(dir, NerOptions.DEFAULTS)) {
      assertThat(remapped.types()).containsExactly("ORGANIZATION", "PERSON", "PRODUCT");
      assertThat(found(remapped, "Bob paid in Euro in Paris")).containsExactly(expect("PERSON", "Bob"),
          expect("PRODUCT", "Euro"));
    }
  }

  @Test
  void detectionIsDeterministicAndSafeToShareBetweenThreads() {
    List<String> texts = IntStream.range(0, 64)
        .mapToObj(i -> "item " + i + ": Alice Smith met Bob in Berlin at Acme Corp " + "and ".repeat(i % 9)).toList();
    List<List<Span>> sequential = texts.stream().map(t -> detector.detect(t, ScanContext.FREE_TEXT)).toList();
    List<List<Span>> parallel = texts.parallelStream().map(t -> detector.detect(t, ScanContext.FREE_TEXT)).toList();
    assertThat(parallel).isEqualTo(sequential);
    assertThat(sequential).allSatisfy(spans -> assertThat(spans).hasSize(4));
  }

  @Test
  void spansStayInBoundsOnArbitraryText() {
    Random random = new Random(11);
    String alphabet = "aAbZ é😀\n\t,.-'\"{}:漢字ßİ\u0000\u200b\uDC00\uD800";
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(80);
      for (int j = 0; j < len; j++) {
        if (random.nextInt(5) == 0) {
          sb.append(random.nextBoolean() ? " Alice " : " Paris");
        } else {
          int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0,
              alphabet.length()))));
          sb.appendCodePoint(cp);
        }
      }
      String text = sb.toString();
      for (Span s : detector.detect(text, ScanContext.FREE_TEXT)) {
        assertThat(s.end()).isLessThanOrEqualTo(text.length());
        assertThat(Character.isLowSurrogate(text.charAt(s.start()))).isFalse();
        assertThat(text.substring(s.start(), s.end()).strip()).isEqualTo(text.substring(s.start(), s.end()));
      }
    }
  }

  @Test
  void loadingAndScanningNeverOpenANetworkConnection(@TempDir Path dir) throws Exception {
    assertThat(probe(TinyNerModel.write(dir))).contains("requests=0 ");
  }

  @Test
  void theNetworkTrapCatchesDjlCallingHomeWhenNotSwitchedOffline(@TempDir Path dir) throws Exception {
    // The control for the test above: DJL's tokenizer factory asks the cloud metadata endpoint for an
    // instance id (its telemetry) unless offline; the probe must see that attempt.
    assertThat(probe(TinyNerModel.write(dir), "--raw-djl")).containsPattern("requests=[1-9]")
        .contains("169.254.169.254");
  }

  /** Runs {@link NoNetworkProbe} in a fresh JVM (DJL's once-per-JVM telemetry would hide in this one). */
  static String probe(Path dir, String... extra) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 24,
        "the network trap needs a security manager, which JDK 24 removed");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.security.manager=allow", "-cp", System.getProperty("java.class.path"), NoNetworkProbe.class.getName(), dir.toString()));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("OPT_OUT_TRACKING");
    builder.environment().remove("DJL_OFFLINE");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }

  @Test
  void aMissingFolderIsRefusedWithoutTryingToDownloadIt() {
    assertThatThrownBy(() -> OnnxNerDetector.load(Path.of("dslim/bert-base-NER"), NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class)
        .hasMessageContaining("dslim/bert-base-NER")
        .hasMessageContaining("never downloads")
        .hasMessageContaining("optimum-cli export onnx");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) throws IOException {
    TinyNerModel.write(dir);
    Files.delete(dir.resolve("tokenizer.json"));
    assertThatThrownBy(() -> OnnxNerDetector.load(dir, NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class).hasMessageContaining("no readable tokenizer.json");
  }

  @Test
  void aCorruptModelIsReportedAsSuch(@TempDir Path dir) throws IOException {
    TinyNerModel.write(dir);
    byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
    Files.write(dir.resolve("model.onnx"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
    assertThatThrownBy(() -> OnnxNerDetector.load(dir, NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class)
        .hasMessageContaining("model.onnx cannot be loaded by ONNX Runtime");
  }

  @Test
  void aCorruptTokenizerIsReportedAsSuch(@TempDir Path dir) throws IOException {
    TinyNerModel.write(dir);
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"NoSuchModel\"}}");
    assertThatThrownBy(() -> OnnxNerDetector.load(dir, NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class)
        .hasMessageContaining("tokenizer.json is not a Hugging Face tokenizer.json");
  }

  @Test
  void aConfigWithoutLabelsOrWithTheWrongNumberIsRefused(@TempDir Path dir) throws IOException {
    TinyNerModel.write(dir);
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"}");
    assertThatThrownBy(() -> OnnxNerDetector.load(dir, NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class).hasMessageContaining("has no id2label");
    Files.writeString(dir.resolve("config.json"), "{\"id2label\": {\"0\": \"O\", \"1\": \"B-PER\", \"2\": \"I-PER\"}}");
    assertThatThrownBy(() -> OnnxNerDetector.load(dir, NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class)
        .hasMessageContaining("predicts 9 labels but").hasMessageContaining("id2label has 3");
    Files.writeString(dir.resolve("config.json"), "{\"id2label\": {\"0\": \"O\", \"1\": \"B-MISC\"}}");
    assertThatThrownBy(() -> OnnxNerDetector.load(dir, NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class).hasMessageContaining("tracemill_entity_types");
    Files.writeString(dir.resolve("config.json"), "{not json");
    assertThatThrownBy(() -> OnnxNerDetector.load(dir, NerOptions.DEFAULTS))
        .isInstanceOf(NerModelException.class).hasMessageContaining("config.json is not valid JSON");
  }

  @Test
  void toStringNamesTheFolderButNotItsPath() {
    assertThat(detector.modelName()).isEqualTo("tiny-ner");
    assertThat(detector.toString()).contains("model=tiny-ner").doesNotContain(shared.toString())
        .contains("ignored=[MISC]");
  }
}
