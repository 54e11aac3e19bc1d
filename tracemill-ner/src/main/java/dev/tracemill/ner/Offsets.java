package dev.tracemill.ner;

/**
 * Converts the tokenizer's offsets, counted in Unicode code points (as Hugging Face {@code tokenizers}
 * reports character offsets), to the UTF-16 indices of Java strings and {@link dev.tracemill.privacy.Span}.
 * They differ after any character outside the Basic Multilingual Plane (emoji, many CJK extensions).
 */
final class Offsets {
  private Offsets() {}

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
