package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The readers tracemill knows, in the order they are asked, and per-file format detection. Adding a
 * reader means adding it to {@link #ALL}; there is no discovery.
 */
public final class Formats {
  private static final int HEAD_BYTES = 64 * 1024;

  public static final List<LogFormat> ALL = List.of(
      // Readers are registered here in a fixed order; detection picks the highest sniff score and
      // the first on ties.
      new OpenAiFormat(),
      new LoggerFormat(),
      new ChatFormat(),
      new LangSmithFormat(),
      new AnthropicFormat(),
      new LlmCallsFormat(),
      new TranscriptFormat()
  );

  private Formats() {}

  public static List<String> names() {
    return ALL.stream().map(LogFormat::name).toList();
  }

  public static Optional<LogFormat> byName(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Reads the head of the file and asks every format; empty when none claims it. */
  public static Optional<LogFormat> detect(InputFile file) throws IOException {
    Sample sample = sample(file);
    LogFormat best = null;
    int bestScore = 0;
    for (LogFormat format : ALL) {
      int score = format.sniff(sample);
      if (score > bestScore) {
        best = format;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** True when the file holds nothing but whitespace: it has no records and needs no reader. */
  public static boolean isBlank(InputFile file) throws IOException {
    try (InputStream in = file.open()) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
            return false;
          }
        }
      }
    }
    return true;
  }

  static Sample sample(InputFile file) throws IOException {
    byte[] head;
    try (InputStream in = file.open()) {
      head = in.readNBytes(HEAD_BYTES);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    return new Sample(file.logicalName(), text, firstLineObject(text));
  }

  private static JsonNode firstLineObject(String head) {
    for (String line : head.split("\n", 64)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = Json.tryParse(line.strip());
      return node != null && node.isObject() ? node : null;
    }
    return null;
  }
}
