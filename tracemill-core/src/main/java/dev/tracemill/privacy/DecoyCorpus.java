package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus of over-redaction decoys: text that looks like data (versions, prices, timestamps, HTTP
 * codes, identifiers, commit hashes, request ids, paths, colours, ports...) but is neither personal nor
 * secret, so no detector may touch it. {@link #builtIn()} is the corpus shipped with tracemill
 * ({@code decoys.tsv}, written by {@code bench/decoys/generate_decoys.py}).
 *
 * <p>Format: UTF-8, one line per text, {@code KIND<TAB>text}, each decoy in the text between
 * {@code [[} and {@code ]]} (the marks are removed before detection); blank lines and lines starting
 * with {@code #} are skipped. A malformed line (no tab, an empty kind, no decoy, an unclosed mark) is
 * not scored and is listed with its line number and reason; the rest is read.
 *
 * @param source the file name, or {@code built-in}
 * @param lines the well-formed lines
 * @param malformed {@code line N: reason} for each line that was not scored
 */
public record DecoyCorpus(String source, List<Line> lines, List<String> malformed) {
  static final String RESOURCE = "/dev/tracemill/privacy/decoys.tsv";
  private static final String OPEN = "[[";
  private static final String CLOSE = "]]";

  public DecoyCorpus {
    requireNonNull(source, "source is null");
    lines = List.copyOf(lines);
    malformed = List.copyOf(malformed);
  }

  /** One text and its decoys: {@code [start, end)} ranges of {@link #text()}, marks removed. */
  public record Line(long number, String kind, String text, List<int[]> decoys) {
    public Line {
      requireNonNull(kind, "kind is null");
      requireNonNull(text, "text is null");
      decoys = List.copyOf(decoys);
    }
  }

  /** The number of decoys in the corpus. */
  public int decoys() {
    return lines.stream().mapToInt(l -> l.decoys().size()).sum();
  }

  /** The corpus shipped with tracemill. */
  public static DecoyCorpus builtIn() {
    try (InputStream in = DecoyCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in decoy corpus " + RESOURCE + " is missing from the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in decoy corpus", e);
    }
  }

  /** Reads a decoy file (see the class comment for the format). */
  public static DecoyCorpus load(Path file) throws IOException {
    requireNonNull(file, "file is null");
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  public static DecoyCorpus parse(String text, String source) {
    requireNonNull(text, "text is null");
    List<Line> lines = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    String[] raw = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        malformed.add("line " + (i + 1) + ": no tab between the kind and the text");
        continue;
      }
      String kind = line.substring(0, tab).strip();
      if (kind.isEmpty()) {
        malformed.add("line " + (i + 1) + ": the kind is empty");
        continue;
      }
      String body = line.substring(tab + 1);
      StringBuilder clean = new StringBuilder(body.length());
      List<int[]> decoys = new ArrayList<>();
      String problem = null;
      int at = 0;
      while (true) {
        int open = body.indexOf(OPEN, at);
        int close = body.indexOf(CLOSE, at);
        if (open < 0) {
          if (close >= 0) {
            problem = "a ]] without its [[";
          }
          clean.append(body, at, body.length());
          break;
        }
        if (close >= 0 && close < open) {
          problem = "a ]] without its [[";
          break;
        }
        int end = body.indexOf(CLOSE, open + OPEN.length());
        if (end < 0) {
          problem = "a [[ is not closed";
          break;
        }
        if (end == open + OPEN.length()) {
          problem = "an empty decoy [[]]";
          break;
        }
        clean.append(body, at, open);
        int start = clean.length();
        clean.append(body, open + OPEN.length(), end);
        decoys.add(new int[] {start, clean.length()});
        at = end + CLOSE.length();
      }
      if (problem == null && decoys.isEmpty()) {
        problem = "no decoy marked with [[ ]]";
      }
      if (problem != null) {
        malformed.add("line " + (i + 1) + ": " + problem);
        continue;
      }
      lines.add(new Line(i + 1, kind, clean.toString(), decoys));
    }
    return new DecoyCorpus(source, lines, malformed);
  }

  @Override
  public String toString() {
    return "DecoyCorpus[" + source + ", " + lines.size() + " lines, " + decoys() + " decoys"
        + (malformed.isEmpty() ? "" : ", " + malformed.size() + " malformed") + "]";
  }
}
