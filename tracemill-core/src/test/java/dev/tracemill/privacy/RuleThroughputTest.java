package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints the single-thread throughput of all rule detectors on chat-like text (a figure to report,
 * never a pass/fail on timing: the shared machine's load varies) and checks that the planted
 * entities are all found while measuring, so the timed work is the real work.
 */
class RuleThroughputTest {
  private static final String[] LINES = {
      "Sure! Here is a summary of the meeting notes you asked for, with the action items at the end.\n",
      "The deploy of version 2.4.1 finished at 2026-11-22T04:30:00Z; latency p99 was 842 ms.\n",
      "You can reach me at jane.doe@example.com or call (201) 555-0123 if anything breaks.\n",
      "I think the function should return early when the list is empty, otherwise we loop forever.\n",
      "The invoice total is $1,234.56 and it is due on 03/14/2026, order #10234567.\n",
      "Server 192.0.2.10 returned HTTP 503; request_id=550e8400-e29b-41d4-a716-446655440000.\n",
      "def handler(event, context):\n    return {\"statusCode\": 200, \"body\": json.dumps(event)}\n",
      "Could you explain the difference between a list and a tuple in Python, with examples?\n",
  };
  private static final int PLANTED_PER_ROUND = 3; // email, phone, IP

  @Test
  void allRuleDetectorsFindThePlantedEntitiesAndReportThroughput() {
    StringBuilder b = new StringBuilder();
    int rounds = 0;
    while (b.length() < 2_000_000) {
      for (String line : LINES) {
        b.append(line);
      }
      rounds++;
    }
    // Scan message-sized texts, as the pipeline will.
    String all = b.toString();
    List<String> messages = new java.util.ArrayList<>();
    for (int i = 0; i < all.length(); i += 2000) {
      int end = Math.min(all.length(), i + 2000);
      while (end < all.length() && all.charAt(end - 1) != '\n') {
        end++;
      }
      messages.add(all.substring(i, end));
      i = end - 2000;
    }
    List<Detector> detectors = RuleDetectors.all("US");
    long bytes = all.getBytes(StandardCharsets.UTF_8).length;
    int found = 0;
    long best = Long.MAX_VALUE;
    for (int pass = 0; pass < 5; pass++) {
      found = 0;
      long t0 = System.nanoTime();
      for (String m : messages) {
        for (Detector d : detectors) {
          found += d.detect(m, ScanContext.FREE_TEXT).size();
        }
      }
      best = Math.min(best, System.nanoTime() - t0);
    }
    StringBuilder per = new StringBuilder();
    for (Detector d : detectors) {
      long t0 = System.nanoTime();
      for (String m : messages) {
        d.detect(m, ScanContext.FREE_TEXT);
      }
      per.append(String.format(" %s=%.0f", d.name(), bytes / 1e6 / ((System.nanoTime() - t0) / 1e9)));
    }
    System.out.println("rule detectors, MB/s each:" + per);
    System.out.printf("rule detectors: %.1f MB/s on one thread (%d bytes, %d detectors)%n",
        bytes / 1e6 / (best / 1e9), bytes, detectors.size());
    assertThat(found).isEqualTo(rounds * PLANTED_PER_ROUND);
  }
}
