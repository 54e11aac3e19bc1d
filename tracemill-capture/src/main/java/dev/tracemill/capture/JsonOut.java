package dev.tracemill.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small JSON encoder straight to UTF-8 bytes: one line per record, so every control character
 * (line breaks included) is escaped and the output never holds a raw newline. A lone surrogate, which
 * UTF-8 cannot carry, is written as U+FFFD. Not thread-safe: one per thread, reused.
 */
final class JsonOut {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** Maximum nesting of metadata values; deeper structures are most likely cycles. */
  static final int MAX_DEPTH = 64;
  /** A reused buffer larger than this is dropped after use, so one huge call does not pin memory. */
  private static final int KEEP_BYTES = 1 << 20;

  private byte[] buf = new byte[8192];
  private int len;

  void reset() {
    if (buf.length > KEEP_BYTES) {
      buf = new byte[8192];
    }
    len = 0;
  }

  int length() {
    return len;
  }

  ByteBuffer view() {
    return ByteBuffer.wrap(buf, 0, len);
  }

  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  JsonOut raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** ASCII text with no characters to escape: field names and punctuation. */
  JsonOut raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** {@code "name":} (the name is escaped). */
  JsonOut name(String name) {
    string(name);
    return raw(':');
  }

  JsonOut string(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    int i = 0;
    // Fast path: plain ASCII needs no escape and one byte per char.
    while (i < n) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
        break;
      }
      buf[len++] = (byte) c;
      i++;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          ensure(1);
          buf[len++] = (byte) c;
        } else {
          escape(c);
        }
      } else if (c < 0x800) {
        ensure(2);
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        char out = Character.isSurrogate(c) ? '\uFFFD' : c;
        ensure(3);
        buf[len++] = (byte) (0xE0 | (out >> 12));
        buf[len++] = (byte) (0x80 | ((out >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (out & 0x3F));
      }
    }
    ensure(1);
    buf[len++] = '"';
    return this;
  }

  private void escape(char c) {
    ensure(6);
    buf[len++] = '\\';
    switch (c) {
      case '"' -> buf[len++] = '"';
      case '\\' -> buf[len++] = '\\';
      case '\n' -> buf[len++] = 'n';
      case '\r' -> buf[len++] = 'r';
      case '\t' -> buf[len++] = 't';
      case '\b' -> buf[len++] = 'b';
      case '\f' -> buf[len++] = 'f';
      default -> {
        buf[len++] = 'u';
        buf[len++] = '0';
        buf[len++] = '0';
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
      }
    }
  }

  JsonOut stringOrNull(String s) {
    return s == null ? raw("null") : string(s);
  }

  JsonOut number(long v) {
    return raw(Long.toString(v));
  }

  /**
   * {@code map} with its keys as strings ({@code String.valueOf}), sorted: maps are written in key
   * order, so that the same values give the same bytes whatever map the caller built ({@code Map.of}
   * iterates in an order that changes from one JVM to the next). A sorted map is returned as it is.
   */
  @SuppressWarnings("unchecked")
  static SortedMap<String, Object> sorted(Map<?, ?> map) {
    if (map instanceof SortedMap<?, ?> s && s.comparator() == null && (s.isEmpty() || s.firstKey() instanceof String)) {
      return (SortedMap<String, Object>) s;
    }
    SortedMap<String, Object> out = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.put(String.valueOf(e.getKey()), e.getValue());
    }
    return out;
  }

  /**
   * Any metadata value: null, strings, booleans, numbers (a non-finite float as its name in a string),
   * maps (keys by {@code String.valueOf}, sorted), collections, arrays and optionals as JSON; enums by name;
   * dates and times by {@code toString}; anything else by {@code toString} as a string.
   *
   * @throws IllegalArgumentException if the value nests deeper than {@value #MAX_DEPTH} levels
   */
  JsonOut value(Object v) {
    return value(v, 0);
  }

  private JsonOut value(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("a metadata value nests deeper than " + MAX_DEPTH
          + " levels (does it contain itself?)");
    }
    if (v == null) {
      return raw("null");
    }
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof Boolean b) {
      return raw(b ? "true" : "false");
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger || v instanceof java.util.concurrent.atomic.AtomicInteger
        || v instanceof java.util.concurrent.atomic.AtomicLong) {
      return raw(v.toString());
    }
    if (v instanceof BigDecimal d) {
      return raw(d.toString());
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? raw(v.toString()) : string(v.toString());
    }
    if (v instanceof Map<?, ?> m) {
      raw('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : sorted(m).entrySet()) {
        if (!first) {
          raw(',');
        }
        first = false;
        name(String.valueOf(e.getKey()));
        value(e.getValue(), depth + 1);
      }
      return raw('}');
    }
    if (v instanceof Collection<?> c) {
      raw('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          raw(',');
        }
        first = false;
        value(o, depth + 1);
      }
      return raw(']');
    }
    if (v instanceof Object[] a) {
      return value(Arrays.asList(a), depth);
    }
    if (v.getClass().isArray()) {
      int n = java.lang.reflect.Array.getLength(v);
      raw('[');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          raw(',');
        }
        value(java.lang.reflect.Array.get(v, i), depth + 1);
      }
      return raw(']');
    }
    if (v instanceof Optional<?> o) {
      return value(o.orElse(null), depth + 1);
    }
    if (v instanceof Enum<?> e) {
      return string(e.name());
    }
    if (v instanceof Number || v instanceof TemporalAccessor) {
      return string(v.toString());
    }
    return string(String.valueOf(v));
  }
}
