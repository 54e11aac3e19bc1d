package dev.tracemill.privacy.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.RuleDetectors;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.SecretDetector;
import dev.tracemill.privacy.Span;
import dev.tracemill.privacy.Where;
import dev.tracemill.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The speed-ups of the rule and secret detectors must not change a single span: each current detector
 * is run beside its copy from before the speed work ({@code Legacy*} in this package, frozen) on the
 * gitleaks rule fixtures, the presidio synthetic corpus, a seeded fuzz corpus of chat text dense with
 * entities, near misses, keywords, odd Unicode and JSON escapes (free text and under JSON keys), and,
 * when present, the benchmark's generated log ({@code bench/data/openai-50MB.jsonl}), and must return
 * the same list of spans in the same order.
 */
class DetectorEquivalenceTest {
  private static final List<Detector> CURRENT = current();
  private static final List<Detector> LEGACY = List.of(new LegacyEmailDetector(), new LegacyPhoneDetector("US"),
      new LegacyCreditCardDetector(), new LegacyIbanDetector(), new LegacyUsSsnDetector(),
      new LegacyIpAddressDetector(), new LegacyMacAddressDetector(), new LegacyUrlCredentialsDetector(),
      new LegacyUrlSecretParamDetector(), new LegacyDateOfBirthDetector(), new LegacySecretDetector());
  private static final String[] KEYS = {null, "password", "api_key", "phone", "dob", "date_of_birth", "ssn",
      "email", "token", "client_secret", "text", "DB_PASSWORD", "mobileNumber", "note"};

  private static List<Detector> current() {
    List<Detector> d = new ArrayList<>(RuleDetectors.all("US"));
    d.add(new SecretDetector());
    return d;
  }

  private static long compare(String text, ScanContext context) {
    long spans = 0;
    for (int i = 0; i < CURRENT.size(); i++) {
      List<Span> now = CURRENT.get(i).detect(text, context);
      List<Span> before = LEGACY.get(i).detect(text, context);
      if (!now.equals(before)) {
        assertThat(now).as("%s on a text of %d chars (key %s)", CURRENT.get(i).name(), text.length(),
            context.jsonKey()).containsExactlyElementsOf(before);
      }
      spans += now.size();
    }
    return spans;
  }

  @Test
  void sameDetectorOrderAndNames() {
    assertThat(CURRENT).hasSameSizeAs(LEGACY);
    for (int i = 0; i < CURRENT.size(); i++) {
      assertThat(CURRENT.get(i).name()).isEqualTo(LEGACY.get(i).name());
    }
  }

  @Test
  void fuzzCorpus() {
    Random random = new Random(20261202);
    long spans = 0;
    for (int i = 0; i < 6000; i++) {
      String text = FuzzText.text(random, 20 + random.nextInt(i % 10 == 0 ? 6000 : 800));
      String key = KEYS[random.nextInt(KEYS.length)];
      spans += compare(text, key == null ? ScanContext.FREE_TEXT : new ScanContext(Where.TOOL_ARGUMENTS, key));
    }
    assertThat(spans).as("the fuzz corpus must exercise the detectors").isGreaterThan(5000);
  }

  @Test
  void gitleaksFixtures() throws IOException {
    Path file = SharedData.file("datasets/gitleaks/rule_fixtures_tps_fps.jsonl");
    long spans = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String text = Json.MAPPER.readTree(line).get("text").asText();
      spans += compare(text, ScanContext.FREE_TEXT);
      spans += compare(text, new ScanContext(Where.TOOL_ARGUMENTS, "password"));
    }
    assertThat(spans).isGreaterThan(50);
  }

  @Test
  void presidioCorpus() throws IOException {
    Path file = SharedData.file("datasets/presidio-research/synth_dataset_v2.json");
    long spans = 0;
    for (JsonNode record : Json.MAPPER.readTree(file.toFile())) {
      spans += compare(record.get("full_text").asText(), ScanContext.FREE_TEXT);
    }
    assertThat(spans).isGreaterThan(300);
  }

  /** The benchmark's generated log, when bench/run.sh or bench/privacy.sh has made it; 5 MB of it. */
  @Test
  void benchmarkLog() throws IOException {
    Path file = Path.of("..", "bench", "data", "openai-50MB.jsonl");
    Assumptions.assumeTrue(Files.exists(file), "bench/data/openai-50MB.jsonl absent (bench/privacy.sh makes it); skipping");
    long chars = 0;
    long spans = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && chars < 5_000_000) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(line)) {
          JsonToken t;
          String key = null;
          while ((t = p.nextToken()) != null) {
            if (t == JsonToken.FIELD_NAME) {
              key = p.currentName();
            } else if (t == JsonToken.VALUE_STRING) {
              String s = p.getText();
              chars += s.length();
              spans += compare(s, ScanContext.FREE_TEXT);
              spans += compare(s, new ScanContext(Where.TOOL_RESULT, key));
            }
          }
        } catch (IOException malformed) {
          // a planted broken line
        }
      }
    }
    assertThat(spans).isGreaterThan(100);
  }
}
