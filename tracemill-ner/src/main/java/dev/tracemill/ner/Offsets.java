package dev.tracemill.ner;

/**
 * Converts the tokenizer's offsets, counted in Unicode code points (as Hugging Face {@code tokenizers}
 * reports character offsets), to the UTF-16 indices of Java strings and {@link dev.tracemill.privacy.Span}.
 * They differ after any character outside the Basic Multilingual Plane (emoji, many CJK extensions).
 */
final class Offsets {
  private Offsets() {}

  /**
   * {@code text} with each unpaired surrogate replaced by U+FFFD, one UTF-16 unit for one, so offsets
   * into the result are offsets into {@code text}. The tokenizer's native side cannot represent an
   * unpaired surrogate and would otherwise shift every later offset.
   */
  static String withoutLoneSurrogates(String text) {
    char[] chars = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = '\uFFFD';
      }
    }
    return chars == null ? text : new String(chars);
  }

  /** Rewrites {@code starts} and {@code ends} in place; out-of-range offsets are clamped to the text. */
  static void toUtf16(String text, int[] starts, int[] ends) {
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints == text.length()) {
      return;
    }
    int[] utf16 = new int[codePoints + 1];
    int index = 0;
    for (int cp = 0; cp < codePoints; cp++) {
      utf16[cp] = index;
      index += Character.charCount(text.codePointAt(index));
    }
    utf16[codePoints] = text.length();
    for (int i = 0; i < starts.length; i++) {
      starts[i] = utf16[Math.max(0, Math.min(codePoints, starts[i]))];
      ends[i] = utf16[Math.max(0, Math.min(codePoints, ends[i]))];
    }
  }
}
