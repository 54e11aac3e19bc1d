package dev.tracemill.privacy;

import java.util.Arrays;
import java.util.List;

/**
 * A compact Aho-Corasick automaton over a fixed set of strings, for organisation dictionaries that may
 * hold hundreds of thousands of terms. States are numbered breadth-first and stored in flat arrays:
 * each state's children are a sorted slice of {@code childChar}/{@code childState} (found by binary
 * search), plus a failure link, the term ending there (or -1), and a link to the nearest state on the
 * failure chain where a term ends. About 20 bytes per state, at most one state per character of the
 * terms; built from the sorted terms without any hash map.
 *
 * <p>Immutable and thread-safe once built.
 */
final class TermAutomaton {
  /** Receives one match: the term's index in the list given to the constructor and the match's end. */
  interface Hit {
    void hit(int term, int end);
  }

  private final int[] firstChild;
  private final char[] childChar;
  private final int[] childState;
  private final int[] fail;
  private final int[] termAt;
  private final int[] outLink;
  private final int[] termLength;
  /** Root transitions for chars below 128, -1 where none: the common case, without a search. */
  private final int[] rootAscii = new int[128];

  /** {@code terms} must be distinct and non-empty. */
  TermAutomaton(List<String> terms) {
    int n = terms.size();
    Integer[] order = new Integer[n];
    long chars = 0;
    termLength = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      termLength[i] = terms.get(i).length();
      chars += termLength[i];
    }
    Arrays.sort(order, (a, b) -> terms.get(a).compareTo(terms.get(b)));
    String[] sorted = new String[n];
    int[] sortedId = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = terms.get(order[i]);
      sortedId[i] = order[i];
    }
    int max = (int) Math.min(Integer.MAX_VALUE - 8, chars + 1);
    // Breadth-first: a state is the range [lo, hi) of sorted terms sharing its prefix of length depth.
    int[] lo = new int[Math.min(max, 1024)];
    int[] hi = new int[lo.length];
    int[] depth = new int[lo.length];
    int[] first = new int[lo.length + 1];
    char[] cc = new char[lo.length];
    int[] cs = new int[lo.length];
    int[] term = new int[lo.length];
    lo[0] = 0;
    hi[0] = n;
    depth[0] = 0;
    int states = 1;
    int edges = 0;
    for (int s = 0; s < states; s++) {
      int a = lo[s];
      int b = hi[s];
      int d = depth[s];
      term[s] = -1;
      if (a < b && sorted[a].length() == d) {
        term[s] = sortedId[a];
        a++;
      }
      first[s] = edges;
      while (a < b) {
        char c = sorted[a].charAt(d);
        int end = a + 1;
        while (end < b && sorted[end].charAt(d) == c) {
          end++;
        }
        if (states == lo.length) {
          int grown = (int) Math.min(max, (long) lo.length * 2);
          lo = Arrays.copyOf(lo, grown);
          hi = Arrays.copyOf(hi, grown);
          depth = Arrays.copyOf(depth, grown);
          term = Arrays.copyOf(term, grown);
          first = Arrays.copyOf(first, grown + 1);
        }
        if (edges == cc.length) {
          cc = Arrays.copyOf(cc, cc.length * 2);
          cs = Arrays.copyOf(cs, cs.length * 2);
        }
        lo[states] = a;
        hi[states] = end;
        depth[states] = d + 1;
        cc[edges] = c;
        cs[edges] = states;
        edges++;
        states++;
        a = end;
      }
    }
    first[states] = edges;
    this.firstChild = Arrays.copyOf(first, states + 1);
    this.childChar = Arrays.copyOf(cc, edges);
    this.childState = Arrays.copyOf(cs, edges);
    this.termAt = Arrays.copyOf(term, states);
    this.fail = new int[states];
    this.outLink = new int[states];
    Arrays.fill(rootAscii, -1);
    for (int e = firstChild[0]; e < firstChild[1]; e++) {
      if (childChar[e] < 128) {
        rootAscii[childChar[e]] = childState[e];
      }
    }
    // States are numbered breadth-first, so a parent's links are known before its children's.
    outLink[0] = -1;
    for (int s = 0; s < states; s++) {
      for (int e = firstChild[s]; e < firstChild[s + 1]; e++) {
        int child = childState[e];
        char c = childChar[e];
        int f;
        if (s == 0) {
          f = 0;
        } else {
          int g = fail[s];
          while (true) {
            int next = child(g, c);
            if (next >= 0) {
              f = next;
              break;
            }
            if (g == 0) {
              f = 0;
              break;
            }
            g = fail[g];
          }
        }
        fail[child] = f;
        outLink[child] = termAt[f] >= 0 ? f : outLink[f];
      }
    }
  }

  int states() {
    return termAt.length;
  }

  private int child(int state, char c) {
    if (state == 0 && c < 128) {
      return rootAscii[c];
    }
    int a = firstChild[state];
    int b = firstChild[state + 1] - 1;
    while (a <= b) {
      int m = (a + b) >>> 1;
      char x = childChar[m];
      if (x < c) {
        a = m + 1;
      } else if (x > c) {
        b = m - 1;
      } else {
        return childState[m];
      }
    }
    return -1;
  }

  /** Reports every occurrence of every term in {@code text} (overlapping ones too), left to right by end. */
  void scan(CharSequence text, Hit hit) {
    int s = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int next;
      while ((next = child(s, c)) < 0 && s != 0) {
        s = fail[s];
      }
      s = next < 0 ? 0 : next;
      for (int o = termAt[s] >= 0 ? s : outLink[s]; o > 0; o = outLink[o]) {
        hit.hit(termAt[o], i + 1);
      }
    }
  }

  /** The length of term {@code term}. */
  int length(int term) {
    return termLength[term];
  }
}
