package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures {@link SecretDetector} on gitleaks' own rule fixtures ({@code shared/datasets/gitleaks/
 * rule_fixtures_tps_fps.jsonl}: rows {@code {rule_id, label, text, source_file}} extracted from
 * {@code cmd/generate/config/rules/*.go}). A row counts as found when the detector reports any span in
 * it. Output names providers, rule ids, row indexes and counts only, never a row's text.
 *
 * <p>gitleaks rule id prefix to provider (the issue's providers, plus connection-string passwords):
 * <pre>
 *   openai-*             openai          anthropic-*        anthropic
 *   aws-*                aws             github-*           github
 *   gitlab-*             gitlab          slack-*            slack
 *   stripe-*             stripe          gcp-*              google
 *   azure-*              azure           huggingface-*      huggingface
 *   npm-*                npm             jwt*               jwt
 *   private-key          private-key     sidekiq-sensitive-url   connection-string (user:password@ in a URL)
 * </pre>
 * Reported but not asserted: {@code curl-auth-header} and {@code curl-auth-user} (provider
 * {@code http-auth}: credentials on a curl command line, outside the issue's list). Every other rule is
 * out of scope; its false-positive rows still count towards the false-positive rate.
 *
 * <p>Excluded from recall (checked by rule id and label, so an edited file fails instead of silently
 * shifting): true-positive rows that hold no secret because the extraction kept only the literal part
 * of a Go expression such as {@code "hooks.slack.com/services/" + secrets.NewSecret(...)}, and the
 * {@code gcp-service-account} row, which is the marker {@code "type": "service_account"} of a key file
 * rather than a credential (the key inside such a file is a PEM block, found by the private-key rule).
 */
class GitleaksFixturesTest {
  private static final String FILE = "datasets/gitleaks/rule_fixtures_tps_fps.jsonl";

  static final Map<String, String> PROVIDER_BY_PREFIX = new TreeMap<>(Map.ofEntries(
      Map.entry("openai-", "openai"), Map.entry("anthropic-", "anthropic"), Map.entry("aws-", "aws"),
      Map.entry("github-", "github"), Map.entry("gitlab-", "gitlab"), Map.entry("slack-", "slack"),
      Map.entry("stripe-", "stripe"), Map.entry("gcp-", "google"), Map.entry("azure-", "azure"),
      Map.entry("huggingface-", "huggingface"), Map.entry("npm-", "npm"), Map.entry("jwt", "jwt"),
      Map.entry("private-key", "private-key"), Map.entry("sidekiq-sensitive-url", "connection-string"),
      Map.entry("curl-auth-", "http-auth")));

  static final List<String> ASSERTED = List.of("openai", "anthropic", "aws", "github", "gitlab", "slack",
      "stripe", "google", "azure", "huggingface", "npm", "jwt", "private-key", "connection-string");

  /** Row index to the rule id it must carry: true positives that hold no secret (see the class doc). */
  static final Map<Integer, String> NOT_A_SECRET = Map.ofEntries(
      Map.entry(63, "azure-ad-client-secret"), Map.entry(170, "gcp-service-account"),
      Map.entry(348, "slack-webhook-url"), Map.entry(349, "slack-webhook-url"),
      Map.entry(350, "slack-webhook-url"), Map.entry(353, "slack-webhook-url"),
      Map.entry(354, "slack-webhook-url"), Map.entry(355, "slack-webhook-url"),
      Map.entry(358, "slack-webhook-url"));

  private record Row(int index, String ruleId, boolean truePositive, String text) {}

  private static List<Row> rows;
  private static final SecretDetector DETECTOR = new SecretDetector();

  @BeforeAll
  static void load() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file(FILE), StandardCharsets.UTF_8);
    rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode node = Json.MAPPER.readTree(lines.get(i));
      rows.add(new Row(i, node.get("rule_id").asText(), node.get("label").asText().equals("true_positive"),
          node.get("text").asText()));
    }
  }

  static String provider(String ruleId) {
    for (Map.Entry<String, String> e : PROVIDER_BY_PREFIX.entrySet()) {
      if (ruleId.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  private static boolean fires(Row row) {
    return !DETECTOR.detect(row.text(), ScanContext.FREE_TEXT).isEmpty();
  }

  @Test
  void excludedRowsAreTheTruePositivesTheDocNames() {
    for (Map.Entry<Integer, String> e : NOT_A_SECRET.entrySet()) {
      Row row = rows.get(e.getKey());
      assertThat(row.ruleId()).as("rule of excluded row %d", row.index()).isEqualTo(e.getValue());
      assertThat(row.truePositive()).as("label of excluded row %d", row.index()).isTrue();
    }
  }

  @Test
  void recallIsAtLeast95PercentOnTheInScopeProviders() {
    Map<String, int[]> byProvider = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    for (Row row : rows) {
      String provider = provider(row.ruleId());
      if (!row.truePositive() || provider == null || NOT_A_SECRET.containsKey(row.index())) {
        continue;
      }
      int[] counts = byProvider.computeIfAbsent(provider, p -> new int[2]);
      counts[1]++;
      if (fires(row)) {
        counts[0]++;
      } else {
        misses.add(row.ruleId() + "#" + row.index());
      }
    }
    int found = 0;
    int total = 0;
    System.out.println("gitleaks fixtures: recall per provider (found/true positives)");
    for (Map.Entry<String, int[]> e : byProvider.entrySet()) {
      int[] c = e.getValue();
      boolean asserted = ASSERTED.contains(e.getKey());
      System.out.printf("  %-18s %3d/%-3d %.3f%s%n", e.getKey(), c[0], c[1], (double) c[0] / c[1],
          asserted ? "" : "  (reported, not asserted)");
      if (asserted) {
        found += c[0];
        total += c[1];
      }
    }
    double recall = (double) found / total;
    System.out.printf("  in-scope recall %d/%d = %.3f; excluded rows %d; missed rows %s%n", found, total, recall,
        NOT_A_SECRET.size(), misses);
    assertThat(total).as("in-scope true positives").isGreaterThan(40);
    assertThat(recall).as("in-scope recall; missed rows " + misses).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void falsePositiveRateOnTheNearMissesIsReported() {
    Map<String, Integer> firedByRule = new TreeMap<>();
    int negatives = 0;
    int fired = 0;
    int inScopeNegatives = 0;
    int inScopeFired = 0;
    for (Row row : rows) {
      if (row.truePositive()) {
        continue;
      }
      negatives++;
      String provider = provider(row.ruleId());
      boolean inScope = provider != null && ASSERTED.contains(provider);
      inScopeNegatives += inScope ? 1 : 0;
      if (fires(row)) {
        fired++;
        inScopeFired += inScope ? 1 : 0;
        firedByRule.merge(row.ruleId() + "#" + row.index(), 1, Integer::sum);
      }
    }
    System.out.printf("gitleaks fixtures: false positives %d/%d = %.3f (in-scope rules %d/%d = %.3f); fired on %s%n",
        fired, negatives, (double) fired / negatives, inScopeFired, inScopeNegatives,
        (double) inScopeFired / inScopeNegatives, firedByRule.keySet());
    assertThat(negatives).as("false_positive rows").isGreaterThan(100);
    // Most near misses are placeholders and look-alikes; a rate near 1 would mean the checks do nothing.
    assertThat((double) fired / negatives).isLessThan(0.25);
  }
}
