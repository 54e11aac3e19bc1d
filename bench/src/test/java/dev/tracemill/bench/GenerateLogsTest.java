package dev.tracemill.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.bench.GenerateLogs.Summary;
import dev.tracemill.bench.LogCall.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GenerateLogsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PYTHON_ISO = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00");

  private record Generated(Summary summary, byte[] bytes) {
    List<String> lines() {
      String text = new String(bytes, UTF_8);
      assertThat(text).endsWith("\n");
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }
  }

  private static Generated generate(String format, long size, long seed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Summary summary = GenerateLogs.generate(format, size, seed, out);
    return new Generated(summary, out.toByteArray());
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
    for (String format : List.of("openai", "logger")) {
      byte[] first = generate(format, 1_000_000, 7).bytes();
      byte[] second = generate(format, 1_000_000, 7).bytes();
      byte[] other = generate(format, 1_000_000, 8).bytes();
      assertThat(second).as(format).isEqualTo(first);
      assertThat(other).as(format).isNotEqualTo(first);
    }
  }

  @Test
  void requestedSizeIsReachedWithinFivePercent() throws IOException {
    for (String format : List.of("openai", "logger")) {
      for (long size : List.of(300_000L, 2_000_000L, 5_000_000L)) {
        Generated g = generate(format, size, 3);
        assertThat(g.summary().bytes()).isEqualTo(g.bytes().length);
        assertThat((long) g.bytes().length).as(format + " " + size).isBetween(size, size + size / 20);
        assertThat(g.summary().lines()).isEqualTo(g.lines().size());
      }
    }
  }

  @Test
  void openaiLinesParseWithTheDocumentedKeysExceptTheDeliberatelyMalformedOnes() throws IOException {
    Generated g = generate("openai", 10_000_000, 1);
    long malformed = 0;
    Map<Kind, Long> kinds = g.summary().linesByKind();
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : g.lines()) {
      JsonNode node = parseOrNull(line);
      if (node == null) {
        malformed++;
        continue;
      }
      parsed.add(node);
      JsonNode request = node.path("request");
      assertThat(request.path("model").isTextual()).as(line).isTrue();
      assertThat(request.path("messages").isArray()).as(line).isTrue();
      assertThat(request.path("messages").size()).isPositive();
      assertThat(node.path("metadata").isObject()).isTrue();
      assertThat(node.has("response")).isNotEqualTo(node.has("error"));
      if (node.has("error")) {
        assertThat(node.path("error").path("message").isTextual()).isTrue();
        assertThat(node.path("error").path("type").isTextual()).isTrue();
        continue;
      }
      JsonNode response = node.path("response");
      assertThat(response.path("id").asText()).startsWith("chatcmpl-");
      assertThat(response.path("object").asText()).isEqualTo("chat.completion");
      assertThat(response.path("created").isIntegralNumber()).isTrue();
      assertThat(response.path("model").isTextual()).isTrue();
      JsonNode choice = response.path("choices").path(0);
      assertThat(choice.path("index").asInt(-1)).isZero();
      assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
      assertThat(choice.path("finish_reason").asText()).isIn("stop", "length", "tool_calls");
      assertThat(response.path("usage").path("total_tokens").asLong()).isEqualTo(
          response.path("usage").path("prompt_tokens").asLong()
              + response.path("usage").path("completion_tokens").asLong());
      for (JsonNode tc : choice.path("message").path("tool_calls")) {
        // Arguments are a JSON string holding an object, as the API returns them.
        assertThat(tc.path("function").path("arguments").isTextual()).isTrue();
        assertThat(MAPPER.readTree(tc.path("function").path("arguments").asText()).isObject()).isTrue();
      }
    }
    assertThat(malformed).isEqualTo(kinds.get(Kind.MALFORMED)).isPositive();
    assertThat(kinds.keySet()).containsExactlyInAnyOrder(Kind.values());
    assertThat(parsed.stream().filter(n -> n.path("request").has("tools")).count()).isPositive();
    assertThat(new String(g.bytes(), UTF_8)).containsPattern("[\\u3040-\\u30ff\\u4e00-\\u9fff]")
        .contains("ü").containsPattern("[\\x{1F300}-\\x{1FAFF}]");
    assertSessionsGrowByPreviousCallAndResponse(parsed);
  }

  /** The collapse in tracemill relies on this: each call repeats the last one's messages plus its answer. */
  private static void assertSessionsGrowByPreviousCallAndResponse(List<JsonNode> lines) {
    Map<String, JsonNode> lastInSession = new HashMap<>();
    int grown = 0;
    for (JsonNode line : lines) {
      if (!line.has("session_id") || !line.has("response")) {
        continue;
      }
      JsonNode previous = lastInSession.put(line.path("session_id").asText(), line);
      if (previous == null) {
        continue;
      }
      JsonNode before = previous.path("request").path("messages");
      JsonNode now = line.path("request").path("messages");
      assertThat(now.size()).isGreaterThan(before.size() + 1);
      for (int i = 0; i < before.size(); i++) {
        assertThat(now.get(i)).isEqualTo(before.get(i));
      }
      assertThat(now.get(before.size()))
          .isEqualTo(previous.path("response").path("choices").path(0).path("message"));
      grown++;
    }
    assertThat(grown).isGreaterThan(100);
  }

  @Test
  void loggerLinesHaveExactlyTheFourLoggerKeysEndingWithTheAssistant() throws IOException {
    Generated g = generate("logger", 5_000_000, 1);
    int malformed = 0;
    for (String line : g.lines()) {
      JsonNode node = parseOrNull(line);
      if (node == null) {
        malformed++;
        continue;
      }
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly("messages", "call_type", "metadata", "timestamp");
      JsonNode messages = node.path("messages");
      assertThat(messages.get(messages.size() - 1).path("role").asText()).isEqualTo("assistant");
      assertThat(messages.get(messages.size() - 1).path("content").isTextual()).isTrue();
      assertThat(node.path("call_type").isTextual()).isTrue();
      assertThat(node.path("metadata").path("run_id").asText()).startsWith("run_");
      assertThat(node.path("timestamp").asText()).matches(PYTHON_ISO);
    }
    assertThat((long) malformed).isEqualTo(g.summary().linesByKind().getOrDefault(Kind.MALFORMED, 0L));
    assertThat(g.summary().linesByKind()).doesNotContainKey(Kind.FAILED);
  }

  @Test
  void loggerTimestampsFollowPythonIsoformat() {
    assertThat(LoggerFormat.isoformat(1_771_511_400_123_456L)).isEqualTo("2026-02-19T14:30:00.123456+00:00");
    assertThat(LoggerFormat.isoformat(1_771_511_400_000_000L)).isEqualTo("2026-02-19T14:30:00+00:00");
  }

  @Test
  void sizesUseDecimalAndBinaryUnits() {
    assertThat(GenerateLogs.parseSize("200MB")).isEqualTo(200_000_000L);
    assertThat(GenerateLogs.parseSize("1.5gb")).isEqualTo(1_500_000_000L);
    assertThat(GenerateLogs.parseSize("512KiB")).isEqualTo(524_288L);
    assertThat(GenerateLogs.parseSize("1000")).isEqualTo(1000L);
    assertThatThrownBy(() -> GenerateLogs.parseSize("big")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200MB");
  }

  private static JsonNode parseOrNull(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
