package dev.tracemill.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.bench.LogCall.ApiError;
import dev.tracemill.bench.LogCall.Kind;
import dev.tracemill.bench.LogCall.Msg;
import dev.tracemill.bench.LogCall.ToolCallSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invents episodes: a single call, a multi-turn chat logged call by call, an agent run, a repeated question,
 * a failed call or a call whose line will be cut short. Episodes are drawn so that the share of
 * <em>lines</em> (not of episodes) follows {@link #LINE_SHARES}; an episode holds at most a handful of calls,
 * so memory does not grow with the output size.
 */
final class Scenarios {
  /** Target share of lines per kind, in percent; QA takes the 0.9 left over. */
  static final Map<Kind, Double> LINE_SHARES = Map.of(
      Kind.QA, 45.9, Kind.CHAT, 30.0, Kind.AGENT, 20.0, Kind.DUPLICATE, 3.0, Kind.FAILED, 1.0,
      Kind.MALFORMED, 0.1);
  /** Average calls per episode, used to turn line shares into episode odds (measured; README gives the mix). */
  private static final Map<Kind, Double> MEAN_CALLS = Map.of(
      Kind.QA, 1.0, Kind.CHAT, 4.5, Kind.AGENT, 3.6, Kind.DUPLICATE, 1.0, Kind.FAILED, 1.0,
      Kind.MALFORMED, 1.0);
  private static final Kind[] ORDER = Kind.values();
  /** 2026-02-01T00:00:00Z, so timestamps look current and never depend on the wall clock. */
  private static final long START_MICROS = 1_769_904_000L * 1_000_000L;
  private static final int REMEMBERED_QUESTIONS = 512;
  private static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4o-mini", "gpt-4o", "gpt-4.1-mini",
      "gpt-4.1");
  private static final List<String> QA_CALL_TYPES = List.of("answer", "answer", "answer", "rule_synthesis",
      "rule_patch", "guide_refinement", "trigger_decision", "synthetic_generation");

  private final Corpus corpus;
  private final ObjectMapper mapper;
  private final double[] cumulativeEpisodeOdds = new double[ORDER.length];
  private final ArrayDeque<LogCall> recentQuestions = new ArrayDeque<>();
  private long clockMicros = START_MICROS;

  Scenarios(Corpus corpus, ObjectMapper mapper) {
    this.corpus = corpus;
    this.mapper = mapper;
    double total = 0;
    for (int i = 0; i < ORDER.length; i++) {
      total += LINE_SHARES.get(ORDER[i]) / MEAN_CALLS.get(ORDER[i]);
      cumulativeEpisodeOdds[i] = total;
    }
    for (int i = 0; i < ORDER.length; i++) {
      cumulativeEpisodeOdds[i] /= total;
    }
  }

  /** The dated snapshot the API reports in {@code response.model} for a requested model alias. */
  static String snapshot(String model) {
    return switch (model) {
      case "gpt-4o-mini" -> "gpt-4o-mini-2024-07-18";
      case "gpt-4o" -> "gpt-4o-2024-08-06";
      case "gpt-4.1-mini" -> "gpt-4.1-mini-2025-04-14";
      case "gpt-4.1" -> "gpt-4.1-2025-04-14";
      default -> model;
    };
  }

  /** The calls of the next episode, in log order. */
  List<LogCall> nextEpisode() {
    double draw = corpus.random().nextDouble();
    Kind kind = ORDER[ORDER.length - 1];
    for (int i = 0; i < ORDER.length; i++) {
      if (draw < cumulativeEpisodeOdds[i]) {
        kind = ORDER[i];
        break;
      }
    }
    return switch (kind) {
      case QA -> List.of(question(Kind.QA));
      case CHAT -> chat();
      case AGENT -> agent();
      case DUPLICATE -> List.of(duplicate());
      case FAILED -> List.of(failed());
      case MALFORMED -> List.of(question(Kind.MALFORMED));
    };
  }

  private LogCall question(Kind kind) {
    Domain d = corpus.pick(List.of(Domain.values()));
    List<Msg> messages = opening(d);
    String session = corpus.chance(0.3) ? sessionId() : null;
    LogCall call = answered(kind, d, corpus.pick(MODELS), messages, List.of(), temperature(), session,
        corpus.pick(QA_CALL_TYPES), userId());
    if (kind == Kind.QA) {
      remember(call);
    }
    return call;
  }

  private List<LogCall> chat() {
    Domain d = corpus.pick(List.of(Domain.values()));
    String model = corpus.pick(MODELS);
    Double temperature = temperature();
    String session = sessionId();
    String user = userId();
    List<Msg> history = opening(d);
    int turns = corpus.between(2, 7);
    List<LogCall> calls = new ArrayList<>(turns);
    for (int t = 0; t < turns; t++) {
      LogCall call = answered(Kind.CHAT, d, model, history, List.of(), temperature, session, "chat_turn", user);
      calls.add(call);
      history = new ArrayList<>(history);
      history.add(call.response());
      history.add(user(corpus.followUp(d)));
      clockMicros += corpus.between(5, 300) * 1_000_000L;
    }
    return calls;
  }

  private List<LogCall> agent() {
    Domain d = corpus.pick(List.of(Domain.values()));
    String model = corpus.pick(List.of("gpt-4o", "gpt-4.1", "gpt-4.1-mini"));
    String session = sessionId();
    String user = userId();
    List<ToolSpec> tools = new ArrayList<>(d.tools);
    while (tools.size() > 2 && corpus.chance(0.3)) {
      tools.remove(corpus.random().nextInt(tools.size()));
    }
    List<Msg> history = new ArrayList<>();
    history.add(Msg.of("system", corpus.pick(d.systemPrompts)));
    history.add(user(corpus.agentTask(d)));
    List<LogCall> calls = new ArrayList<>();
    int rounds = corpus.between(1, 4);
    int retries = 0;
    List<ToolCallSpec> failed = List.of();
    for (int r = 0; r < rounds; r++) {
      List<ToolCallSpec> toolCalls = new ArrayList<>();
      if (!failed.isEmpty()) {
        for (ToolCallSpec f : failed) {
          toolCalls.add(toolCall(d, spec(tools, f.name())));
        }
      } else {
        int parallel = corpus.chance(0.3) ? corpus.between(2, 3) : 1;
        for (int i = 0; i < parallel; i++) {
          toolCalls.add(toolCall(d, corpus.pick(tools)));
        }
      }
      String preface = corpus.chance(0.2) ? corpus.pick(List.of("Let me check that.",
          "I'll look this up first.", "Retrying with corrected arguments.", "Checking both in parallel.")) : null;
      Msg step = new Msg("assistant", preface, toolCalls, null, false);
      calls.add(call(Kind.AGENT, d, model, history, tools, null, step, "tool_calls", session, "agent_step", user));
      history = new ArrayList<>(history);
      history.add(step);
      List<ToolCallSpec> nowFailed = new ArrayList<>();
      for (ToolCallSpec tc : toolCalls) {
        boolean error = corpus.chance(0.12);
        if (error) {
          nowFailed.add(tc);
        }
        String content = error ? toolError() : toolResult(d, spec(tools, tc.name()));
        history.add(new Msg("tool", content, List.of(), tc.id(), false));
      }
      failed = nowFailed;
      if (!failed.isEmpty() && r == rounds - 1 && retries < 2) {
        rounds++;
        retries++;
      }
    }
    calls.add(answered(Kind.AGENT, d, model, history, tools, null, session, "agent_step", user));
    return calls;
  }

  private LogCall duplicate() {
    if (recentQuestions.isEmpty()) {
      return question(Kind.QA);
    }
    int index = corpus.random().nextInt(recentQuestions.size());
    LogCall earlier = recentQuestions.stream().skip(index).findFirst().orElseThrow();
    return call(Kind.DUPLICATE, earlier.domain(), earlier.model(), earlier.messages(), earlier.tools(),
        earlier.temperature(), earlier.response(), earlier.finishReason(),
        earlier.sessionId() == null ? null : sessionId(),
        earlier.callType(), userId());
  }

  private LogCall failed() {
    Domain d = corpus.pick(List.of(Domain.values()));
    String model = corpus.pick(MODELS);
    ApiError error = switch (corpus.random().nextInt(4)) {
      case 0 -> new ApiError("Rate limit reached for " + model + " in organization org-" + corpus.id("", 24)
          + " on tokens per min (TPM): Limit 200000, Used 199412, Requested " + corpus.between(600, 9000)
          + ". Please try again in " + corpus.between(1, 9) + "." + corpus.between(0, 9) + "s.", "tokens",
          "rate_limit_exceeded", 429);
      case 1 -> new ApiError("The server had an error while processing your request. Sorry about that!",
          "server_error", null, 500);
      case 2 -> new ApiError("This model's maximum context length is 128000 tokens. However, your messages"
          + " resulted in " + corpus.between(128001, 190000) + " tokens. Please reduce the length of the"
          + " messages.", "invalid_request_error", "context_length_exceeded", 400);
      default -> new ApiError("The engine is currently overloaded, please try again later.", "server_error",
          null, 503);
    };
    clockMicros += corpus.between(1, 90) * 1_000_000L + corpus.random().nextInt(1_000_000);
    Map<String, Object> meta = metadata(d, userId(), corpus.between(80, 30_000));
    meta.put("status", (long) error.httpStatus());
    return new LogCall(Kind.FAILED, d, model, opening(d), List.of(), temperature(), null, null, error, null,
        "answer", corpus.id("chatcmpl-", 29), clockMicros, meta);
  }

  private List<Msg> opening(Domain d) {
    List<Msg> messages = new ArrayList<>(2);
    if (corpus.chance(0.85)) {
      messages.add(Msg.of("system", corpus.systemPrompt(d)));
    }
    messages.add(user(corpus.question(d)));
    return messages;
  }

  private Msg user(String text) {
    return new Msg("user", text, List.of(), null, corpus.chance(0.03));
  }

  private LogCall answered(Kind kind, Domain d, String model, List<Msg> messages, List<ToolSpec> tools,
      Double temperature, String session, String callType, String user) {
    String text = corpus.answer(d);
    String finish = "stop";
    if (text.length() > 400 && corpus.chance(0.05)) {
      text = text.substring(0, corpus.between(200, text.length() - 1)).strip();
      finish = "length";
    }
    return call(kind, d, model, messages, tools, temperature, Msg.of("assistant", text), finish, session,
        callType, user);
  }

  private LogCall call(Kind kind, Domain d, String model, List<Msg> messages, List<ToolSpec> tools,
      Double temperature, Msg response, String finish, String session, String callType, String user) {
    int latencyMs = corpus.between(300, 2_000) + (response.content() == null ? 0
        : response.content().length() * corpus.between(2, 8));
    clockMicros += corpus.between(1, 90) * 1_000_000L + latencyMs * 1_000L + corpus.random().nextInt(1_000);
    return new LogCall(kind, d, model, messages, tools, temperature, response, finish, null, session,
        callType, corpus.id("chatcmpl-", 29), clockMicros, metadata(d, user, latencyMs));
  }

  private Map<String, Object> metadata(Domain d, String user, int latencyMs) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("request_id", corpus.id("req_", 24));
    meta.put("user_id", user);
    meta.put("app", d.app);
    meta.put("env", corpus.chance(0.9) ? "prod" : "staging");
    meta.put("latency_ms", (long) latencyMs);
    return meta;
  }

  private ToolCallSpec toolCall(Domain d, ToolSpec spec) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (ToolSpec.Param p : spec.params()) {
      if (p.required() || corpus.chance(0.4)) {
        args.put(p.name(), corpus.value(d, p.kind()));
      }
    }
    return new ToolCallSpec(corpus.id("call_", 24), spec.name(), json(args));
  }

  private String toolResult(Domain d, ToolSpec spec) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (String field : spec.resultFields()) {
      int colon = field.indexOf(':');
      result.put(field.substring(0, colon), corpus.value(d, field.substring(colon + 1)));
    }
    return json(result);
  }

  private String toolError() {
    return switch (corpus.random().nextInt(4)) {
      case 0 -> "{\"error\":{\"type\":\"timeout\",\"message\":\"upstream did not answer within 10s\"}}";
      case 1 -> "{\"error\":{\"type\":\"invalid_argument\",\"message\":\"date must be YYYY-MM-DD\"}}";
      case 2 -> "{\"error\":{\"type\":\"not_found\",\"message\":\"no record with that id\"}}";
      default -> "Error: 503 Service Unavailable";
    };
  }

  private static ToolSpec spec(List<ToolSpec> tools, String name) {
    for (ToolSpec t : tools) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalStateException("tool not offered in this session: " + name);
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise generated tool JSON", e);
    }
  }

  private void remember(LogCall call) {
    recentQuestions.addLast(call);
    if (recentQuestions.size() > REMEMBERED_QUESTIONS) {
      recentQuestions.removeFirst();
    }
  }

  private Double temperature() {
    return corpus.chance(0.5) ? null : corpus.pick(List.of(0.0, 0.2, 0.7, 1.0));
  }

  private String sessionId() {
    return corpus.id("sess_", 16);
  }

  private String userId() {
    return "user_" + corpus.between(1000, 9999);
  }
}
