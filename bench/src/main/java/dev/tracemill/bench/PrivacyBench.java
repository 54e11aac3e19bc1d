package dev.tracemill.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.ner.NerOptions;
import dev.tracemill.ner.OnnxNerDetector;
import dev.tracemill.ner.RandomEncoderModel;
import dev.tracemill.ner.TinyNerModel;
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
 * Prints MB/s per detector and for the whole set, single-threaded, after one warm-up round, both
 * wall-clock and per CPU second of the benchmark thread (the fairer figure on a shared machine). Reports
 * figures; never fails on a timing.
 *
 * <p>With {@code --ner DIR} the ONNX NER detector of that model folder joins the set, and the whole
 * set is timed with and without it. {@code --ner tiny} writes the test model of tracemill-ner (a
 * classifier head without an encoder: it measures tokenisation and ONNX Runtime call overhead, not a
 * transformer); {@code --ner bert-base} or {@code --ner distilbert} writes a random-weight encoder of
 * that size ({@code RandomEncoderModel}), whose speed is a real model's of the same shape.
 *
 * <pre>java -cp ... dev.tracemill.bench.PrivacyBench bench/data/openai-50MB.jsonl [MAX_MB] [--ner DIR]</pre>
 */
public final class PrivacyBench {
  private PrivacyBench() {}

  public static void main(String[] args) throws IOException {
    List<String> positional = new ArrayList<>();
    String ner = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--ner") && i + 1 < args.length) {
        ner = args[++i];
      } else {
        positional.add(args[i]);
      }
    }
    if (positional.isEmpty()) {
      System.err.println("usage: PrivacyBench LOG_FILE [MAX_MB] [--ner DIR|tiny|distilbert|bert-base]");
      System.exit(2);
    }
    long maxChars = (long) ((positional.size() > 1 ? Double.parseDouble(positional.get(1)) : 20) * 1_000_000L);
    List<String> texts = strings(Path.of(positional.get(0)), maxChars);
    long chars = texts.stream().mapToLong(String::length).sum();
    List<Detector> builtIn = DetectorSet.defaults(new PrivacyOptions("US")).detectors();
    List<Detector> detectors = new ArrayList<>(builtIn);
    // One ONNX Runtime thread: the bench is single-threaded, and so all the model's work is on the
    // calling thread, where the CPU-time column counts it.
    OnnxNerDetector nerDetector = ner == null ? null
        : OnnxNerDetector.load(nerModel(ner), NerOptions.DEFAULTS.withThreads(1));
    if (nerDetector != null) {
      detectors.add(nerDetector);
      System.out.println("NER model: " + nerDetector);
    }
    System.out.printf("%d strings, %.1f MB of text (UTF-16 chars / 10^6)%n", texts.size(), chars / 1e6);
    run(detectors, texts);
    System.out.printf("%-24s %10s %10s %8s%n", "detector", "MB/s", "MB/cpu-s", "spans");
    for (Detector d : detectors) {
      print(d.name(), run(List.of(d), texts), chars);
    }
    long[] all = run(detectors, texts);
    if (nerDetector != null) {
      print("all without NER", run(builtIn, texts), chars);
      print("all with NER", all, chars);
      nerDetector.close();
    } else {
      print("all (one pass each)", all, chars);
    }
  }

  /** Wall-clock MB/s, and MB per CPU second of this thread (fairer on a shared machine). */
  private static void print(String name, long[] result, long chars) {
    System.out.printf("%-24s %10.4g %10.4g %8d%n", name, chars / 1e6 / (result[0] / 1e9),
        chars / 1e6 / (result[2] / 1e9), result[1]);
  }

  /** A model folder, or one of the generated ones written to a temporary folder. */
  private static Path nerModel(String name) throws IOException {
    return switch (name) {
      case "tiny" -> TinyNerModel.write(Files.createTempDirectory("tracemill-tiny-ner"));
      case "distilbert" -> RandomEncoderModel.write(Files.createTempDirectory("tracemill-distilbert-shape"), 6);
      case "bert-base" -> RandomEncoderModel.write(Files.createTempDirectory("tracemill-bert-base-shape"), 12);
      default -> Path.of(name);
    };
  }

  private static long[] run(List<Detector> detectors, List<String> texts) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long spans = 0;
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (String t : texts) {
      for (Detector d : detectors) {
        spans += d.detect(t, ScanContext.FREE_TEXT).size();
      }
    }
    return new long[] {System.nanoTime() - start, spans, threads.getCurrentThreadCpuTime() - cpu};
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
