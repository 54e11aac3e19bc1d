package dev.tracemill.segment;

/**
 * An open-addressing set of 64-bit hashes: about 8 to 16 bytes per entry, against some 50 for a
 * {@code HashSet<Long>}. This is the "compact index" the prefix collapse and exact dedup keep in
 * memory instead of texts. Zero is stored out of band so any long is a valid member.
 */
public final class LongHashSet {
  private long[] table = new long[1024];
  private int size;
  private boolean hasZero;

  /** Adds {@code value}; returns false when it was already present. */
  public boolean add(long value) {
    if (value == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if ((size + 1) * 2L > table.length) {
      grow();
    }
    int mask = table.length - 1;
    int i = spread(value) & mask;
    while (table[i] != 0) {
      if (table[i] == value) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = value;
    size++;
    return true;
  }

  public boolean contains(long value) {
    if (value == 0) {
      return hasZero;
    }
    int mask = table.length - 1;
    int i = spread(value) & mask;
    while (table[i] != 0) {
      if (table[i] == value) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  public int size() {
    return size + (hasZero ? 1 : 0);
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    int mask = table.length - 1;
    for (long v : old) {
      if (v != 0) {
        int i = spread(v) & mask;
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = v;
      }
    }
  }

  private static int spread(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "LongHashSet[size=" + size() + ", capacity=" + table.length + "]";
  }
}
