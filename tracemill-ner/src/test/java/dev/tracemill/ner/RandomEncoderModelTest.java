package dev.tracemill.ner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomEncoderModelTest {
  @Test
  void theBenchmarkEncoderLoadsWithExternalWeightsAndRunsOverLongText(@TempDir Path dir) throws Exception {
    RandomEncoderModel.write(dir, 1);
    // One layer: word and position embeddings, 4 attention and 2 feed-forward matrices, their biases,
    // three layer norms and the classifier, as little-endian floats.
    long floats = (long) TinyNerModel.tokens().size() * 768 + 512L * 768 + 4L * (768 * 768 + 768)
        + (768L * 3072 + 3072) + (3072L * 768 + 768) + 3L * 2 * 768 + (768L * 9 + 9);
    assertThat(Files.size(dir.resolve("model.onnx.data"))).isEqualTo(floats * 4);
    try (OnnxNerDetector d = OnnxNerDetector.load(dir, NerOptions.DEFAULTS.withWindow(64, 8))) {
      String text = "Alice Smith met Bob in Paris at Acme Corp. ".repeat(40);
      List<Span> spans = d.detect(text, ScanContext.FREE_TEXT);
      assertThat(spans).allSatisfy(s -> assertThat(s.end()).isLessThanOrEqualTo(text.length()));
      assertThat(d.detect(text, ScanContext.FREE_TEXT)).isEqualTo(spans);
    }
  }
}
