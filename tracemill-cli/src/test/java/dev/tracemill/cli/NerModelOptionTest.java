package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.ner.OnnxNerDetector;
import dev.tracemill.ner.TinyNerModel;
import dev.tracemill.pipeline.Pipeline;
import dev.tracemill.privacy.DetectorSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --ner-model} on run and pii-eval, with the tiny model that tracemill-ner writes. */
class NerModelOptionTest {
  @TempDir Path dir;

  private Path model() {
    return TinyNerModel.write(dir.resolve("tiny-ner"));
  }

  @Test
  void runLoadsTheModelAndPassesItsDetectorToThePipeline() {
    Path model = model();
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("run", "--in", "a.jsonl", "--out", "o", "--ner-model", model.toString())).as(cli.err).isZero();
    assertThat(cli.captured.nerModel()).isEqualTo(model);
    assertThat(cli.captured.extraDetectors()).singleElement().isInstanceOfSatisfying(OnnxNerDetector.class,
        d -> assertThat(d.modelName()).isEqualTo("tiny-ner"));
  }

  @Test
  void theConfigFileKeyIsResolvedAgainstTheFilesFolder() throws IOException {
    model();
    Path config = dir.resolve("tracemill.yaml");
    Files.writeString(config, "in: [logs/]\nout: out\nner-model: tiny-ner\n");
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("run", "--config", config.toString())).as(cli.err).isZero();
    assertThat(cli.captured.nerModel()).isEqualTo(dir.resolve("tiny-ner"));
    assertThat(cli.captured.extraDetectors()).hasSize(1);
  }

  @Test
  void aMissingModelFolderIsAUsageErrorThatSaysNothingIsDownloaded() {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("run", "--in", "a.jsonl", "--out", "o", "--ner-model", "dslim/bert-base-NER")).isEqualTo(2);
    assertThat(cli.err).contains("--ner-model:", "dslim/bert-base-NER", "never downloads");
    assertThat(cli.captured).isNull();
  }

  @Test
  void aNerModelNeedsThePrivacyStage() {
    Path model = model();
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.execute("run", "--in", "a.jsonl", "--out", "o", "--pii", "off", "--ner-model", model.toString()))
        .isEqualTo(2);
    assertThat(cli.err).contains("ner-model needs the privacy stage");
  }

  @Test
  void aRealRunRedactsWhatOnlyTheModelFindsAndRecordsTheFolderNameOnly() throws IOException {
    Path model = model();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    // Lower-case "zoe" is a name only the tiny model knows; the built-in detectors leave it.
    Files.writeString(logs.resolve("chat.jsonl"), ""
        + "{\"messages\": [{\"role\": \"user\", \"content\": \"Please ask zoe about the invoice.\"}, "
        + "{\"role\": \"assistant\", \"content\": \"I will forward it to zoe today.\"}]}\n");
    Path without = dir.resolve("without");
    Path with = dir.resolve("with");
    assertThat(realRun("--in", logs.toString(), "--out", without.toString(), "--pii-style", "tag")).isZero();
    assertThat(realRun("--in", logs.toString(), "--out", with.toString(), "--pii-style", "tag",
        "--ner-model", model.toString())).isZero();

    assertThat(outputs(without)).contains("zoe");
    String redacted = outputs(with);
    assertThat(redacted).doesNotContain("zoe").contains("<PERSON_1>");
    JsonNode report = Json.MAPPER.readTree(with.resolve("report.json").toFile());
    assertThat(report.path("config").path("ner_model").asText()).isEqualTo("tiny-ner");
    assertThat(Files.readString(with.resolve("report.json"))).doesNotContain(model.toString());
    assertThat(Json.MAPPER.readTree(without.resolve("report.json").toFile()).path("config").has("ner_model"))
        .isFalse();
  }

  @Test
  void piiEvalRunsTheModelBesideTheBuiltInDetectors() throws IOException {
    Path model = model();
    Path gold = dir.resolve("gold.json");
    Files.writeString(gold, "[{\"full_text\": \"ask zoe in paris\", \"spans\": ["
        + "{\"entity_type\": \"PERSON\", \"start_position\": 4, \"end_position\": 7},"
        + "{\"entity_type\": \"LOCATION\", \"start_position\": 11, \"end_position\": 16}]}]");
    CliContext context = new CliContext((c, l) -> null, dir, k -> null, false, o -> new DetectorSet(java.util.List.of()));
    CommandLine cmd = Cli.create(context);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    assertThat(cmd.execute("pii-eval", "--gold", gold.toString(), "--json", "--ner-model", model.toString()))
        .as(err.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(out.toString());
    assertThat(json.path("ner_model").asText()).isEqualTo("tiny-ner");
    assertThat(json.path("detectors").toString()).isEqualTo("[\"onnx-ner\"]");
    assertThat(out.toString()).doesNotContain("zoe");
    assertThat(json.toString()).containsPattern("\"recall\":1(\\.0)?[,}]");
  }

  private int realRun(String... args) {
    Map<String, String> env = new HashMap<>();
    CommandLine cmd = Cli.create(new CliContext(Pipeline::run, dir, env::get, false));
    StringWriter sink = new StringWriter();
    cmd.setOut(new PrintWriter(sink, true));
    cmd.setErr(new PrintWriter(sink, true));
    String[] all = Stream.concat(Stream.of("run", "--quiet"), Stream.of(args)).toArray(String[]::new);
    return cmd.execute(all);
  }

  private static String outputs(Path out) throws IOException {
    try (Stream<Path> files = Files.walk(out.resolve("sft"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
  }
}
