package dev.tracemill.pipeline;

import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Unit;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kept units on disk between curation and export, so memory does not grow with the corpus. With
 * shuffling, units go to {@value #BUCKETS} bucket files by the top bits of their sort key; each bucket
 * is then loaded alone, sorted, and replayed, which gives the global key order (an external bucket
 * sort). Without shuffling there is one bucket in arrival order.
 */
final class Spill implements AutoCloseable {
  static final int BUCKETS = 128;

  /** One spilled unit: its sort key, arrival number, source record number and canonical JSON. */
  record Entry(long key, long seq, long record, String json) {
    Unit unit() {
      try {
        return ModelJson.unit(Json.MAPPER.readTree(json));
      } catch (IOException e) {
        throw new UncheckedIOException("spill file is corrupt", e);
      }
    }
  }

  private final Path dir;
  private final boolean sorted;
  private final OutputStream[] outs;
  private long count;

  Spill(Path dir, boolean sorted) throws IOException {
    this.dir = dir;
    this.sorted = sorted;
    Files.createDirectories(dir);
    this.outs = new OutputStream[sorted ? BUCKETS : 1];
  }

  long count() {
    return count;
  }

  void write(long key, long record, Unit unit) throws IOException {
    int bucket = sorted ? (int) (key >>> (64 - Integer.numberOfTrailingZeros(BUCKETS))) : 0;
    OutputStream out = outs[bucket];
    if (out == null) {
      out = new BufferedOutputStream(Files.newOutputStream(file(bucket)), 1 << 15);
      outs[bucket] = out;
    }
    String line = key + "\t" + count + "\t" + record + "\t" + Json.write(ModelJson.unit(unit)) + "\n";
    out.write(line.getBytes(StandardCharsets.UTF_8));
    count++;
  }

  /** Closes the writers and replays every entry in key order (arrival order when not sorted). */
  void replay(Consumer<Entry> consumer) throws IOException {
    close();
    for (int b = 0; b < outs.length; b++) {
      Path f = file(b);
      if (!Files.exists(f)) {
        continue;
      }
      List<Entry> entries = sorted ? new ArrayList<>() : null;
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          int t1 = line.indexOf('\t');
          int t2 = line.indexOf('\t', t1 + 1);
          int t3 = line.indexOf('\t', t2 + 1);
          Entry e = new Entry(Long.parseLong(line, 0, t1, 10), Long.parseLong(line, t1 + 1, t2, 10),
              Long.parseLong(line, t2 + 1, t3, 10), line.substring(t3 + 1));
          if (sorted) {
            entries.add(e);
          } else {
            consumer.accept(e);
          }
        }
      }
      if (sorted) {
        entries.sort(Comparator.comparingLong(Entry::key).thenComparingLong(Entry::seq));
        entries.forEach(consumer);
      }
    }
  }

  private Path file(int bucket) {
    return dir.resolve(String.format("bucket-%03d.spill", bucket));
  }

  @Override
  public void close() throws IOException {
    for (int i = 0; i < outs.length; i++) {
      if (outs[i] != null) {
        outs[i].close();
        outs[i] = null;
      }
    }
  }
}
