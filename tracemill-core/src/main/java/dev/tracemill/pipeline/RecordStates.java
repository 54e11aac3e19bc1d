package dev.tracemill.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.curate.Filters;
import dev.tracemill.model.Json;
import dev.tracemill.report.Ledger;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Where every record came from and what became of it: a file number, a line and one state byte per
 * record (9 bytes), plus one bit per spilled unit. This compact index lets the read stay a single
 * streaming pass while fates decided after it (merged, duplicate, over the limit) are still booked per
 * record, and lets {@code dropped.jsonl} name every record that was not emitted, in input order.
 *
 * <p>A record whose units were spilled takes the most advanced fate of its units: emitted, else merged,
 * else over the limit, else duplicate, else not exportable.
 */
final class RecordStates {
  static final byte NONE = 0;
  static final byte PENDING = 1;
  static final byte QUARANTINED = 2;
  /** Every unit that reached the spill was one that no requested format can express. */
  static final byte NOT_EXPORTABLE = 9;
  static final byte DUPLICATE = 10;
  static final byte OVER_LIMIT = 11;
  static final byte MERGED = 12;
  /** Folded by its reader into a call rebuilt from a trace (booked as merged). */
  static final byte FOLDED = 14;
  static final byte EMITTED = 13;
  /** Codes from here on name a read-time filter reason: {@code reasons.get(code - FILTERED)}. */
  private static final int FILTERED = 32;

  private byte[] states = new byte[1024];
  private int[] files = new int[1024];
  private int[] lines = new int[1024];
  private int size;
  private final List<String> fileNames = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();
  private final BitSet survivors = new BitSet();
  private final BitSet unexportable = new BitSet();

  /** Registers the next record (records are numbered in reading order from 0). */
  void read(long record, String file, long line) {
    int i = Math.toIntExact(record);
    if (i >= states.length) {
      int n = Math.max(states.length * 2, i + 1);
      states = Arrays.copyOf(states, n);
      files = Arrays.copyOf(files, n);
      lines = Arrays.copyOf(lines, n);
    }
    if (fileNames.isEmpty() || !fileNames.get(fileNames.size() - 1).equals(file)) {
      fileNames.add(file);
    }
    files[i] = fileNames.size() - 1;
    lines[i] = (int) Math.min(line, Integer.MAX_VALUE);
    size = Math.max(size, i + 1);
  }

  void quarantined(long record) {
    states[Math.toIntExact(record)] = QUARANTINED;
  }

  void folded(long record) {
    states[Math.toIntExact(record)] = FOLDED;
  }

  /** Every unit of {@code record} was rejected while reading; {@code reason} names the first rule. */
  void filtered(long record, String reason) {
    int code = reasons.indexOf(reason);
    if (code < 0) {
      reasons.add(reason);
      code = reasons.size() - 1;
    }
    if (FILTERED + code > Byte.MAX_VALUE) {
      throw new IllegalStateException("more than " + (Byte.MAX_VALUE - FILTERED) + " filter reasons");
    }
    states[Math.toIntExact(record)] = (byte) (FILTERED + code);
  }

  /** {@code record} has spilled units; its fate is not known yet. */
  void pending(long record) {
    int i = Math.toIntExact(record);
    if (states[i] == NONE) {
      states[i] = PENDING;
    }
  }

  /** One of {@code record}'s units reached {@code state}; the record keeps the most advanced one. */
  void raise(long record, byte state) {
    int i = Math.toIntExact(record);
    if (states[i] < state) {
      states[i] = state;
    }
  }

  /** The unit with arrival number {@code unitSeq} reached the decision but no format can express it. */
  void notExportable(long record, long unitSeq) {
    raise(record, NOT_EXPORTABLE);
    unexportable.set(Math.toIntExact(unitSeq));
  }

  boolean isNotExportable(long unitSeq) {
    return unexportable.get(Math.toIntExact(unitSeq));
  }

  void survivor(long unitSeq) {
    survivors.set(Math.toIntExact(unitSeq));
  }

  boolean isSurvivor(long unitSeq) {
    return survivors.get(Math.toIntExact(unitSeq));
  }

  /**
   * Books every record that was not quarantined in the ledger (quarantines are booked as they happen),
   * and writes one line per record that was not emitted to {@code dropped}, in input order.
   */
  void settle(Ledger ledger, Writer dropped) throws IOException {
    long emitted = 0;
    for (int i = 0; i < size; i++) {
      byte s = states[i];
      String fate;
      String reason;
      switch (s) {
        case EMITTED -> {
          emitted++;
          continue;
        }
        case QUARANTINED -> {
          continue;
        }
        case MERGED -> {
          ledger.merged();
          fate = "merged";
          reason = "prefix_of_a_longer_call";
        }
        case OVER_LIMIT -> {
          fate = "filtered";
          reason = Filters.OVER_LIMIT;
        }
        case DUPLICATE -> {
          fate = "filtered";
          reason = Filters.DUPLICATE;
        }
        case NOT_EXPORTABLE -> {
          fate = "filtered";
          reason = Filters.NOT_EXPORTABLE;
        }
        case FOLDED -> {
          ledger.merged();
          fate = "merged";
          reason = dev.tracemill.ingest.TraceRebuilder.FOLDED;
        }
        case NONE, PENDING -> throw new IllegalStateException("record " + i + " was never decided");
        default -> {
          fate = "filtered";
          reason = reasons.get(s - FILTERED);
        }
      }
      if (fate.equals("filtered")) {
        ledger.filtered(reason);
      }
      ObjectNode line = Json.object();
      line.put("file", fileNames.get(files[i]));
      line.put("line", lines[i]);
      line.put("fate", fate);
      line.put("reason", reason);
      dropped.write(Json.write(line));
      dropped.write('\n');
    }
    ledger.emitted(emitted);
  }
}
