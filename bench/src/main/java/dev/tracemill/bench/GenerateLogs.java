package dev.tracemill.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.bench.LogCall.Kind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes synthetic but realistic LLM call logs of a requested size, byte-identical for a given seed, to feed
 * the whole-process benchmark ({@code bench/run.sh}) and to exercise readers at scale.
 *
 * <pre>
 * java -cp ... dev.tracemill.bench.GenerateLogs --format openai --size 200MB --seed 1 --out bench/data/openai-200MB.jsonl
 * </pre>
 *
 * <p>The file is streamed: only the current episode (a few calls) is in memory, never the output. Writing
 * stops after the first line that reaches the requested size, so the file is at most one line larger.
 * Sizes use decimal units (1 MB = 1,000,000 bytes) to match the MB/s figures of the harness; KiB, MiB and GiB
 * are binary.
 */
public final class GenerateLogs {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMG]i?B|B)?",
      Pattern.CASE_INSENSITIVE);
  private static final String USAGE = "usage: GenerateLogs --format openai|logger --size 200MB --seed 1"
      + " --out FILE   (--out - writes to stdout)";

  private GenerateLogs() {}

  /** What was written: lines per part of the content mix and bytes in all. */
  public record Summary(long lines, long bytes, Map<Kind, Long> linesByKind) {
    public Summary {
      linesByKind = Map.copyOf(linesByKind);
    }

    long lines(Kind kind) {
      return linesByKind.getOrDefault(kind, 0L);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d records, %d bytes (%.1f MB); mix:",
          lines, bytes, bytes / 1e6));
      for (Kind k : Kind.values()) {
        sb.append(String.format(Locale.ROOT, " %s %d (%.1f%%)", k.name().toLowerCase(Locale.ROOT), lines(k),
            lines == 0 ? 0.0 : 100.0 * lines(k) / lines));
      }
      return sb.toString();
    }
  }

  public static void main(String[] args) {
    String format = "openai";
    String size = null;
    long seed = 1;
    String out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--format" -> format = required(args[i], value);
          case "--size" -> size = required(args[i], value);
          case "--seed" -> seed = Long.parseLong(required(args[i], value));
          case "--out" -> out = required(args[i], value);
          case "-h", "--help" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (size == null || out == null) {
        throw new IllegalArgumentException("--size and --out are required");
      }
      long target = parseSize(size);
      LineFormat.named(format, new ObjectMapper());
      Summary summary;
      if (out.equals("-")) {
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 20);
        summary = generate(format, target, seed, stdout);
        stdout.flush();
      } else {
        Path path = Path.of(out);
        if (path.toAbsolutePath().getParent() != null) {
          Files.createDirectories(path.toAbsolutePath().getParent());
        }
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
          summary = generate(format, target, seed, file);
        }
      }
      System.err.println("GenerateLogs: " + format + " seed " + seed + " -> " + out + ": " + summary);
    } catch (IllegalArgumentException e) {
      System.err.println("GenerateLogs: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (IOException e) {
      System.err.println("GenerateLogs: cannot write " + out + ": " + e);
      System.exit(1);
    }
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  /** Parses {@code 200MB}, {@code 1.5GB}, {@code 512KiB} or a plain byte count. */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("size '" + text + "' is not like 200MB, 1.5GB, 512KiB or 1000000");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long factor = switch (unit) {
      case "B" -> 1L;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      default -> throw new IllegalArgumentException("unknown size unit " + unit);
    };
    long bytes = Math.round(number * factor);
    if (bytes <= 0) {
      throw new IllegalArgumentException("size must be positive, got '" + text + "'");
    }
    return bytes;
  }

  /**
   * Writes lines to {@code out} until at least {@code targetBytes} were written. The caller owns and closes
   * {@code out}; this method flushes nothing but what it wrote through.
   */
  public static Summary generate(String format, long targetBytes, long seed, OutputStream out)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    LineFormat lineFormat = LineFormat.named(format, mapper);
    Corpus corpus = new Corpus(new Random(seed));
    Scenarios scenarios = new Scenarios(corpus, mapper);
    long bytes = 0;
    long lines = 0;
    Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
    while (bytes < targetBytes) {
      for (LogCall call : scenarios.nextEpisode()) {
        String line = lineFormat.render(call);
        if (line == null) {
          continue;
        }
        if (call.kind() == Kind.MALFORMED) {
          line = truncate(line, corpus);
        }
        byte[] encoded = (line + "\n").getBytes(UTF_8);
        out.write(encoded);
        bytes += encoded.length;
        lines++;
        byKind.merge(call.kind(), 1L, Long::sum);
        if (bytes >= targetBytes) {
          break;
        }
      }
    }
    out.flush();
    return new Summary(lines, bytes, byKind);
  }

  /**
   * Cuts a line as a crashed writer would: somewhere after its first quarter and before its closing brace,
   * never inside a surrogate pair, so the file stays valid UTF-8 and only the JSON is broken.
   */
  private static String truncate(String line, Corpus corpus) {
    int cut = corpus.between(line.length() / 4, line.length() - 2);
    if (Character.isLowSurrogate(line.charAt(cut))) {
      cut--;
    }
    return line.substring(0, cut);
  }
}
