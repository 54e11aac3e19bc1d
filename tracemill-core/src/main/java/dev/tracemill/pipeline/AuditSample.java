package dev.tracemill.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Unit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code --audit-sample N}: a seeded sample of N units in which the privacy stage found something,
 * each written with its original beside its redacted form, so a person can look for misses. Memory
 * holds N pairs at most (a bounded heap keyed by a seeded hash of the unit id, so the sample does not
 * depend on input order). The file holds original personal data and is named so: it is the one
 * output that does, and only when asked for.
 */
final class AuditSample {
  static final String FILE = "audit-sample.SENSITIVE.jsonl";

  private record Pick(long key, Unit original, Unit redacted) {}

  private final int size;
  private final long seed;
  private final PriorityQueue<Pick> largestFirst =
      new PriorityQueue<>(Comparator.comparingLong(Pick::key).reversed());

  AuditSample(int size, long seed) {
    this.size = size;
    this.seed = seed;
  }

  boolean enabled() {
    return size > 0;
  }

  void offer(Unit original, Unit redacted) {
    if (size == 0) {
      return;
    }
    long key = hash(original.id());
    if (largestFirst.size() < size) {
      largestFirst.add(new Pick(key, original, redacted));
    } else if (key < largestFirst.peek().key()) {
      largestFirst.poll();
      largestFirst.add(new Pick(key, original, redacted));
    }
  }

  /** Writes the sample, smallest key first; returns how many units it holds. */
  int write(Path file) throws IOException {
    List<Pick> picks = new ArrayList<>(largestFirst);
    picks.sort(Comparator.comparingLong(Pick::key));
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Pick p : picks) {
        ObjectNode line = Json.object();
        line.put("unit_id", p.original().id());
        line.put("file", p.original().source().file());
        line.put("line", p.original().source().line());
        line.set("original", ModelJson.events(p.original().events()));
        line.set("redacted", ModelJson.events(p.redacted().events()));
        w.write(Json.write(line));
        w.write('\n');
      }
    }
    return picks.size();
  }

  private long hash(String id) {
    long h = 0xCBF29CE484222325L ^ seed;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    return h ^ (h >>> 33);
  }
}
