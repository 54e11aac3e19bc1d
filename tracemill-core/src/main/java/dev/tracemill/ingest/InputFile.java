package dev.tracemill.ingest;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * One input file. {@code name} is the path as the user gave it (or as found under a directory they
 * gave), used in every {@code file:line} reference; {@code path} is where the bytes are (for stdin, a
 * spool file). {@link #open()} undoes {@code .gz} and {@code .zst} compression; the caller closes the
 * stream.
 */
public record InputFile(String name, Path path) {
  public InputFile {
    requireNonNull(name, "name is null");
    requireNonNull(path, "path is null");
  }

  /** The name without a compression suffix, which is what format sniffing looks at. */
  public String logicalName() {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) {
      return name.substring(0, name.length() - 3);
    }
    if (lower.endsWith(".zst")) {
      return name.substring(0, name.length() - 4);
    }
    return name;
  }

  public InputStream open() throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    String lower = name.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".gz")) {
        return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
      }
      if (lower.endsWith(".zst")) {
        return new BufferedInputStream(new ZstdInputStream(raw), 1 << 16);
      }
    } catch (IOException e) {
      raw.close();
      throw new IOException(name + ": not a valid compressed file (" + e.getMessage() + ")", e);
    }
    return raw;
  }
}
