package dev.tracemill.privacy.legacy;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.EntityTypes;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * IP addresses, validated by hand (no {@code InetAddress}, which may resolve names).
 *
 * <p>IPv4 (score 0.95): four dot-separated decimal octets of 1-3 digits, each at most 255, no leading
 * zero in a multi-digit octet. Not part of a longer dotted number ({@code 1.2.3.4.5}, a digit or dot
 * on either side), not continuing a word ({@code v10.0.0.1}), and not right after the words
 * {@code version}, {@code ver}, {@code v}, {@code release}, {@code build} or {@code firmware}.
 * A port ({@code :8080}) or prefix length ({@code /24}) after it is allowed and not included.
 *
 * <p>IPv6 (score 0.95): a token of hex digits, colons and dots that does not continue a word, made of
 * 1-4 digit hex groups: eight groups, or fewer with one {@code ::}; the last two groups may be an
 * embedded IPv4 address ({@code ::ffff:192.0.2.1}). The token must contain a decimal digit, which
 * keeps C++ scopes and hex words out ({@code std::vector}, {@code dead::beef}); a compressed form
 * needs at least four hex digits, which keeps slices such as {@code a[1::2]} out (and with them the
 * loopback {@code ::1}, which identifies no one).
 */
final class LegacyIpAddressDetector implements Detector {
  static final String NAME = "rule-ip-address";
  private static final String[] VERSION_WORDS = {"version", "ver", "v", "release", "build", "firmware", "fw"};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    if (!LegacyChars.hasDigit(text)) {
      return List.of();
    }
    List<Span> out = List.of();
    boolean colon = text.indexOf(':') >= 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      boolean hexStart = LegacyChars.isHex(c) || (c == ':' && i + 1 < n && text.charAt(i + 1) == ':');
      if (!hexStart) {
        i++;
        continue;
      }
      if (i > 0 && (LegacyChars.isWordChar(text.charAt(i - 1)) || text.charAt(i - 1) == '.'
          || text.charAt(i - 1) == ':')) {
        i = skipToken(text, i);
        continue;
      }
      int end = colon ? ipv6End(text, i) : -1;
      if (end > 0) {
        out = add(out, new Span(i, end, EntityTypes.IP_ADDRESS, 0.95, NAME));
        i = end;
        continue;
      }
      if (LegacyChars.isDigit(c)) {
        end = ipv4End(text, i);
        if (end > 0 && !LegacyChars.afterWord(text, i, VERSION_WORDS)
            && !reservedV4(text, i, end)) {
          out = add(out, new Span(i, end, EntityTypes.IP_ADDRESS, 0.95, NAME));
          i = end;
          continue;
        }
      }
      i = skipToken(text, i);
    }
    return out;
  }

  private static List<Span> add(List<Span> out, Span span) {
    List<Span> list = out.isEmpty() ? new ArrayList<>() : out;
    list.add(span);
    return list;
  }

  private static int skipToken(String text, int i) {
    int n = text.length();
    i++;
    while (i < n && (LegacyChars.isWordChar(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == ':')) {
      i++;
    }
    return i;
  }

  /** The end of a dotted quad starting at {@code start} and standing alone, or -1. */
  static int ipv4End(String text, int start) {
    int i = octetEnd(text, start);
    for (int k = 0; k < 3 && i > 0; k++) {
      if (i + 1 >= text.length() || text.charAt(i) != '.') {
        return -1;
      }
      i = octetEnd(text, i + 1);
    }
    if (i < 0) {
      return -1;
    }
    if (i < text.length()) {
      char after = text.charAt(i);
      if (LegacyChars.isWordChar(after)) {
        return -1;
      }
      if (after == '.' && i + 1 < text.length() && LegacyChars.isDigit(text.charAt(i + 1))) {
        return -1;
      }
    }
    return i;
  }

  /** The end of one octet (0-255, no leading zero) at {@code i}, or -1. */
  private static int octetEnd(String text, int i) {
    int n = text.length();
    int v = 0;
    int j = i;
    while (j < n && j - i < 4 && LegacyChars.isDigit(text.charAt(j))) {
      v = v * 10 + (text.charAt(j) - '0');
      j++;
    }
    int len = j - i;
    if (len == 0 || len > 3 || v > 255 || (len > 1 && text.charAt(i) == '0')) {
      return -1;
    }
    return j;
  }

  /**
   * The end of an IPv6 address starting at {@code start}, or -1. The token is the longest run of hex
   * digits, colons and dots; a trailing single colon or dot (punctuation) is dropped.
   */
  static int ipv6End(String text, int start) {
    int n = text.length();
    int end = start;
    while (end < n && (LegacyChars.isHex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
      end++;
    }
    if (end < n && LegacyChars.isWordChar(text.charAt(end))) {
      return -1;
    }
    // Drop trailing punctuation: "... 2001:db8::1." or "at fe80::1: done". A trailing "::" stays.
    while (end > start && (text.charAt(end - 1) == '.'
        || (text.charAt(end - 1) == ':' && !(end - 2 >= start && text.charAt(end - 2) == ':')))) {
      end--;
    }
    return validIpv6(text, start, end) ? end : -1;
  }

  static boolean validIpv6(String text, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    int groups = 0;
    boolean compressed = false;
    boolean digit = false;
    int hexDigits = 0;
    int i = start;
    if (text.startsWith("::", start)) {
      compressed = true;
      i = start + 2;
      if (i == end) {
        return false;
      }
    }
    while (i < end) {
      int g = i;
      while (i < end && LegacyChars.isHex(text.charAt(i))) {
        digit |= LegacyChars.isDigit(text.charAt(i));
        hexDigits++;
        i++;
      }
      int len = i - g;
      if (i < end && text.charAt(i) == '.') {
        // Embedded IPv4 as the last two groups.
        int v4 = ipv4Inner(text, g, end);
        if (v4 != end) {
          return false;
        }
        groups += 2;
        digit = true;
        i = end;
        break;
      }
      if (len == 0 || len > 4) {
        return false;
      }
      groups++;
      if (i == end) {
        break;
      }
      // text.charAt(i) == ':'
      i++;
      if (i < end && text.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
        if (i == end) {
          break;
        }
      } else if (i == end) {
        return false;
      }
    }
    if (!digit) {
      return false;
    }
    return compressed ? groups <= 7 && hexDigits >= 4 : groups == 8;
  }

  private static int ipv4Inner(String text, int start, int end) {
    int i = octetEnd(text, start);
    for (int k = 0; k < 3 && i > 0; k++) {
      if (i >= end || text.charAt(i) != '.') {
        return -1;
      }
      i = octetEnd(text, i + 1);
    }
    return i;
  }

  // Copied with the dict branch's change (loopback, 0.0.0.0 and broadcast are no one's address).
  private static boolean reservedV4(String text, int start, int end) {
    String ip = text.substring(start, end);
    return ip.startsWith("127.") || ip.equals("0.0.0.0") || ip.equals("255.255.255.255");
  }
}
