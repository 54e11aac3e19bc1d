package dev.tracemill.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.export.Exporter;
import dev.tracemill.model.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The split files of every format, opened on their first row (an empty split writes no file, since
 * trainers reject empty JSON files), with per-format row and skip counts for the report. Beside each
 * split file, {@code SPLIT.meta.jsonl} holds one line of tags per row, in the same order.
 */
final class Writers implements AutoCloseable {
  /** The sidecar's suffix: {@code train.jsonl} has {@code train.meta.jsonl}. */
  static final String META = ".meta.jsonl";
  private final Path root;
  private final List<Exporter> exporters;
  private final List<String> splits;
  private final Map<String, BufferedWriter> open = new HashMap<>();
  private final Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> skipped = new LinkedHashMap<>();

  Writers(Path root, List<Exporter> exporters, List<String> splits) {
    this.root = root;
    this.exporters = exporters;
    this.splits = splits;
    for (Exporter e : exporters) {
      Map<String, Long> perSplit = new LinkedHashMap<>();
      splits.forEach(s -> perSplit.put(s, 0L));
      rows.put(e.name(), perSplit);
      skipped.put(e.name(), new TreeMap<>());
    }
  }

  /**
   * Writes one payload: a row as compact JSON, with its sidecar line {@code meta}, or {@code !reason}
   * for a unit the format skipped.
   */
  void write(String format, String split, String payload, String meta) {
    if (payload.startsWith("!")) {
      skipped.get(format).merge(payload.substring(1), 1L, Long::sum);
      return;
    }
    try {
      line(format, split + ".jsonl", payload);
      line(format, split + META, meta);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows.get(format).merge(split, 1L, Long::sum);
  }

  private void line(String format, String name, String text) throws IOException {
    String key = format + "/" + name;
    BufferedWriter w = open.get(key);
    if (w == null) {
      Path file = root.resolve(format).resolve(name);
      Files.createDirectories(file.getParent());
      w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      open.put(key, w);
    }
    w.write(text);
    w.write('\n');
  }

  /** Writes each format's extra files; returns the report's {@code exports} object. */
  ObjectNode finish() throws IOException {
    close();
    ObjectNode exports = Json.object();
    for (Exporter e : exporters) {
      ObjectNode o = exports.putObject(e.name());
      ObjectNode r = o.putObject("rows");
      rows.get(e.name()).forEach(r::put);
      ObjectNode s = o.putObject("skipped");
      skipped.get(e.name()).forEach(s::put);
      ArrayNode files = o.putArray("files");
      Map<String, Exporter.SplitFile> written = new LinkedHashMap<>();
      for (String split : splits) {
        long n = rows.get(e.name()).get(split);
        if (n > 0) {
          written.put(split, new Exporter.SplitFile(split + ".jsonl", n));
          files.add(split + ".jsonl");
          files.add(split + META);
        }
      }
      if (written.isEmpty()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> extra : new TreeMap<>(e.extraFiles(written)).entrySet()) {
        Path file = root.resolve(e.name()).resolve(extra.getKey());
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(extra.getValue()) + "\n", StandardCharsets.UTF_8);
        files.add(extra.getKey());
      }
    }
    return exports;
  }

  @Override
  public void close() throws IOException {
    for (BufferedWriter w : open.values()) {
      w.close();
    }
    open.clear();
  }
}
