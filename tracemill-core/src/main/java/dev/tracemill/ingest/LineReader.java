package dev.tracemill.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so that invalid UTF-8 is reported by the JSON
 * parser per record instead of corrupting the stream. A line longer than {@code maxBytes} is consumed
 * without being kept and comes back with {@link Line#tooLong()} set. The caller closes the stream.
 */
final class LineReader {
  /** One line; {@code bytes} is reused by the next call to {@link #next()}. */
  record Line(byte[] bytes, int length, long number, boolean tooLong, boolean endsWithoutNewline) {
    boolean isBlank() {
      for (int i = 0; i < length; i++) {
        byte b = bytes[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }
  }

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private long number;
  private boolean eof;

  LineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    if (eof) {
      return null;
    }
    int length = 0;
    boolean tooLong = false;
    boolean sawAny = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          eof = true;
          if (!sawAny) {
            return null;
          }
          number++;
          return new Line(line, trimCr(length), number, tooLong, true);
        }
      }
      sawAny = true;
      int start = pos;
      int end = start;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      int chunk = end - start;
      if (!tooLong) {
        if ((long) length + chunk > maxBytes) {
          tooLong = true;
        } else {
          if (length + chunk > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
          }
          System.arraycopy(buffer, start, line, length, chunk);
          length += chunk;
        }
      }
      if (end < limit) {
        pos = end + 1;
        number++;
        return new Line(line, tooLong ? 0 : trimCr(length), number, tooLong, false);
      }
      pos = limit;
    }
  }

  private int trimCr(int length) {
    return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
  }
}
