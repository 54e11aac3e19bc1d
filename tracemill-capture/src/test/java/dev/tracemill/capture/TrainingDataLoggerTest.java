package dev.tracemill.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataLoggerTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:00:00.123456789Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(MAPPER.readTree(line));
    }
    return out;
  }

  @Test
  void aPlainCallIsOneLineWithTheResponseAppendedAsTheLastAssistantMessage() throws Exception {
    Path file = dir.resolve("a/b/calls.jsonl");
    try (TrainingDataLogger log = TrainingDataLogger.builder(file)
        .runMetadata(Map.of("task_name", "orders")).runId("run-1").clock(CLOCK).build()) {
      log.log("rule_synthesis", List.of(Message.system("Write rules."), Message.user("Orders: ORD-1")),
          "{\"rules\": []}");
    }
    String text = Files.readString(file);
    assertThat(text).isEqualTo("{\"messages\":[{\"role\":\"system\",\"content\":\"Write rules.\"},"
        + "{\"role\":\"user\",\"content\":\"Orders: ORD-1\"},{\"role\":\"assistant\",\"content\":"
        + "\"{\\\"rules\\\": []}\"}],\"call_type\":\"rule_synthesis\",\"metadata\":{\"task_name\":\"orders\"},"
        + "\"timestamp\":\"2026-03-01T09:00:00.123456Z\",\"run_id\":\"run-1\"}\n");
  }

  @Test
  void callMetadataIsMergedOverRunMetadataAndTheCallWins() throws Exception {
    Path file = dir.resolve("calls.jsonl");
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("model", "kimi-k2");
    run.put("env", "prod");
    try (TrainingDataLogger log = new TrainingDataLogger(file, run)) {
      log.log("a", List.of(Message.user("q")), "r", Map.of("env", "staging", "class", "PRODUCT"));
      log.log("a", List.of(Message.user("q")), "r");
    }
    List<JsonNode> rows = lines(file);
    assertThat(rows.get(0).get("metadata").toString())
        .isEqualTo("{\"class\":\"PRODUCT\",\"env\":\"staging\",\"model\":\"kimi-k2\"}");
    assertThat(rows.get(1).get("metadata").toString()).isEqualTo("{\"env\":\"prod\",\"model\":\"kimi-k2\"}");
  }

  @Test
  void theRunIdComesFromRunMetadataOrIsGeneratedOncePerLogger() throws Exception {
    try (TrainingDataLogger given = new TrainingDataLogger(dir.resolve("x.jsonl"), Map.of("run_id", "run_7"));
        TrainingDataLogger a = new TrainingDataLogger(dir.resolve("y.jsonl"));
        TrainingDataLogger b = new TrainingDataLogger(dir.resolve("z.jsonl"))) {
      assertThat(given.runId()).isEqualTo("run_7");
      assertThat(a.runId()).isNotBlank().isNotEqualTo(b.runId());
      a.log("t", List.of(Message.user("u")), "v");
      a.log("t", List.of(Message.user("u")), "v");
      assertThat(lines(dir.resolve("y.jsonl"))).extracting(r -> r.get("run_id").asText())
          .containsOnly(a.runId());
    }
  }

  @Test
  void aSecondLoggerAppendsToTheFileOfAnEarlierRun() throws Exception {
    Path file = dir.resolve("calls.jsonl");
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      log.log("t", List.of(Message.user("first")), "1");
    }
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      log.log("t", List.of(Message.user("second")), "2");
    }
    assertThat(lines(file)).extracting(r -> r.at("/messages/0/content").asText()).containsExactly("first", "second");
  }

  @Test
  void statsCountCallsPerCallType() {
    try (TrainingDataLogger log = new TrainingDataLogger(dir.resolve("c.jsonl"))) {
      log.log("b", List.of(Message.user("u")), "v");
      log.log("a", List.of(Message.user("u")), "v");
      log.log("b", List.of(Message.user("u")), "v");
      assertThat(log.count()).isEqualTo(3);
      assertThat(log.stats()).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
    }
  }

  @Test
  void aFullCallRecordsToolsToolCallsUsageModelLatencyFinishReasonAndError() throws Exception {
    Path file = dir.resolve("c.jsonl");
    Map<String, Object> params = Map.of("type", "object",
        "properties", Map.of("customer", Map.of("type", "string")), "required", List.of("customer"));
    try (TrainingDataLogger log = TrainingDataLogger.builder(file).clock(CLOCK).runId("r").build()) {
      log.log(LlmCall.builder("agent_step")
          .messages(List.of(Message.user("Find the invoice for ACME"),
              Message.assistant(null, List.of(ToolCall.of("call_1", "search", "{\"customer\":\"ACME\"}"))),
              Message.tool("call_1", "[{\"id\": 17}]")))
          .response("Invoice 17.")
          .tools(List.of(ToolDefinition.of("search", "Search invoices", params)))
          .usage(Usage.of(50, 12)).model("gpt-4.1-mini").latency(Duration.ofMillis(640)).finishReason("stop")
          .build());
      log.log(LlmCall.builder("translate").messages(List.of(Message.user("hi")))
          .error(new IllegalStateException("upstream timeout")).build());
    }
    List<JsonNode> rows = lines(file);
    JsonNode step = rows.get(0);
    assertThat(step.at("/messages/1/content").isNull()).isTrue();
    assertThat(step.at("/messages/1/tool_calls/0/function/arguments").asText()).isEqualTo("{\"customer\":\"ACME\"}");
    assertThat(step.at("/messages/2/tool_call_id").asText()).isEqualTo("call_1");
    assertThat(step.at("/messages/3/content").asText()).isEqualTo("Invoice 17.");
    assertThat(step.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("customer");
    assertThat(step.at("/usage").toString())
        .isEqualTo("{\"prompt_tokens\":50,\"completion_tokens\":12,\"total_tokens\":62}");
    assertThat(step.get("model").asText()).isEqualTo("gpt-4.1-mini");
    assertThat(step.get("latency_ms").asLong()).isEqualTo(640);
    assertThat(step.get("finish_reason").asText()).isEqualTo("stop");
    JsonNode failed = rows.get(1);
    assertThat(failed.get("messages")).hasSize(1);
    assertThat(failed.at("/error/message").asText()).isEqualTo("upstream timeout");
    assertThat(failed.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void anyTextSurvivesTheRoundTripAndALineNeverHoldsARawLineBreak() throws Exception {
    String nasty = "line\nbreak\r\t\"quoted\" back\\slash \u0000\u001f\u007f é 中文 😀 \u2028";
    Path file = dir.resolve("c.jsonl");
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      log.log("t", List.of(Message.user(nasty)), nasty, Map.of(nasty, List.of(nasty, 1.5, Double.NaN, true)));
    }
    List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(raw).hasSize(1);
    JsonNode row = MAPPER.readTree(raw.get(0));
    assertThat(row.at("/messages/0/content").asText()).isEqualTo(nasty);
    assertThat(row.at("/messages/1/content").asText()).isEqualTo(nasty);
    assertThat(row.get("metadata").get(nasty).toString()).isEqualTo(
        MAPPER.writeValueAsString(List.of(nasty, 1.5, "NaN", true)));
  }

  @Test
  void aLoneSurrogateIsWrittenAsAQuestionMarkSoTheLineStaysValidUtf8() throws Exception {
    Path file = dir.resolve("c.jsonl");
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      log.log("t", List.of(Message.user("a\uD800b")), "\uDC00");
    }
    byte[] bytes = Files.readAllBytes(file);
    assertThat(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString())
        .contains("a?b");
  }

  @Test
  void timestampsHaveSixFractionDigitsInUtc() throws Exception {
    Path file = dir.resolve("c.jsonl");
    List<String> expected = List.of("2026-03-01T09:00:00.000000Z", "2026-03-01T09:00:00.000001Z",
        "1999-12-31T23:59:59.999999Z", "2026-03-01T09:00:01.120000Z");
    List<Instant> at = List.of(Instant.parse("2026-03-01T09:00:00Z"), Instant.parse("2026-03-01T10:00:00.000001999+01:00"),
        Instant.parse("1999-12-31T23:59:59.9999999Z"), Instant.parse("2026-03-01T09:00:01.12Z"));
    for (Instant t : at) {
      try (TrainingDataLogger log = TrainingDataLogger.builder(file).clock(Clock.fixed(t, ZoneOffset.UTC)).build()) {
        log.log("t", List.of(Message.user("u")), "v");
      }
    }
    assertThat(lines(file)).extracting(r -> r.get("timestamp").asText()).containsExactlyElementsOf(expected);
  }

  @Test
  void aCyclicMetadataValueIsRefusedAndNothingIsWritten() throws Exception {
    Path file = dir.resolve("c.jsonl");
    Map<String, Object> cyclic = new LinkedHashMap<>();
    cyclic.put("self", cyclic);
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      assertThatThrownBy(() -> log.log("t", List.of(Message.user("u")), "v", cyclic))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nests deeper");
      log.log("t", List.of(Message.user("u")), "v");
      assertThat(log.count()).isEqualTo(1);
    }
    assertThat(lines(file)).hasSize(1);
  }

  @Test
  void anInterruptedCallerNeitherLosesItsLineNorClosesTheFileForOthers() throws Exception {
    Path file = dir.resolve("c.jsonl");
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      Thread.currentThread().interrupt();
      try {
        log.log("t", List.of(Message.user("while interrupted")), "v");
        assertThat(Thread.currentThread().isInterrupted()).as("the flag is given back").isTrue();
      } finally {
        Thread.interrupted();
      }
      log.log("t", List.of(Message.user("after")), "v");
    }
    assertThat(lines(file)).extracting(r -> r.at("/messages/0/content").asText())
        .containsExactly("while interrupted", "after");
  }

  @Test
  void aClosedLoggerRefusesCalls() {
    TrainingDataLogger log = new TrainingDataLogger(dir.resolve("c.jsonl"));
    log.close();
    log.close();
    assertThatThrownBy(() -> log.log("t", List.of(Message.user("u")), "v"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aTornLastLineLeftByAKilledWriterIsIsolatedByTheNextWriter() throws Exception {
    Path file = dir.resolve("c.jsonl");
    Files.writeString(file, "{\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}],\"call_type\":\"t\"}\n"
        + "{\"messages\":[{\"role\":\"user\",\"con");
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      log.log("t", List.of(Message.user("after")), "v");
    }
    List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(raw).hasSize(3);
    assertThat(raw.get(1)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"con");
    assertThat(MAPPER.readTree(raw.get(2)).at("/messages/0/content").asText()).isEqualTo("after");
  }

  @Test
  void bufferedLinesReachTheFileOnFlushAndOnClose() throws Exception {
    Path file = dir.resolve("c.jsonl");
    TrainingDataLogger log = TrainingDataLogger.builder(file)
        .flushPolicy(FlushPolicy.buffered(64 * 1024, Duration.ofHours(1))).build();
    log.log("t", List.of(Message.user("u")), "v");
    assertThat(Files.size(file)).isZero();
    log.flush();
    assertThat(lines(file)).hasSize(1);
    log.log("t", List.of(Message.user("u")), "v");
    log.close();
    assertThat(lines(file)).hasSize(2);
  }

  @Test
  void aBufferedLoggerWritesOnItsOwnAfterTheDelay() throws Exception {
    Path file = dir.resolve("c.jsonl");
    try (TrainingDataLogger log = TrainingDataLogger.builder(file)
        .flushPolicy(FlushPolicy.buffered(64 * 1024, Duration.ofMillis(20))).build()) {
      log.log("t", List.of(Message.user("u")), "v");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (Files.size(file) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(lines(file)).hasSize(1);
    }
  }

  @Test
  void aLineLargerThanTheBufferIsWrittenWholeInOrder() throws Exception {
    Path file = dir.resolve("c.jsonl");
    String big = "x".repeat(5000);
    try (TrainingDataLogger log = TrainingDataLogger.builder(file)
        .flushPolicy(FlushPolicy.buffered(1024, Duration.ofHours(1))).build()) {
      log.log("t", List.of(Message.user("small")), "v");
      log.log("t", List.of(Message.user(big)), "v");
      log.log("t", List.of(Message.user("small2")), "v");
    }
    assertThat(lines(file)).extracting(r -> r.at("/messages/0/content").asText().length())
        .containsExactly(5, 5000, 6);
  }

  @Test
  void messagesThatCannotBeWrittenAreRefusedWithAMessageThatSaysWhy() {
    assertThatThrownBy(() -> new Message("user", null, null, List.of()))
        .hasMessageContaining("has no content");
    assertThatThrownBy(() -> new Message("user", "x", null, List.of(ToolCall.of("1", "f", "{}"))))
        .hasMessageContaining("only an assistant message");
    assertThatThrownBy(() -> FlushPolicy.buffered(10, Duration.ofSeconds(1))).hasMessageContaining("at least 1024");
    assertThat(Message.user("secret@example.com").toString()).doesNotContain("secret");
  }
}
