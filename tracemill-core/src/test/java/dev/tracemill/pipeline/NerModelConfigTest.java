package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ner-model} key and the extra-detector hook; loading ONNX itself is tracemill-ner's. */
class NerModelConfigTest {
  @TempDir Path dir;

  @Test
  void theNerModelKeyIsAPathResolvedAgainstTheConfigFilesFolder() throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "in: logs\nout: out\nner-model: models/ner-bert\n");
    RunConfig.Builder b = RunConfig.builder();
    ConfigFile.load(file).applyTo(b);
    assertThat(b.build().nerModel()).isEqualTo(dir.resolve("models/ner-bert"));
  }

  @Test
  void aNerModelWithThePrivacyStageOffIsRefused() {
    assertThatThrownBy(() -> RunConfig.builder().input("a").out(dir).pii(false).nerModel(dir).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ner-model needs the privacy stage");
  }

  @Test
  void extraDetectorsRunAfterTheBuiltInOnesAndTheReportKeepsTheModelFolderNameOnly() throws Exception {
    Detector word = new Detector() {
      @Override
      public String name() {
        return "test-extra";
      }

      @Override
      public List<Span> detect(String text, ScanContext context) {
        int at = text.indexOf("zorblax");
        return at < 0 ? List.of() : List.of(new Span(at, at + 7, "PERSON", 0.99, name()));
      }
    };
    DetectorSet set = DetectorSet.defaults(new PrivacyOptions("US")).with(List.of(word));
    assertThat(set.detectors().get(set.detectors().size() - 1)).isSameAs(word);
    assertThat(DetectorSet.defaults(new PrivacyOptions("US")).with(List.of()).detectors())
        .hasSize(set.detectors().size() - 1);

    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("chat.jsonl"), "{\"messages\": [{\"role\": \"user\", \"content\": "
        + "\"Please ask zorblax about the invoice.\"}, {\"role\": \"assistant\", \"content\": \"Sure, I will.\"}]}\n");
    Path model = Files.createDirectories(dir.resolve("private/mount/ner-bert"));
    Path out = dir.resolve("out");
    Pipeline.run(RunConfig.builder().input(logs.toString()).out(out).nerModel(model)
        .extraDetectors(List.of(word)).build(), PipelineListener.NONE);
    String train = Files.readString(out.resolve("sft/trl/train.jsonl"));
    assertThat(train).doesNotContain("zorblax");
    String report = Files.readString(out.resolve("report.json"));
    assertThat(report).contains("\"ner_model\" : \"ner-bert\"").doesNotContain("private/mount");
  }
}
