package dev.tracemill.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.ScanContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of the privacy detectors on chat text: every string value of a generated log file (the
 * message contents, tool arguments and results) is scanned by each detector of the default set.
 * Prints MB/s per detector and for the whole set, single-threaded, after one warm-up round. Reports
 * figures; never fails on a timing.
 *
 * <pre>java -cp ... dev.tracemill.bench.PrivacyBench bench/data/openai-50MB.jsonl [MAX_MB]</pre>
 */
public final class PrivacyBench {
  private PrivacyBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: PrivacyBench LOG_FILE [MAX_MB]");
      System.exit(2);
    }
    long maxChars = (args.length > 1 ? Long.parseLong(args[1]) : 20) * 1_000_000L;
    List<String> texts = strings(Path.of(args[0]), maxChars);
    long chars = texts.stream().mapToLong(String::length).sum();
    List<Detector> detectors = DetectorSet.defaults(new PrivacyOptions("US")).detectors();
    System.out.printf("%d strings, %.1f MB of text (UTF-16 chars / 10^6)%n", texts.size(), chars / 1e6);
    run(detectors, texts);
    System.out.printf("%-24s %10s %8s%n", "detector", "MB/s", "spans");
    long totalNanos = 0;
    for (Detector d : detectors) {
      long[] result = run(List.of(d), texts);
      totalNanos += result[0];
      System.out.printf("%-24s %10.1f %8d%n", d.name(), chars / 1e6 / (result[0] / 1e9), result[1]);
    }
    long[] all = run(detectors, texts);
    System.out.printf("%-24s %10.1f %8d%n", "all (one pass each)", chars / 1e6 / (all[0] / 1e9), all[1]);
  }

  private static long[] run(List<Detector> detectors, List<String> texts) {
    long spans = 0;
    long start = System.nanoTime();
    for (String t : texts) {
      for (Detector d : detectors) {
        spans += d.detect(t, ScanContext.FREE_TEXT).size();
      }
    }
    return new long[] {System.nanoTime() - start, spans};
  }

  /** The string values of the log's records, up to {@code maxChars} characters. */
  private static List<String> strings(Path file, long maxChars) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<String> out = new ArrayList<>();
    long chars = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && chars < maxChars) {
        try (JsonParser p = mapper.getFactory().createParser(line)) {
          JsonToken t;
          while ((t = p.nextToken()) != null) {
            if (t == JsonToken.VALUE_STRING && p.getTextLength() > 20) {
              String s = p.getText();
              out.add(s);
              chars += s.length();
            }
          }
        } catch (IOException malformed) {
          // The generator plants a few broken lines; they hold no text worth scanning.
        }
      }
    }
    return out;
  }
}
