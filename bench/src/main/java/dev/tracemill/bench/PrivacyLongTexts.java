package dev.tracemill.bench;

import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.ScanContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The default detectors on single long texts with many findings (a tool result holding a CSV of
 * addresses, a list of thousands of companies), at {@code n} and {@code 4n} repetitions: a detector whose
 * work grows with the square of a text's findings shows as a time per MB that grows about fourfold from
 * one size to the next. Reports figures; never fails on a timing.
 *
 * <pre>
 * java -cp bench/target/classes:tracemill-cli/target/tracemill.jar dev.tracemill.bench.PrivacyLongTexts [n]
 * </pre>
 */
public final class PrivacyLongTexts {
  private PrivacyLongTexts() {}

  private record Shape(String name, IntFunction<String> text) {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
    List<Shape> shapes = List.of(
        new Shape("address blocks", k -> repeat(k, i -> "Jane Doe\nAcme Labs\n" + (100 + i % 900)
            + " Main Street, Springfield, IL 62704\n")),
        new Shape("companies in one list", k -> "Our partners: " + repeat(k, i -> "Dravnek Labs, ") + "and Zentrix Ltd."),
        new Shape("legal names in one list", k -> "Clients: " + repeat(k, i -> "Brevantix Inc, ") + "and Zentrix Ltd."),
        new Shape("given names in one list", k -> "they had " + k + ": " + repeat(k, i -> "anna, ") + "and brian."),
        new Shape("people, one per line", k -> repeat(k, i -> "Hi Maria Lopez, your order " + i + " shipped.\n")));
    List<Detector> detectors = DetectorSet.defaults(PrivacyOptions.defaults()).detectors();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    System.out.printf(Locale.ROOT, "%-26s %10s %8s %12s %10s%n", "text", "repeats", "MB", "cpu ms", "ms per MB");
    for (Shape shape : shapes) {
      for (int k : new int[] {n, 4 * n}) {
        String text = shape.text().apply(k);
        detect(detectors, text); // warm-up
        long start = cpu.getCurrentThreadCpuTime();
        int spans = detect(detectors, text);
        double ms = (cpu.getCurrentThreadCpuTime() - start) / 1e6;
        double mb = text.length() / 1e6;
        System.out.printf(Locale.ROOT, "%-26s %10d %8.2f %12.1f %10.1f  (%d spans)%n", shape.name(), k, mb, ms,
            ms / mb, spans);
      }
    }
  }

  private static int detect(List<Detector> detectors, String text) {
    int spans = 0;
    for (Detector d : detectors) {
      spans += d.detect(text, ScanContext.FREE_TEXT).size();
    }
    return spans;
  }

  private static String repeat(int k, IntFunction<String> part) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < k; i++) {
      b.append(part.apply(i));
    }
    return b.toString();
  }
}
