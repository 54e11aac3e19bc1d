package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * MAC (EUI-48) addresses: six two-digit hex groups joined by one consistent {@code :} or {@code -}
 * ({@code 00:1a:2b:3c:4d:5e}, {@code 00-1A-2B-3C-4D-5E}), or three four-digit groups joined by dots
 * (Cisco's {@code 001a.2b3c.4d5e}, which must contain a hex letter so that dotted numbers stay out).
 * The address must not continue a word or a longer run of hex groups (a seventh group, a UUID), and
 * letters must be in one case. Score 0.9: the shape is distinctive but carries no checksum.
 */
final class MacAddressDetector implements Detector {
  static final String NAME = "rule-mac-address";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    int n = text.length();
    if (n < 14 || (text.indexOf(':') < 0 && text.indexOf('-') < 0 && text.indexOf('.') < 0)) {
      return List.of();
    }
    List<Span> out = List.of();
    int i = 0;
    while (i + 14 <= n) {
      // Both shapes need a separator at +2 (colon or dash form) or at +4 (dotted form); test that first.
      // Skipping a position inside a word this way changes nothing: such a position follows a word
      // character, so the test below rejects it too.
      char at2 = text.charAt(i + 2);
      if (at2 != ':' && at2 != '-' && text.charAt(i + 4) != '.') {
        i++;
        continue;
      }
      if (!Chars.isHex(text.charAt(i)) || Chars.wordCharAt(text, i - 1) || boundarySep(text, i - 1)) {
        i++;
        continue;
      }
      int end = colonOrDash(text, i);
      if (end < 0) {
        end = dotted(text, i);
      }
      if (end > 0 && !Chars.wordCharAt(text, end) && !(boundarySep(text, end) && end + 1 < n
          && Chars.isHex(text.charAt(end + 1))) && oneCase(text, i, end)) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.add(new Span(i, end, EntityTypes.MAC_ADDRESS, 0.9, NAME));
        i = end;
      } else {
        i++;
        while (i < n && Chars.isWordChar(text.charAt(i))) {
          i++;
        }
      }
    }
    return out;
  }

  private static boolean boundarySep(String text, int i) {
    if (i < 0 || i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return c == ':' || c == '-' || c == '.';
  }

  private static int colonOrDash(String text, int start) {
    if (start + 17 > text.length()) {
      return -1;
    }
    char sep = text.charAt(start + 2);
    if (sep != ':' && sep != '-') {
      return -1;
    }
    for (int g = 0; g < 6; g++) {
      int p = start + g * 3;
      if (!Chars.isHex(text.charAt(p)) || !Chars.isHex(text.charAt(p + 1))) {
        return -1;
      }
      if (g < 5 && text.charAt(p + 2) != sep) {
        return -1;
      }
    }
    return start + 17;
  }

  private static int dotted(String text, int start) {
    boolean letter = false;
    for (int g = 0; g < 3; g++) {
      int p = start + g * 5;
      for (int k = 0; k < 4; k++) {
        char c = text.charAt(p + k);
        if (!Chars.isHex(c)) {
          return -1;
        }
        letter |= !Chars.isDigit(c);
      }
      if (g < 2 && text.charAt(p + 4) != '.') {
        return -1;
      }
    }
    return letter ? start + 14 : -1;
  }

  private static boolean oneCase(String text, int start, int end) {
    boolean lower = false;
    boolean upper = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      lower |= c >= 'a' && c <= 'f';
      upper |= c >= 'A' && c <= 'F';
    }
    return !(lower && upper);
  }
}
