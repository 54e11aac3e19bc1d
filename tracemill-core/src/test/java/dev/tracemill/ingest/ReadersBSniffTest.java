package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection for the anthropic, llm_calls and transcript readers, on the demo logs and golden inputs. */
class ReadersBSniffTest {
  @TempDir Path tmp;

  @Test
  void demoLogsAreDetectedAsTheirOwnFormat() throws IOException {
    Path logs = examples();
    assertThat(detect(logs.resolve("anthropic-calls.jsonl"))).isEqualTo("anthropic");
    assertThat(detect(logs.resolve("llm_calls.json"))).isEqualTo("llm_calls");
    assertThat(detect(logs.resolve("transcripts.txt"))).isEqualTo("transcript");
  }

  @Test
  void wellFormedGoldenInputsAreDetectedAsTheirOwnFormat() throws IOException {
    for (String format : List.of("anthropic", "llm_calls", "transcript")) {
      Path dir = Paths.get("src/test/resources/golden/readers", format);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path input : files.filter(p -> p.getFileName().toString().contains(".input.")).sorted().toList()) {
          String name = input.getFileName().toString();
          if (name.startsWith("bad-records") || name.startsWith("wrong-shape") || name.startsWith("text-before")) {
            continue; // files that start with a record of the wrong shape cannot be claimed
          }
          assertThat(detect(input)).as(name).isEqualTo(format);
        }
      }
    }
  }

  @Test
  void anthropicDoesNotClaimOpenAiShapedRecords() {
    String line = "{\"request\": {\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]},"
        + " \"response\": {\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"hello\"}}]}}";
    assertThat(new AnthropicFormat().sniff(sample("calls.jsonl", line))).isZero();
  }

  @Test
  void anthropicSniffLooksPastABrokenFirstLine() {
    String head = "{\"request\": {\"messages\": [\n"
        + "{\"request\": {\"model\": \"m\", \"messages\": []}, \"response\": {\"type\": \"message\", \"content\": []}}\n";
    assertThat(new AnthropicFormat().sniff(sample("calls.jsonl", head))).isEqualTo(85);
  }

  @Test
  void llmCallsClaimsJsonLinesAboveDocuments() {
    String line = "{\"success\": true, \"prompt\": \"p\", \"response\": {\"answer\": \"a\"}}";
    assertThat(new LlmCallsFormat().sniff(sample("x.jsonl", line))).isEqualTo(90);
    assertThat(new LlmCallsFormat().sniff(sample("x.json", "[\n  " + line + "\n]"))).isEqualTo(80);
    assertThat(new LlmCallsFormat().sniff(sample("x.json", "{\"run\": 1,\n \"llm_calls\": []}"))).isEqualTo(80);
    assertThat(new LlmCallsFormat().sniff(sample("x.json", "[{\"prompt\": \"p\", \"answer\": \"a\"}]"))).isZero();
  }

  @Test
  void transcriptNeedsAMarkerAndNoJsonAndPrefersTextExtensions() {
    TranscriptFormat transcript = new TranscriptFormat();
    assertThat(transcript.sniff(sample("chat.log", "User: hi\nAssistant: hello\n"))).isEqualTo(40);
    assertThat(transcript.sniff(sample("chat.md", "# Notes\n  human: hi\n"))).isEqualTo(50);
    assertThat(transcript.sniff(sample("chat.txt", "Dear diary,\nnothing happened.\n"))).isZero();
    assertThat(transcript.sniff(sample("chat.txt", "{\"User: \": 1}\n"))).isZero();
  }

  private static Sample sample(String name, String head) {
    return new Sample(name, head, firstLine(head));
  }

  private static com.fasterxml.jackson.databind.JsonNode firstLine(String head) {
    String first = head.split("\n", 2)[0];
    com.fasterxml.jackson.databind.JsonNode node = dev.tracemill.model.Json.tryParse(first);
    return node != null && node.isObject() ? node : null;
  }

  private String detect(Path file) throws IOException {
    // Copy under the original name so that the logical name (and its extension) is what is sniffed.
    Path copy = Files.write(tmp.resolve(file.getFileName().toString()), Files.readAllBytes(file));
    return Formats.detect(new InputFile(copy.getFileName().toString(), copy)).map(LogFormat::name).orElse("none");
  }

  /** The project's examples/logs folder, found by walking up from the working directory. */
  static Path examples() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("examples/logs");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new AssertionError("examples/logs not found above " + Paths.get("").toAbsolutePath());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
