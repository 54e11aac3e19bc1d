package dev.tracemill.segment;

import dev.tracemill.model.Event;
import java.util.List;

/**
 * Finds calls of one conversation that a later (or earlier) call repeats in full. Chat applications
 * log every call with the whole history so far; a call whose conversation (request plus answer) is a
 * prefix of another call's request is collapsed into the longer one.
 *
 * <p>The index holds one 64-bit hash per assistant turn of every conversation seen (the points where
 * an earlier call can have ended). The pipeline fills it while reading and asks it only once all input
 * is read, so the decision does not depend on record order; memory grows with the number of turns,
 * not with their text. Conversations
 * are keyed by session when the log has one, so two sessions that start alike are never merged.
 */
public final class CollapseIndex {
  private final LongHashSet prefixes = new LongHashSet();

  /**
   * Records the proper prefixes of {@code events} that end an assistant turn; returns the hash of the
   * whole conversation ({@link #fullHash}), computed on the way.
   */
  public long add(List<Event> events, String session) {
    long chain = ContentHash.start(session);
    int last = events.size() - 1;
    for (int i = 0; i <= last; i++) {
      chain = ContentHash.next(chain, events.get(i));
      if (i < last && ContentHash.endsAssistantTurn(events, i)) {
        prefixes.add(chain);
      }
    }
    return chain;
  }

  /** True when some conversation added to the index strictly extends {@code events}. */
  public boolean isExtendedElsewhere(List<Event> events, String session) {
    return !events.isEmpty() && isExtendedElsewhere(fullHash(events, session));
  }

  /**
   * The hash of a whole conversation, to be checked with {@link #isExtendedElsewhere(long)} once every
   * conversation has been added (the pipeline keeps it with the spilled unit).
   */
  public static long fullHash(List<Event> events, String session) {
    long chain = ContentHash.start(session);
    for (Event e : events) {
      chain = ContentHash.next(chain, e);
    }
    return chain;
  }

  public boolean isExtendedElsewhere(long fullHash) {
    return prefixes.contains(fullHash);
  }

  public int size() {
    return prefixes.size();
  }
}
