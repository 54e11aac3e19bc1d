package dev.tracemill.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * UTF-8 cannot carry, is written as {@code ?} (as the JDK's UTF-8 encoder does). Not thread-safe: one per thread, reused.
 */
final class JsonOut {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
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

  void copyTo(ByteBuffer target) {
    target.put(buf, 0, len);
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
    byte[] b = buf;
    int p = len;
    for (int i = 0; i < n; i++) {
      b[p++] = (byte) ascii.charAt(i);
    }
    len = p;
    return this;
  }

  /** {@code "name":} (the name is escaped). */
  JsonOut name(String name) {
    string(name);
    return raw(':');
  }

  /** Bytes that must be escaped inside a JSON string: controls, quote and backslash. */
  private static final boolean[] ESCAPE = new boolean[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = true;
    }
    ESCAPE['"'] = true;
    ESCAPE['\\'] = true;
  }

  /**
   * The string in quotes. The JDK's encoder makes the UTF-8 (for text that is all Latin-1 without
   * high bytes, a plain copy), then the bytes are copied with escapes where needed: the bytes of a
   * multi-byte UTF-8 sequence are all {@code >= 0x80}, so they never need one.
   */
  JsonOut string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int n = utf8.length;
    ensure(n + 2);
    buf[len++] = '"';
    int from = 0;
    for (int i = firstEscape(utf8, 0); i < n; i = firstEscape(utf8, from)) {
      append(utf8, from, i - from);
      escape((char) utf8[i]);
      from = i + 1;
    }
    append(utf8, from, n - from);
    ensure(1);
    buf[len++] = '"';
    return this;
  }

  private void append(byte[] src, int from, int count) {
    ensure(count);
    System.arraycopy(src, from, buf, len, count);
    len += count;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The index of the first byte at or after {@code from} that must be escaped, or {@code a.length}.
   * Eight bytes are tested at a time: a word with no byte below 0x20 and none equal to {@code "} or
   * {@code \} is skipped whole (the classic "has a byte less than n / has a zero byte" tests, which
   * can report false positives only, never miss one); other words are scanned byte by byte.
   */
  static int firstEscape(byte[] a, int from) {
    int n = a.length;
    int i = from;
    while (i < n) {
      if (i + 8 <= n) {
        long x = (long) LONGS.get(a, i);
        long control = (x - 0x20 * ONES) & ~x & HIGHS;
        long q = x ^ ('"' * ONES);
        long quote = (q - ONES) & ~q & HIGHS;
        long b = x ^ ('\\' * ONES);
        long backslash = (b - ONES) & ~b & HIGHS;
        if ((control | quote | backslash) == 0) {
          i += 8;
          continue;
        }
      }
      for (int end = Math.min(i + 8, n); i < end; i++) {
        if (ESCAPE[a[i] & 0xFF]) {
          return i;
        }
      }
    }
    return n;
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

  private static final java.time.format.DateTimeFormatter SECONDS =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(java.time.ZoneOffset.UTC);
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedPrefix;

  /**
   * {@code t} in UTC as ISO-8601 with exactly six fraction digits, {@code "2026-03-01T09:00:00.123456Z"},
   * in quotes. The part up to the seconds is formatted once per second.
   */
  JsonOut timestamp(java.time.Instant t) {
    long second = t.getEpochSecond();
    if (second != cachedSecond) {
      cachedPrefix = SECONDS.format(java.time.Instant.ofEpochSecond(second));
      cachedSecond = second;
    }
    raw('"').raw(cachedPrefix).raw('.');
    int micros = t.getNano() / 1000;
    ensure(8);
    for (int div = 100_000; div > 0; div /= 10) {
      buf[len++] = (byte) ('0' + (micros / div) % 10);
    }
    return raw("Z\"");
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
