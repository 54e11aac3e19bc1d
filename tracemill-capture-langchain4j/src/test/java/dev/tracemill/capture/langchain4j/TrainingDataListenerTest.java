package dev.tracemill.capture.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tracemill.capture.TrainingDataLogger;
import dev.tracemill.model.Json;
import dev.tracemill.pipeline.Pipeline;
import dev.tracemill.pipeline.RunConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataListenerTest {
  @TempDir Path dir;

  /** A chat model that answers from a script, as a provider would; LangChain4j's chat() calls the listeners. */
  static final class ScriptedChatModel implements ChatModel {
    private final Deque<Function<ChatRequest, ChatResponse>> script = new ArrayDeque<>();
    private final List<ChatModelListener> listeners;

    ScriptedChatModel(List<ChatModelListener> listeners) {
      this.listeners = listeners;
    }

    ScriptedChatModel then(Function<ChatRequest, ChatResponse> step) {
      script.add(step);
      return this;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      return script.removeFirst().apply(request);
    }

    @Override
    public List<ChatModelListener> listeners() {
      return listeners;
    }

    @Override
    public ModelProvider provider() {
      return ModelProvider.OPEN_AI;
    }
  }

  static final ToolSpecification WEATHER = ToolSpecification.builder()
      .name("get_weather").description("Current weather of a city")
      .parameters(JsonObjectSchema.builder().addStringProperty("city", "The city name").required("city").build())
      .build();

  static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(Json.MAPPER.readTree(line));
    }
    return out;
  }

  /** An agent loop: the model asks for a tool, gets its result, answers; then a call fails. */
  private Path runAgent() {
    Path file = dir.resolve("calls.jsonl");
    AtomicLong clock = new AtomicLong();
    try (TrainingDataLogger log = new TrainingDataLogger(file, Map.of("app", "weather-bot"))) {
      // Each request "takes" 250 ms on the fake clock.
      TrainingDataListener listener = new TrainingDataListener(log, "weather_agent", () -> clock.getAndAdd(250_000_000));
      ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1").name("get_weather")
          .arguments("{\"city\":\"Oslo\"}").build();
      ScriptedChatModel model = new ScriptedChatModel(List.of(listener))
          .then(r -> ChatResponse.builder().aiMessage(AiMessage.from(call)).modelName("gpt-4.1-mini-2025-04-14")
              .tokenUsage(new TokenUsage(52, 11)).finishReason(FinishReason.TOOL_EXECUTION).id("resp-1").build())
          .then(r -> ChatResponse.builder().aiMessage(AiMessage.from("It is 3 °C and snowing in Oslo."))
              .modelName("gpt-4.1-mini-2025-04-14").tokenUsage(new TokenUsage(80, 14, 94))
              .finishReason(FinishReason.STOP).build())
          .then(r -> {
            throw new IllegalStateException("429 rate limited");
          });

      List<ChatMessage> history = new ArrayList<>(List.of(SystemMessage.from("You are a weather assistant."),
          UserMessage.from("What's the weather in Oslo?")));
      ChatResponse first = model.chat(ChatRequest.builder().messages(history).toolSpecifications(WEATHER)
          .modelName("gpt-4.1-mini").temperature(0.2).build());
      history.add(first.aiMessage());
      history.add(ToolExecutionResultMessage.from(call, "{\"temp_c\": 3, \"sky\": \"snow\"}"));
      model.chat(ChatRequest.builder().messages(history).toolSpecifications(WEATHER).modelName("gpt-4.1-mini").build());
      assertThatThrownBy(() -> model.chat(ChatRequest.builder()
          .messages(UserMessage.from(TextContent.from("Describe this picture"), ImageContent.from("https://example.com/a.png")))
          .modelName("gpt-4.1-mini").build()))
          .hasMessageContaining("rate limited");
      assertThat(log.stats()).containsExactly(Map.entry("weather_agent", 3L));
    }
    return file;
  }

  @Test
  void everyChatCallIsRecordedWithToolsToolCallsUsageModelLatencyAndErrors() throws Exception {
    List<JsonNode> rows = lines(runAgent());
    assertThat(rows).hasSize(3);

    JsonNode first = rows.get(0);
    assertThat(first.get("call_type").asText()).isEqualTo("weather_agent");
    assertThat(first.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(first.at("/messages/2/role").asText()).isEqualTo("assistant");
    assertThat(first.at("/messages/2/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(first.at("/messages/2/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(first.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(first.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
    assertThat(first.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("city");
    assertThat(first.at("/usage").toString())
        .isEqualTo("{\"prompt_tokens\":52,\"completion_tokens\":11,\"total_tokens\":63}");
    assertThat(first.get("model").asText()).isEqualTo("gpt-4.1-mini-2025-04-14");
    assertThat(first.get("latency_ms").asLong()).isEqualTo(250);
    assertThat(first.get("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(first.get("metadata").toString()).isEqualTo(
        "{\"app\":\"weather-bot\",\"provider\":\"open_ai\",\"response_id\":\"resp-1\",\"temperature\":0.2}");

    JsonNode second = rows.get(1);
    List<String> roles = new ArrayList<>();
    second.get("messages").forEach(m -> roles.add(m.get("role").asText()));
    assertThat(roles).containsExactly("system", "user", "assistant", "tool", "assistant");
    assertThat(second.at("/messages/3/tool_call_id").asText()).isEqualTo("call_1");
    assertThat(second.at("/messages/3/content").asText()).isEqualTo("{\"temp_c\": 3, \"sky\": \"snow\"}");
    assertThat(second.at("/messages/4/content").asText()).isEqualTo("It is 3 °C and snowing in Oslo.");
    assertThat(second.get("finish_reason").asText()).isEqualTo("stop");

    JsonNode failed = rows.get(2);
    assertThat(failed.get("messages")).hasSize(1);
    assertThat(failed.at("/messages/0/content").asText()).isEqualTo("Describe this picture");
    assertThat(failed.at("/metadata/dropped_contents").asInt()).isEqualTo(1);
    assertThat(failed.at("/error/message").asText()).isEqualTo("429 rate limited");
    assertThat(failed.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.get("model").asText()).isEqualTo("gpt-4.1-mini");
  }

  @Test
  void tracemillRunTurnsTheRecordedAgentIntoOneTrajectory() throws Exception {
    Path file = runAgent();
    var result = Pipeline.run(RunConfig.builder().input(file.toString()).out(dir.resolve("out")).pii(false).build(), null);
    JsonNode report = result.report();
    assertThat(report.at("/inputs/0/format").asText()).isEqualTo("logger");
    assertThat(report.at("/records").toString()).isEqualTo(
        "{\"input\":3,\"emitted\":1,\"merged\":1,\"filtered\":{\"failed_call\":1},\"quarantined\":0}");
    assertThat(report.at("/units/trajectory").asInt()).isEqualTo(1);
    JsonNode row = Json.MAPPER.readTree(Files.readAllLines(dir.resolve("out/sft/trl/train.jsonl")).get(0));
    assertThat(row.get("messages")).hasSize(5);
    assertThat(row.at("/messages/4/content").asText()).isEqualTo("It is 3 °C and snowing in Oslo.");
    assertThat(row.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
  }

  @Test
  void finishReasonsAreWrittenInOpenAisWords() {
    assertThat(TrainingDataListener.finishReason(FinishReason.TOOL_EXECUTION)).isEqualTo("tool_calls");
    assertThat(TrainingDataListener.finishReason(FinishReason.CONTENT_FILTER)).isEqualTo("content_filter");
    assertThat(TrainingDataListener.finishReason(FinishReason.LENGTH)).isEqualTo("length");
    assertThat(TrainingDataListener.finishReason(null)).isNull();
  }
}
