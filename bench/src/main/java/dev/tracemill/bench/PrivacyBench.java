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
import dev.tracemill.privacy.RuleDetectors;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.SecretDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Throughput of the privacy detectors on chat text (issue 3: at least 20 MB/s per core with every rule
 * and secret detector on). The text is every string value of a generated log file (message contents,
 * tool arguments and results) longer than 20 characters, with personal data and secrets planted in it by
 * {@link PiiPlanter} (one item per {@code --plant} characters on average, on top of the e-mails, phones
 * and names the generator writes). Each detector of the default set is timed alone, then three groups:
 * the rule and secret detectors, the lexicon detectors (names, places: everything else in the default
 * set), and all of them. One thread, so a figure is per core. Each figure is the best of
 * {@code --rounds} rounds, after a warm-up round, both per wall second and per CPU second of the
 * measuring thread (the CPU figure is the steadier one on a loaded machine). Reports figures; never
 * fails on a timing.
 *
 * <p>With {@code --ner DIR} the ONNX NER detector of that model folder is timed alone and the whole
 * set with it. {@code --ner tiny} writes the test model of tracemill-ner (a classifier head without an
 * encoder: it measures tokenisation and ONNX Runtime call overhead, not a transformer);
 * {@code --ner bert-base} or {@code --ner distilbert} writes a random-weight encoder of that size
 * ({@code RandomEncoderModel}), whose speed is a real model's of the same shape.
 *
 * <pre>java -cp ... dev.tracemill.bench.PrivacyBench LOG_FILE [--mb 20] [--rounds 3] [--plant 1000] [--seed 1]
 *     [--ner DIR|tiny|distilbert|bert-base]</pre>
 */
public final class PrivacyBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PrivacyBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: PrivacyBench LOG_FILE [--mb 20] [--rounds 3] [--plant 1000] [--seed 1]"
          + " [--ner DIR|tiny|distilbert|bert-base]");
      System.exit(2);
    }
    long maxChars = 20_000_000L;
    int rounds = 3;
    int plant = 1000;
    long seed = 1;
    String ner = null;
    for (int i = 1; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--mb" -> maxChars = (long) (Double.parseDouble(value) * 1_000_000L);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--plant" -> plant = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--ner" -> ner = value;
        default -> {
          // Old form: a bare MAX_MB.
          maxChars = (long) (Double.parseDouble(args[i]) * 1_000_000L);
          continue;
        }
      }
      i++;
    }
    List<String> texts = strings(Path.of(args[0]), maxChars, plant, seed);
    long chars = texts.stream().mapToLong(String::length).sum();
    List<Detector> all = DetectorSet.defaults(new PrivacyOptions("US")).detectors();
    Set<String> ruleNames = new HashSet<>();
    RuleDetectors.all("US").forEach(d -> ruleNames.add(d.name()));
    ruleNames.add(SecretDetector.NAME);
    List<Detector> rules = all.stream().filter(d -> ruleNames.contains(d.name())).toList();
    List<Detector> lexicon = all.stream().filter(d -> !ruleNames.contains(d.name())).toList();

    System.out.printf("%d strings, %.1f MB of text (UTF-16 chars / 10^6), one planted item per %s chars,"
        + " best of %d rounds, one thread%n", texts.size(), chars / 1e6, plant > 0 ? plant : "(none)", rounds);
    measure(all, texts, 1); // warm-up
    System.out.printf("%-34s %10s %10s %8s%n", "detector", "MB/s wall", "MB/s cpu", "spans");
    for (Detector d : all) {
      print(d.name(), chars, measure(List.of(d), texts, rounds));
    }
    System.out.println();
    print("rules + secrets (" + rules.size() + " detectors)", chars, measure(rules, texts, rounds));
    print("lexicon/NER: " + String.join(", ", lexicon.stream().map(Detector::name).toList()), chars,
        measure(lexicon, texts, rounds));
    print("all (" + all.size() + " detectors)", chars, measure(all, texts, rounds));
    if (ner != null) {
      // One ONNX Runtime thread: the bench is single-threaded, so all the model's work is on the
      // measuring thread, where the CPU column counts it.
      try (OnnxNerDetector model = OnnxNerDetector.load(nerModel(ner), NerOptions.DEFAULTS.withThreads(1))) {
        System.out.println("NER model: " + model);
        print(model.name(), chars, measure(List.of(model), texts, rounds));
        List<Detector> withNer = new ArrayList<>(all);
        withNer.add(model);
        print("all + NER (" + withNer.size() + " detectors)", chars, measure(withNer, texts, rounds));
      }
    }
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

  private static void print(String label, long chars, long[] r) {
    System.out.printf("%-34s %10.1f %10.1f %8d%n", label, chars / 1e6 / (r[0] / 1e9), chars / 1e6 / (r[1] / 1e9), r[2]);
  }

  /** Best wall nanos, best CPU nanos, spans found (the same every round). */
  private static long[] measure(List<Detector> detectors, List<String> texts, int rounds) {
    long bestWall = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    long spans = 0;
    for (int round = 0; round < rounds; round++) {
      spans = 0;
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (String t : texts) {
        for (Detector d : detectors) {
          spans += d.detect(t, ScanContext.FREE_TEXT).size();
        }
      }
      bestWall = Math.min(bestWall, System.nanoTime() - t0);
      bestCpu = Math.min(bestCpu, THREADS.getCurrentThreadCpuTime() - cpu0);
    }
    return new long[] {bestWall, bestCpu, spans};
  }

  /** The string values of the log's records with items planted, up to {@code maxChars} characters. */
  static List<String> strings(Path file, long maxChars, int plant, long seed) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    PiiPlanter planter = new PiiPlanter(new Random(seed));
    List<String> out = new ArrayList<>();
    long chars = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && chars < maxChars) {
        try (JsonParser p = mapper.getFactory().createParser(line)) {
          JsonToken t;
          while ((t = p.nextToken()) != null) {
            if (t == JsonToken.VALUE_STRING && p.getTextLength() > 20) {
              String s = plant > 0 ? planter.plant(p.getText(), plant) : p.getText();
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
