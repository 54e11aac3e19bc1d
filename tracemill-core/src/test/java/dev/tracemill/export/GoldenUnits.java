package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Feedback;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.model.UserMsg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-built input units of the exporter golden tests, one case per behaviour. The units files
 * under {@code golden/export/units/} are these units in {@code ModelJson} form.
 */
final class GoldenUnits {
  private GoldenUnits() {}

  static final ToolDef WEATHER = new ToolDef("get_weather", "Current weather for a city.", Json.tryParse(
      "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
          + "\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name\"},"
          + "\"unit\":{\"type\":[\"string\",\"null\"],\"enum\":[\"c\",\"f\"]}},"
          + "\"required\":[\"city\"],\"additionalProperties\":false}"));
  static final ToolDef SEARCH = new ToolDef("search_docs", null, Json.tryParse(
      "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},"
          + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"exclusiveMaximum\":50}}}"));

  static Map<String, List<Unit>> cases() {
    Map<String, List<Unit>> c = new LinkedHashMap<>();
    c.put("qa_with_system", List.of(unit("qa1", UnitType.QA, Outcome.SUCCESS, List.of(),
        sys("You are a concise assistant."), user("What is the capital of France?"), asst("Paris."))));
    c.put("qa_without_system", List.of(unit("qa2", UnitType.QA, Outcome.UNKNOWN, List.of(),
        user("Say hello."), asst("Hello!"))));
    c.put("multi_turn_thread", List.of(unit("thread1", UnitType.THREAD, Outcome.SUCCESS, List.of(),
        sys("You help with arithmetic."), user("What is 2+2?"), asst("4."),
        new ErrorEvent("rate limited", "429", meta()), user("And times 3?"), asst("12."),
        new Feedback(1.0, true, null, meta()))));
    c.put("single_tool_call", List.of(unit("traj1", UnitType.TRAJECTORY, Outcome.SUCCESS, List.of(WEATHER),
        sys("You report the weather."), user("Weather in Oslo?"), asst(""),
        call("call_1", "get_weather", "{\"city\":\"Oslo\"}"),
        result("call_1", "get_weather", "{\"temp_c\":4,\"sky\":\"rain\"}", false),
        asst("It is 4 °C and raining in Oslo."))));
    c.put("parallel_tool_calls", List.of(unit("traj2", UnitType.TRAJECTORY, Outcome.SUCCESS,
        List.of(WEATHER), user("Weather in Tokyo and Paris?"), asst("Let me check both."),
        call("call_a", "get_weather", "{\"city\":\"Tokyo\"}"),
        call("call_b", "get_weather", "{\"city\":\"Paris\"}"),
        result("call_b", null, "15 C, cloudy", false),
        result("call_a", null, "{\"temp_c\":21}", false),
        asst("Tokyo is 21 °C; Paris is 15 °C and cloudy."))));
    c.put("tool_error_then_retry", List.of(unit("traj3", UnitType.TRAJECTORY, Outcome.SUCCESS,
        List.of(SEARCH), user("Find the install guide."), asst(""),
        call("c1", "search_docs", "{\"query\":\"install\",\"limit\":0}"),
        result("c1", "search_docs", "limit must be >= 1", true), asst(""),
        call("c2", "search_docs", "{\"query\":\"install\",\"limit\":5}"),
        result("c2", "search_docs", "[\"docs/install.md\"]", false),
        asst("See docs/install.md."))));
    c.put("reasoning", List.of(unit("reason1", UnitType.QA, Outcome.SUCCESS, List.of(),
        user("Is 91 prime?"), new AssistantMsg("No: 91 = 7 × 13.", "Try small primes: 7 × 13 = 91.", meta()))));
    c.put("unparseable_tool_arguments", List.of(unit("bad1", UnitType.TRAJECTORY, Outcome.SUCCESS,
        List.of(WEATHER), user("Weather?"), asst(""), call("x1", "get_weather", "{\"city\": Oslo"),
        result("x1", "get_weather", "error: bad arguments", true), asst("Which city?"))));
    c.put("non_object_arguments", List.of(
        unit("bad2", UnitType.TRAJECTORY, Outcome.SUCCESS, List.of(WEATHER), user("Weather?"), asst(""),
            call("y1", "get_weather", "[\"Oslo\"]"), result("y1", "get_weather", "4 C", false),
            asst("4 °C.")),
        unit("bad3", UnitType.TRAJECTORY, Outcome.SUCCESS, List.of(WEATHER), user("Weather?"), asst(""),
            call("y2", "get_weather", "\"Oslo\""), result("y2", "get_weather", "4 C", false),
            asst("4 °C."))));
    c.put("consecutive_user_messages", List.of(unit("thread2", UnitType.THREAD, Outcome.SUCCESS, List.of(),
        user("I have a question."), user("How many legs does a spider have?"), asst("Eight."))));
    c.put("system_mid_conversation", List.of(unit("thread3", UnitType.THREAD, Outcome.SUCCESS, List.of(),
        user("Hi."), asst("Hello."), sys("From now on answer in French."), user("Thanks!"),
        asst("De rien."))));
    c.put("failed_outcome", List.of(unit("fail1", UnitType.QA, Outcome.FAILURE, List.of(),
        user("Summarise this."), asst("I cannot."))));
    c.put("failed_outcome_thread", List.of(unit("fail2", UnitType.THREAD, Outcome.FAILURE, List.of(),
        user("What is 2 + 2?"), asst("4."), user("And 3 + 3?"), asst("Error: rate limited."))));
    c.put("unicode_emoji", List.of(unit("uni1", UnitType.QA, Outcome.SUCCESS, List.of(),
        sys("Réponds en français 🇫🇷."), user("Quelle est la capitale du Japon ? 🗾 \"東京\"?"),
        asst("Tokyo (東京) 🗼 — «capitale»."))));
    return c;
  }


  private static EventMeta meta() {
    return EventMeta.of(new SourceRef("golden.jsonl", 1));
  }

  private static Unit unit(String id, UnitType type, Outcome outcome, List<ToolDef> tools, Event... events) {
    return new Unit(id, type, List.of(events), tools, outcome, new SourceRef("golden.jsonl", 1), null,
        null, Map.of());
  }

  private static SystemMsg sys(String text) {
    return new SystemMsg(text, meta());
  }

  private static UserMsg user(String text) {
    return new UserMsg(text, meta());
  }

  private static AssistantMsg asst(String text) {
    return new AssistantMsg(text, null, meta());
  }

  private static ToolCall call(String id, String name, String raw) {
    JsonNode parsed = Json.tryParse(raw);
    return new ToolCall(id, name, parsed, raw, meta());
  }

  private static ToolResult result(String callId, String name, String content, boolean error) {
    return new ToolResult(callId, name, content, error, meta());
  }

}
