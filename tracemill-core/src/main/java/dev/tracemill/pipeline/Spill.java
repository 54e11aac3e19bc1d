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
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Kept units on disk between reading and export, already rendered in every requested format, so
 * memory does not grow with the corpus and no unit is parsed twice. With shuffling, entries go to
 * {@value #BUCKETS} buckets by the top bits of their sort key; each bucket is then loaded alone, sorted,
 * and replayed, which gives the global key order (an external bucket sort). Without shuffling there is
 * one bucket in arrival order.
 *
 * <p>A bucket is two files written in step: {@code .head} with one line of numbers per unit
 * ({@code key, seq, record, type, group, conversation hash, content hash, exportable}), small enough to replay
 * cheaply for decisions, and {@code .rows} with that unit's payloads, tab-separated: one per format,
 * the row as compact JSON (JSON text never holds a raw tab) or {@code !reason} when the format skipped
 * the unit.
 */
final class Spill implements AutoCloseable {
  static final int BUCKETS = 128;

  /**
   * One spilled unit: sort key, arrival number, source record number, unit type ordinal, group hash
   * (units of one session share it), whole-conversation hash (for the prefix collapse), content hash
   * (for dedup), whether at least one format could express it, and one payload per format (null when
   * replayed without payloads).
   */
  record Entry(long key, long seq, long record, int type, long group, long conversation, long content,
      boolean exportable, String[] payloads) {}

  private static final int HEADER_FIELDS = 8;

  private final Path dir;
  private final boolean sorted;
  private final OutputStream[] heads;
  private final OutputStream[] rows;
  private final StringBuilder line = new StringBuilder(4096);
  private long count;

  Spill(Path dir, boolean sorted) throws IOException {
    this.dir = dir;
    this.sorted = sorted;
    Files.createDirectories(dir);
    this.heads = new OutputStream[sorted ? BUCKETS : 1];
    this.rows = new OutputStream[heads.length];
  }

  long count() {
    return count;
  }

  void write(long key, long record, int type, long group, long conversation, long content,
      boolean exportable, List<String> payloads) throws IOException {
    int bucket = sorted ? (int) (key >>> (64 - Integer.numberOfTrailingZeros(BUCKETS))) : 0;
    if (heads[bucket] == null) {
      heads[bucket] = new BufferedOutputStream(Files.newOutputStream(file(bucket, "head")), 1 << 13);
      rows[bucket] = new BufferedOutputStream(Files.newOutputStream(file(bucket, "rows")), 1 << 15);
    }
    line.setLength(0);
    line.append(key).append('\t').append(count).append('\t').append(record).append('\t').append(type)
        .append('\t').append(group).append('\t').append(conversation).append('\t').append(content)
        .append('\t').append(exportable ? 1 : 0).append('\n');
    heads[bucket].write(line.toString().getBytes(StandardCharsets.US_ASCII));
    line.setLength(0);
    for (int i = 0; i < payloads.size(); i++) {
      if (i > 0) {
        line.append('\t');
      }
      line.append(payloads.get(i));
    }
    line.append('\n');
    rows[bucket].write(line.toString().getBytes(StandardCharsets.UTF_8));
    count++;
  }

  /**
   * Closes the writers and replays every entry in key order (arrival order when not sorted); with
   * {@code formats == 0} only the small head files are read and entries carry no payloads.
   */
  void replay(int formats, Consumer<Entry> consumer) throws IOException {
    close();
    for (int b = 0; b < heads.length; b++) {
      Path head = file(b, "head");
      if (!Files.exists(head)) {
        continue;
      }
      List<Entry> entries = sorted ? new ArrayList<>() : null;
      try (BufferedReader h = Files.newBufferedReader(head, StandardCharsets.US_ASCII);
           BufferedReader r = formats == 0 ? null : Files.newBufferedReader(file(b, "rows"), StandardCharsets.UTF_8)) {
        String text;
        while ((text = h.readLine()) != null) {
          Entry e = parse(text, r == null ? null : r.readLine(), formats);
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

  /**
   * Closes the writers and replays every entry's head (no payloads) in arrival order: a merge of the
   * buckets, each of which is in arrival order already.
   */
  void replayHeadsInArrivalOrder(Consumer<Entry> consumer) throws IOException {
    close();
    List<BufferedReader> readers = new ArrayList<>();
    PriorityQueue<Map.Entry<Entry, BufferedReader>> next =
        new PriorityQueue<>(Comparator.comparingLong(e -> e.getKey().seq()));
    try {
      for (int b = 0; b < heads.length; b++) {
        Path head = file(b, "head");
        if (Files.exists(head)) {
          BufferedReader r = Files.newBufferedReader(head, StandardCharsets.US_ASCII);
          readers.add(r);
          String text = r.readLine();
          if (text != null) {
            next.add(Map.entry(parse(text, null, 0), r));
          }
        }
      }
      while (!next.isEmpty()) {
        Map.Entry<Entry, BufferedReader> e = next.poll();
        consumer.accept(e.getKey());
        String text = e.getValue().readLine();
        if (text != null) {
          next.add(Map.entry(parse(text, null, 0), e.getValue()));
        }
      }
    } finally {
      for (BufferedReader r : readers) {
        r.close();
      }
    }
  }

  private static Entry parse(String head, String payloadLine, int formats) {
    long[] h = new long[HEADER_FIELDS];
    int from = 0;
    for (int i = 0; i < HEADER_FIELDS; i++) {
      int tab = head.indexOf('\t', from);
      int end = tab < 0 ? head.length() : tab;
      h[i] = Long.parseLong(head, from, end, 10);
      from = end + 1;
    }
    String[] payloads = null;
    if (payloadLine != null) {
      payloads = new String[formats];
      from = 0;
      for (int i = 0; i < formats; i++) {
        int tab = payloadLine.indexOf('\t', from);
        int end = tab < 0 ? payloadLine.length() : tab;
        payloads[i] = payloadLine.substring(from, end);
        from = end + 1;
      }
    }
    return new Entry(h[0], h[1], h[2], (int) h[3], h[4], h[5], h[6], h[7] == 1, payloads);
  }

  private Path file(int bucket, String kind) {
    return dir.resolve(String.format("bucket-%03d.%s", bucket, kind));
  }

  @Override
  public void close() throws IOException {
    for (int i = 0; i < heads.length; i++) {
      if (heads[i] != null) {
        heads[i].close();
        rows[i].close();
        heads[i] = null;
        rows[i] = null;
      }
    }
  }
}
