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
      new LangfuseFormat(),
      new LiteLlmFormat(),
      new OpenAiResponsesFormat(),
      new AnthropicFormat(),
      new LlmCallsFormat(),
      new TranscriptFormat(),
      new OtlpFormat(),
      new OpenInferenceFormat(),
      new CustomFormat()
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
    return detect(file, ReadOptions.DEFAULTS);
  }

  /** As {@link #detect(InputFile)}, reading a first record of up to {@code options.maxRecordBytes()}. */
  public static Optional<LogFormat> detect(InputFile file, ReadOptions options) throws IOException {
    Sample sample = sample(file, options);
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
    return sample(file, ReadOptions.DEFAULTS);
  }

  /**
   * The head of the file (64 KiB) and its first JSON Lines record. The first non-blank line is read
   * whole (up to {@code maxRecordBytes}), so a long first record (a RAG prompt) is still recognised;
   * a byte-order mark is ignored. When that line starts like a JSON object but does not parse (it is
   * truncated, too deep or too long), the next lines that also start with {@code {} are tried, so one
   * broken record does not hide a whole file from detection. Multi-line JSON documents never match:
   * their first line is not a whole object.
   */
  static Sample sample(InputFile file, ReadOptions options) throws IOException {
    byte[] head;
    try (InputStream in = file.open()) {
      head = in.readNBytes(HEAD_BYTES);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    return new Sample(file.logicalName(), text, firstRecord(file, options));
  }

  private static final int LINES_TRIED = 8;

  private static JsonNode firstRecord(InputFile file, ReadOptions options) throws IOException {
    try (InputStream in = file.open()) {
      LineReader lines = new LineReader(in, options.maxRecordBytes());
      boolean first = true;
      int tried = 0;
      LineReader.Line line;
      while ((line = lines.next()) != null && tried < LINES_TRIED) {
        if (!line.tooLong() && line.isBlank()) {
          continue;
        }
        tried++;
        String text = line.tooLong() ? "{" : new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String stripped = text.strip();
        if (!stripped.startsWith("{")) {
          return null;
        }
        JsonNode node = line.tooLong() ? null : Json.tryParse(stripped);
        if (node != null && node.isObject()) {
          return node;
        }
        if (first && (node != null || stripped.length() < 3 || stripped.endsWith("["))) {
          // Not a record: a JSON value of another kind, or the opening line of a multi-line document.
          return null;
        }
        first = false;
      }
      return null;
    }
  }
}
