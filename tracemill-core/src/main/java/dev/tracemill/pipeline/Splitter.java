package dev.tracemill.pipeline;

import java.util.List;

/**
 * Assigns units, in their final order, to splits with exact proportions: the boundaries are
 * {@code round(n * cumulative ratio)}. A group (a session) that starts in one split stays there, so no
 * conversation leaks across splits; boundaries may shift by the size of a group.
 */
final class Splitter {
  private final List<String> names;
  private final long[] boundaries;
  private long position;
  private int currentGroupSplit = -1;
  private long currentGroup;

  Splitter(List<String> names, List<Double> ratios, long total) {
    this.names = List.copyOf(names);
    this.boundaries = new long[names.size()];
    if (ratios == null) {
      boundaries[0] = total;
      return;
    }
    double cumulative = 0;
    for (int i = 0; i < ratios.size(); i++) {
      cumulative += ratios.get(i);
      boundaries[i] = i == ratios.size() - 1 ? total : Math.round(total * cumulative);
    }
  }

  /** The split of the next unit; {@code group} hashes its session (units of one group stay together). */
  String next(long group) {
    int split;
    if (currentGroupSplit >= 0 && group == currentGroup) {
      split = currentGroupSplit;
    } else {
      split = 0;
      while (split < boundaries.length - 1 && position >= boundaries[split]) {
        split++;
      }
      currentGroup = group;
      currentGroupSplit = split;
    }
    position++;
    return names.get(split);
  }
}
