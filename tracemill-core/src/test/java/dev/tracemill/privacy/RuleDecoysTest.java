package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Over-redaction: lines that look like data (versions, prices, timestamps, HTTP codes, ids, hashes,
 * code) but hold nothing personal must survive every rule detector.
 */
class RuleDecoysTest {
  static List<String> decoys() throws IOException {
    try (InputStream in = RuleDecoysTest.class.getResourceAsStream("/privacy/decoys.txt")) {
      assertThat(in).as("privacy/decoys.txt on the test class path").isNotNull();
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  @Test
  void atLeastNinetyEightPercentOfDecoyLinesSurviveEveryRuleDetector() throws IOException {
    List<String> lines = decoys();
    List<Detector> detectors = RuleDetectors.all("US");
    List<String> fired = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      for (Detector d : detectors) {
        List<Span> spans = d.detect(lines.get(i), ScanContext.FREE_TEXT);
        if (!spans.isEmpty()) {
          // The line number and the span's type, never the matched text.
          fired.add("decoy " + (i + 1) + ": " + spans);
        }
      }
    }
    double survival = 1.0 - (double) fired.size() / lines.size();
    System.out.printf("rule detectors: %d decoy lines, survival rate %.4f, fired: %s%n", lines.size(), survival,
        fired);
    assertThat(lines).hasSizeGreaterThanOrEqualTo(100);
    assertThat(survival).as("fired on %s", fired).isGreaterThanOrEqualTo(0.98);
  }
}
