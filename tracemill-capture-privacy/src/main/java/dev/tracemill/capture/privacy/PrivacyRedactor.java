package dev.tracemill.capture.privacy;

import static java.util.Objects.requireNonNull;

import dev.tracemill.capture.CallError;
import dev.tracemill.capture.CaptureRedactor;
import dev.tracemill.capture.LlmCall;
import dev.tracemill.capture.Message;
import dev.tracemill.capture.ToolCall;
import dev.tracemill.capture.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.JsonRedactor;
import dev.tracemill.privacy.PiiKey;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.RedactionContext;
import dev.tracemill.privacy.RedactionPolicy;
import dev.tracemill.privacy.Redactor;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;
import dev.tracemill.privacy.ToolSchemaRedactor;
import dev.tracemill.privacy.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Redacts a call at capture time with the detectors and redactor of tracemill's privacy stage, so that
 * personal data and secrets never reach the log file. Register it on the logger:
 * {@code TrainingDataLogger.builder(path).redactor(PrivacyRedactor.defaults()).build()}.
 *
 * <p>What is scanned, as the privacy stage of {@code tracemill run} scans a unit: system messages
 * ({@code system_prompt}), user and assistant texts and the response ({@code message_text}), tool
 * results ({@code tool_result}; as JSON when they parse, so they stay valid JSON), tool-call arguments
 * ({@code tool_arguments}, likewise), the error message, the string values of the call's metadata
 * ({@code metadata}), and the tools' descriptions and parameter schemas ({@code tool_definition}; the schema
 * stays valid JSON Schema of the same shape, tool names are kept). The logger's run metadata, set by the application once, is not scanned.
 *
 * <p>One {@link RedactionContext} per call: an entity gets the same surrogate everywhere in the call.
 * With a {@link PiiKey} it gets the same surrogate in every call (and in every {@code tracemill run}
 * with that key); without one each call is seeded from a random id, so surrogates of different calls
 * cannot be linked. The key is never written, logged or shown by {@link #toString()}.
 *
 * <p>A call that the policy says to drop (one holding a private key) is still written, with the key
 * masked; {@link #counts()} says how many entities of each type were replaced. Thread-safe.
 */
public final class PrivacyRedactor implements CaptureRedactor {
  private final List<Detector> detectors;
  private final Redactor redactor;
  private final JsonRedactor json;
  private final ToolSchemaRedactor schemas;
  private final byte[] key;
  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  /**
   * @param detectors the detectors to run, e.g. {@code DetectorSet.defaults(PrivacyOptions.defaults())}
   * @param policy how each entity type is replaced
   * @param key the corpus key for surrogates consistent across calls, or null for none
   */
  public PrivacyRedactor(DetectorSet detectors, RedactionPolicy policy, PiiKey key) {
    requireNonNull(detectors, "detectors is null. Use DetectorSet.defaults(PrivacyOptions.defaults())");
    this.detectors = detectors.detectors();
    this.redactor = new Redactor(requireNonNull(policy, "policy is null. Use RedactionPolicy.defaults()"));
    this.json = new JsonRedactor(detectors, redactor);
    this.schemas = new ToolSchemaRedactor(detectors, redactor);
    this.key = key == null ? null : key.bytes();
  }

  /** The built-in detectors (region US), realistic surrogates, no corpus key. */
  public static PrivacyRedactor defaults() {
    return new PrivacyRedactor(DetectorSet.defaults(PrivacyOptions.defaults()), RedactionPolicy.defaults(), null);
  }

  @Override
  public LlmCall redact(LlmCall call) {
    String unit = "capture/" + UUID.randomUUID();
    RedactionContext ctx = key == null ? RedactionContext.forUnit(unit) : RedactionContext.forUnit(unit, key);
    List<Message> messages = new ArrayList<>(call.messages().size());
    for (Message m : call.messages()) {
      messages.add(message(m, ctx));
    }
    String response = call.response() == null ? null : text(call.response(), Where.MESSAGE_TEXT, ctx);
    List<ToolCall> toolCalls = toolCalls(call.toolCalls(), ctx);
    CallError error = call.error() == null ? null
        : call.error().withMessage(text(call.error().message(), Where.MESSAGE_TEXT, ctx));
    Map<String, Object> metadata = new TreeMap<>();
    call.metadata().forEach((k, v) -> metadata.put(k, value(v, ctx, 0)));
    ctx.counts().forEach((type, n) -> counts.computeIfAbsent(type, t -> new LongAdder()).add(n));
    return LlmCall.builder(call.callType()).messages(messages).response(response).toolCalls(toolCalls)
        .tools(tools(call.tools(), ctx)).usage(call.usage()).model(call.model()).latency(call.latency())
        .finishReason(call.finishReason()).error(error).metadata(metadata).build();
  }

  /** Entities replaced so far, per entity type ({@code EMAIL}, {@code PERSON}, ...). */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private Message message(Message m, RedactionContext ctx) {
    Message out = m;
    if (m.content() != null) {
      String content = switch (m.role()) {
        case "system", "developer" -> text(m.content(), Where.SYSTEM_PROMPT, ctx);
        case "tool" -> jsonOrText(m.content(), Where.TOOL_RESULT, ctx);
        default -> text(m.content(), Where.MESSAGE_TEXT, ctx);
      };
      out = out.withContent(content);
    }
    return m.toolCalls().isEmpty() ? out : out.withToolCalls(toolCalls(m.toolCalls(), ctx));
  }

  private List<ToolCall> toolCalls(List<ToolCall> calls, RedactionContext ctx) {
    if (calls.isEmpty()) {
      return calls;
    }
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (ToolCall c : calls) {
      out.add(ToolCall.of(c.id(), c.name(), jsonOrText(c.arguments(), Where.TOOL_ARGUMENTS, ctx)));
    }
    return out;
  }

  /**
   * Tool definitions as the privacy stage redacts them: the description as text, the parameter schema by
   * {@link ToolSchemaRedactor} (valid JSON Schema of the same shape); names are kept (calls refer to them).
   */
  private List<ToolDefinition> tools(List<ToolDefinition> tools, RedactionContext ctx) {
    if (tools.isEmpty()) {
      return tools;
    }
    List<ToolDefinition> out = new ArrayList<>(tools.size());
    for (ToolDefinition t : tools) {
      String description = t.description() == null ? null : text(t.description(), Where.TOOL_DEFINITION, ctx);
      JsonNode schema = Json.MAPPER.valueToTree(t.parameters());
      JsonNode redacted = schemas.redact(schema, ctx);
      @SuppressWarnings("unchecked")
      Map<String, Object> parameters = redacted == schema ? (Map<String, Object>) t.parameters()
          : Json.MAPPER.convertValue(redacted, Map.class);
      out.add(ToolDefinition.of(t.name(), description, parameters));
    }
    return out;
  }

  private Object value(Object v, RedactionContext ctx, int depth) {
    if (depth > 64) {
      return v;
    }
    if (v instanceof String s) {
      return text(s, Where.METADATA, ctx);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), value(x, ctx, depth + 1)));
      return out;
    }
    if (v instanceof Iterable<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(x -> out.add(value(x, ctx, depth + 1)));
      return out;
    }
    return v;
  }

  private String jsonOrText(String text, Where where, RedactionContext ctx) {
    String redacted = json.redactText(text, where, ctx);
    return redacted != null ? redacted : text(text, where, ctx);
  }

  private String text(String text, Where where, RedactionContext ctx) {
    if (text.isEmpty()) {
      return text;
    }
    ScanContext scan = new ScanContext(where, null);
    List<Span> spans = new ArrayList<>();
    for (Detector d : detectors) {
      spans.addAll(d.detect(text, scan));
    }
    return spans.isEmpty() ? text : redactor.redact(text, spans, ctx).text();
  }

  @Override
  public String toString() {
    return "PrivacyRedactor[" + detectors.size() + " detectors, " + redactor.policy().style()
        + (key == null ? ", no corpus key" : ", corpus key") + "]";
  }
}
