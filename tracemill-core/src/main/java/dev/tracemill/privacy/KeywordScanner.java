package dev.tracemill.privacy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An Aho-Corasick automaton over ASCII keywords that ignores case, with a dense transition table, so
 * that a scan costs one array read per character and allocates nothing. It reports every occurrence of
 * every keyword, overlapping ones included, in the order of their last character (for one end
 * position, longer keywords first), exactly what {@code org.ahocorasick}'s {@code Trie} with
 * {@code ignoreCase()} reports, several times faster: that library boxes each character and follows
 * hash-map transitions.
 *
 * <p>Case is folded per character with {@link Character#toLowerCase(char)}, as that library does, so a
 * non-ASCII character whose lower case is ASCII (U+0130 to {@code i}, the Kelvin sign to {@code k})
 * matches as that letter, and any other non-ASCII character breaks a match.
 */
final class KeywordScanner {
  private static final int ALPHABET = 128;

  /** Receives one occurrence: the keyword's index in the constructor's list, its first and last char. */
  @FunctionalInterface
  interface Hit {
    void accept(int keyword, int start, int endInclusive);
  }

  private final String[] keywords;
  private final int[] next;
  private final int[][] outputs;

  /**
   * @throws IllegalArgumentException if a keyword is empty, is not ASCII, or appears twice (after
   *     lower-casing)
   */
  KeywordScanner(List<String> keywords) {
    this.keywords = new String[keywords.size()];
    List<int[]> table = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    table.add(new int[ALPHABET]);
    out.add(new ArrayList<>());
    for (int k = 0; k < keywords.size(); k++) {
      String kw = keywords.get(k).toLowerCase(Locale.ROOT);
      if (kw.isEmpty()) {
        throw new IllegalArgumentException("empty keyword");
      }
      this.keywords[k] = kw;
      int state = 0;
      for (int i = 0; i < kw.length(); i++) {
        char c = kw.charAt(i);
        if (c >= ALPHABET) {
          throw new IllegalArgumentException("keyword " + k + " is not ASCII");
        }
        int to = table.get(state)[c];
        if (to == 0) {
          to = table.size();
          table.add(new int[ALPHABET]);
          out.add(new ArrayList<>());
          table.get(state)[c] = to;
        }
        state = to;
      }
      if (!out.get(state).isEmpty()) {
        throw new IllegalArgumentException("keyword " + k + " appears twice");
      }
      out.get(state).add(k);
    }
    // Breadth-first: failure links, merged outputs (own keyword first, then the failure state's,
    // which are shorter), and the failure transitions folded into the table.
    int[] fail = new int[table.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int s = table.get(0)[c];
      if (s != 0) {
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int c = 0; c < ALPHABET; c++) {
        int t = table.get(s)[c];
        if (t != 0) {
          fail[t] = table.get(fail[s])[c];
          queue.add(t);
        } else {
          table.get(s)[c] = table.get(fail[s])[c];
        }
      }
    }
    this.next = new int[table.size() * ALPHABET];
    this.outputs = new int[table.size()][];
    for (int s = 0; s < table.size(); s++) {
      System.arraycopy(table.get(s), 0, next, s * ALPHABET, ALPHABET);
      for (char c = 'A'; c <= 'Z'; c++) {
        next[s * ALPHABET + c] = next[s * ALPHABET + Character.toLowerCase(c)];
      }
      outputs[s] = out.get(s).isEmpty() ? null : out.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The keyword at {@code index}, lower case. */
  String keyword(int index) {
    return keywords[index];
  }

  /** Reports every occurrence in {@code text} to {@code hit}. */
  void scan(String text, Hit hit) {
    int[] next = this.next;
    int[][] outputs = this.outputs;
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= ALPHABET) {
        c = Character.toLowerCase(c);
        if (c >= ALPHABET) {
          state = 0;
          continue;
        }
      }
      state = next[(state << 7) | c];
      int[] found = outputs[state];
      if (found != null) {
        for (int k : found) {
          hit.accept(k, i - keywords[k].length() + 1, i);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "KeywordScanner[" + keywords.length + " keywords, " + outputs.length + " states]";
  }
}
