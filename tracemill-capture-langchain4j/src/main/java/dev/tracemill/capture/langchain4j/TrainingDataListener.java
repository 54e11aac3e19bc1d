package dev.tracemill.capture.langchain4j;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tracemill.capture.CallError;
import dev.tracemill.capture.LlmCall;
import dev.tracemill.capture.Message;
import dev.tracemill.capture.ToolCall;
import dev.tracemill.capture.ToolDefinition;
import dev.tracemill.capture.TrainingDataLogger;
import dev.tracemill.capture.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Records every chat call of a LangChain4j {@code ChatModel} as training data through a
 * {@link TrainingDataLogger}: the LangChain4j counterpart of LlamaIndex's
 * {@code OpenAIFineTuningHandler}. Register it on any chat model:
 *
 * <pre>{@code
 * TrainingDataLogger log = new TrainingDataLogger(Path.of("logs/calls.jsonl"), Map.of("app", "support"));
 * ChatModel model = OpenAiChatModel.builder()...listeners(List.of(new TrainingDataListener(log, "support_chat"))).build();
 * }</pre>
 *
 * <p>Per call it writes one line: the request's messages (system, user, assistant turns with their tool
 * execution requests, tool execution results), the response text and tool execution requests as the
 * final assistant message, the tool specifications (parameters as JSON Schema), token usage, model
 * name, latency (from {@code onRequest} to {@code onResponse}), finish reason, and request settings
 * ({@code temperature}, {@code top_p}, {@code max_output_tokens}) plus the provider and response id as
 * metadata. A failed call ({@code onError}) is written with its request and the error, and
 * {@code tracemill run} reads it as a failure.
 *
 * <p>Only the text of user messages is recorded: images, audio, video and PDF parts are left out
 * (their count is kept as the metadata {@code dropped_contents}). Custom messages are left out.
 *
 * <p>Thread-safe. The logger's exceptions propagate; LangChain4j catches a listener's exceptions and
 * logs them, so a failing log never breaks the application's call. The listener does not close the
 * logger.
 */
public final class TrainingDataListener implements ChatModelListener {
  /** The attribute, in the listener context, that holds the request's start time. */
  static final String STARTED = TrainingDataListener.class.getName() + ".started";

  private final TrainingDataLogger logger;
  private final String callType;
  private final LongSupplier nanoTime;

  /** A listener whose calls have the call type {@code chat}. */
  public TrainingDataListener(TrainingDataLogger logger) {
    this(logger, "chat");
  }

  public TrainingDataListener(TrainingDataLogger logger, String callType) {
    this(logger, callType, System::nanoTime);
  }

  /** As {@link #TrainingDataListener(TrainingDataLogger, String)} with the clock of the latency (tests). */
  public TrainingDataListener(TrainingDataLogger logger, String callType, LongSupplier nanoTime) {
    this.logger = requireNonNull(logger, "logger is null");
    this.callType = requireNonNull(callType, "callType is null; name what the calls do, e.g. \"support_chat\"");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null. Use System::nanoTime");
  }

  @Override
  public void onRequest(ChatModelRequestContext context) {
    context.attributes().put(STARTED, nanoTime.getAsLong());
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    ChatRequest request = context.chatRequest();
    ChatResponse response = context.chatResponse();
    Map<String, Object> metadata = metadata(request, context.modelProvider());
    LlmCall.Builder call = request(request, metadata);
    AiMessage ai = response.aiMessage();
    if (ai != null) {
      call.response(ai.text()).toolCalls(toolCalls(ai.toolExecutionRequests()));
    }
    if (response.id() != null) {
      metadata.put("response_id", response.id());
    }
    call.usage(usage(response.tokenUsage()))
        .model(response.modelName() != null ? response.modelName() : request.modelName())
        .latency(latency(context.attributes()))
        .finishReason(finishReason(response.finishReason()))
        .metadata(metadata);
    logger.log(call.build());
  }

  @Override
  public void onError(ChatModelErrorContext context) {
    ChatRequest request = context.chatRequest();
    Map<String, Object> metadata = metadata(request, context.modelProvider());
    logger.log(request(request, metadata).model(request.modelName()).latency(latency(context.attributes()))
        .error(CallError.of(context.error())).metadata(metadata).build());
  }

  private LlmCall.Builder request(ChatRequest request, Map<String, Object> metadata) {
    List<Message> messages = new ArrayList<>();
    int dropped = 0;
    for (ChatMessage m : request.messages()) {
      if (m instanceof SystemMessage s) {
        messages.add(Message.system(s.text()));
      } else if (m instanceof UserMessage u) {
        StringBuilder text = new StringBuilder();
        for (Content c : u.contents()) {
          if (c instanceof TextContent t) {
            text.append(text.length() == 0 ? "" : "\n").append(t.text());
          } else {
            dropped++;
          }
        }
        messages.add(Message.user(text.toString()));
      } else if (m instanceof AiMessage a) {
        List<ToolCall> calls = toolCalls(a.toolExecutionRequests());
        messages.add(calls.isEmpty() ? Message.assistant(a.text() == null ? "" : a.text())
            : Message.assistant(a.text(), calls));
      } else if (m instanceof ToolExecutionResultMessage r) {
        messages.add(Message.tool(r.id() == null ? "" : r.id(), r.text() == null ? "" : r.text()));
      } else {
        dropped++;
      }
    }
    if (dropped > 0) {
      metadata.put("dropped_contents", dropped);
    }
    return LlmCall.builder(callType).messages(messages).tools(tools(request.toolSpecifications()));
  }

  private static Map<String, Object> metadata(ChatRequest request, Object provider) {
    Map<String, Object> metadata = new TreeMap<>();
    if (provider != null) {
      metadata.put("provider", provider.toString().toLowerCase(Locale.ROOT));
    }
    if (request.temperature() != null) {
      metadata.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      metadata.put("top_p", request.topP());
    }
    if (request.maxOutputTokens() != null) {
      metadata.put("max_output_tokens", request.maxOutputTokens());
    }
    return metadata;
  }

  private static List<ToolCall> toolCalls(List<ToolExecutionRequest> requests) {
    if (requests == null || requests.isEmpty()) {
      return List.of();
    }
    List<ToolCall> out = new ArrayList<>(requests.size());
    for (ToolExecutionRequest r : requests) {
      out.add(ToolCall.of(r.id(), r.name(), r.arguments()));
    }
    return out;
  }

  private static List<ToolDefinition> tools(List<ToolSpecification> specs) {
    if (specs == null || specs.isEmpty()) {
      return List.of();
    }
    List<ToolDefinition> out = new ArrayList<>(specs.size());
    for (ToolSpecification s : specs) {
      out.add(ToolDefinition.of(s.name(), s.description(), JsonSchemas.parameters(s)));
    }
    return out;
  }

  private static Usage usage(TokenUsage u) {
    if (u == null) {
      return null;
    }
    return new Usage(toLong(u.inputTokenCount()), toLong(u.outputTokenCount()), toLong(u.totalTokenCount()));
  }

  private static Long toLong(Integer i) {
    return i == null || i < 0 ? null : i.longValue();
  }

  private Duration latency(Map<Object, Object> attributes) {
    Object started = attributes.get(STARTED);
    if (!(started instanceof Long s)) {
      return null;
    }
    return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - s));
  }

  /** LangChain4j's finish reason in OpenAI's words, which tracemill's readers know. */
  static String finishReason(FinishReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason.name()) {
      case "STOP" -> "stop";
      case "LENGTH" -> "length";
      case "TOOL_EXECUTION" -> "tool_calls";
      case "CONTENT_FILTER" -> "content_filter";
      default -> reason.name().toLowerCase(Locale.ROOT);
    };
  }

  @Override
  public String toString() {
    return "TrainingDataListener[" + callType + " -> " + logger + "]";
  }
}
