package dev.tracemill.pipeline;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kept units on disk between curation and export, already rendered in every requested format, so
 * memory does not grow with the corpus and no unit is parsed twice. With shuffling, entries go to
 * {@value #BUCKETS} bucket files by the top bits of their sort key; each bucket is then loaded alone,
 * sorted, and replayed, which gives the global key order (an external bucket sort). Without shuffling
 * there is one bucket in arrival order.
 *
 * <p>One line per unit: {@code key, seq, record, type, group, payload...}, tab-separated. Each payload
 * field is one format's row as compact JSON (JSON text never holds a raw tab) or {@code !reason} when
 * that format skipped the unit.
 */
final class Spill implements AutoCloseable {
  static final int BUCKETS = 128;

  /**
   * One spilled unit: sort key, arrival number, source record number, unit type ordinal, group hash
   * (units of one session share it), and one payload per format.
   */
  record Entry(long key, long seq, long record, int type, long group, String[] payloads) {}

  private final Path dir;
  private final boolean sorted;
  private final OutputStream[] outs;
  private final StringBuilder line = new StringBuilder(4096);
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

  void write(long key, long record, int type, long group, List<String> payloads) throws IOException {
    int bucket = sorted ? (int) (key >>> (64 - Integer.numberOfTrailingZeros(BUCKETS))) : 0;
    OutputStream out = outs[bucket];
    if (out == null) {
      out = new BufferedOutputStream(Files.newOutputStream(file(bucket)), 1 << 15);
      outs[bucket] = out;
    }
    line.setLength(0);
    line.append(key).append('\t').append(count).append('\t').append(record).append('\t').append(type)
        .append('\t').append(group);
    for (String p : payloads) {
      line.append('\t').append(p);
    }
    line.append('\n');
    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    count++;
  }

  /** Closes the writers and replays every entry in key order (arrival order when not sorted). */
  void replay(int formats, Consumer<Entry> consumer) throws IOException {
    close();
    for (int b = 0; b < outs.length; b++) {
      Path f = file(b);
      if (!Files.exists(f)) {
        continue;
      }
      List<Entry> entries = sorted ? new ArrayList<>() : null;
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String text;
        while ((text = r.readLine()) != null) {
          Entry e = parse(text, formats);
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

  private static Entry parse(String text, int formats) {
    int[] tabs = new int[5 + formats];
    int from = 0;
    for (int i = 0; i < tabs.length - 1; i++) {
      tabs[i] = text.indexOf('\t', from);
      from = tabs[i] + 1;
    }
    tabs[tabs.length - 1] = text.length();
    String[] payloads = new String[formats];
    for (int i = 0; i < formats; i++) {
      payloads[i] = text.substring(tabs[4 + i] + 1, tabs[5 + i]);
    }
    return new Entry(
        Long.parseLong(text, 0, tabs[0], 10),
        Long.parseLong(text, tabs[0] + 1, tabs[1], 10),
        Long.parseLong(text, tabs[1] + 1, tabs[2], 10),
        Integer.parseInt(text, tabs[2] + 1, tabs[3], 10),
        Long.parseLong(text, tabs[3] + 1, tabs[4], 10),
        payloads);
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
