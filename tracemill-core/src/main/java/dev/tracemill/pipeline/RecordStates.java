package dev.tracemill.pipeline;

import dev.tracemill.curate.Filters;
import dev.tracemill.report.Ledger;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The fate of records whose units were spilled, decided after all input is read: one byte per record
 * and one bit per spilled unit, the compact index that lets the read stay a single streaming pass. A
 * record takes the most advanced fate of its units: emitted, else merged, else over the limit, else
 * duplicate.
 */
final class RecordStates {
  static final byte NONE = 0;
  static final byte PENDING = 1;
  static final byte DUPLICATE = 2;
  static final byte OVER_LIMIT = 3;
  static final byte MERGED = 4;
  static final byte EMITTED = 5;

  private byte[] states = new byte[1024];
  private final BitSet survivors = new BitSet();

  /** {@code record} has spilled units; its fate is not known yet. */
  void pending(long record) {
    int i = Math.toIntExact(record);
    if (i >= states.length) {
      states = Arrays.copyOf(states, Math.max(states.length * 2, i + 1));
    }
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

  void survivor(long unitSeq) {
    survivors.set(Math.toIntExact(unitSeq));
  }

  boolean isSurvivor(long unitSeq) {
    return survivors.get(Math.toIntExact(unitSeq));
  }

  /** Books every pending record in the ledger. */
  void settle(Ledger ledger) {
    long emitted = 0;
    for (byte s : states) {
      switch (s) {
        case EMITTED -> emitted++;
        case MERGED -> ledger.merged();
        case OVER_LIMIT -> ledger.filtered(Filters.OVER_LIMIT);
        case DUPLICATE -> ledger.filtered(Filters.DUPLICATE);
        case PENDING -> throw new IllegalStateException("a record's units were spilled but never decided");
        default -> { }
      }
    }
    ledger.emitted(emitted);
  }
}
