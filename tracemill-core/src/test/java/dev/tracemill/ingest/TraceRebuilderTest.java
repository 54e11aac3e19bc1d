package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.ingest.TraceRebuilder.Kind;
import dev.tracemill.ingest.TraceRebuilder.Span;
import dev.tracemill.ingest.TraceRebuilder.ToolRun;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceRebuilderTest {
  private static final EventMeta M = EventMeta.of(new SourceRef("t.jsonl", 1));
  private long order;

  private static SystemMsg sys(String t) {
    return new SystemMsg(t, M);
  }

  private static UserMsg user(String t) {
    return new UserMsg(t, M);
  }

  private static AssistantMsg says(String t) {
    return new AssistantMsg(t, null, M);
  }

  private static ToolCall call(String id, String name, String args) {
    return new ToolCall(id, name, Json.tryParse(args), args, M);
  }

  private static ToolResult result(String id, String content) {
    return new ToolResult(id, null, content, false, M);
  }

  private Span llm(String trace, String id, String parent, List<Event> in, List<Event> out) {
    long n = order++;
    return new Span(trace, id, parent, null, Kind.LLM, "chat", Instant.ofEpochSecond(1000 + n), n,
        new SourceRef("t.jsonl", n + 1), in, out, List.of(), null, null, null);
  }

  private Span tool(String trace, String id, String parent, ToolRun run) {
    long n = order++;
    return new Span(trace, id, parent, null, Kind.TOOL, "execute_tool", Instant.ofEpochSecond(1000 + n), n,
        new SourceRef("t.jsonl", n + 1), null, null, null, run, null, null);
  }

  private Span agent(String trace, String id, String parent, String name) {
    long n = order++;
    return new Span(trace, id, parent, null, Kind.AGENT, name, Instant.ofEpochSecond(1000 + n), n,
        new SourceRef("t.jsonl", n + 1), null, null, null, null, null, null);
  }

  private static List<Event> events(Call c) {
    List<Event> all = new ArrayList<>(c.prompt());
    all.addAll(c.choices().get(0));
    return all;
  }

  private static void accountsForEveryRecord(List<Span> spans, TraceRebuilder.Rebuilt r) {
    Set<SourceRef> records = new HashSet<>();
    spans.stream().filter(Span::isRecord).forEach(s -> records.add(s.source()));
    List<SourceRef> booked = new ArrayList<>(r.folded());
    r.calls().forEach(c -> booked.add(new SourceRef(c.source().file(), c.source().line())));
    assertThat(booked).doesNotHaveDuplicates();
    assertThat(new HashSet<>(booked)).isEqualTo(records);
  }

  @Test
  void turnsThatNestedSpansRepeatAreNotDuplicated() {
    List<Event> q = List.of(sys("be brief"), user("2+2?"));
    Span wrapper = llm("t", "a", null, q, List.of(says("4")));
    Span inner = llm("t", "b", "a", q, List.of(says("4")));
    Span next = llm("t", "c", null, List.of(sys("be brief"), user("2+2?"), says("4"), user("and 3+3?")),
        List.of(says("6")));
    List<Span> spans = List.of(wrapper, inner, next);
    TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(spans);
    assertThat(r.calls()).singleElement().satisfies(c -> {
      assertThat(events(c)).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM, Event.Kind.USER,
          Event.Kind.ASSISTANT, Event.Kind.USER, Event.Kind.ASSISTANT);
      assertThat(c.source().line()).isEqualTo(3);
    });
    accountsForEveryRecord(spans, r);
  }

  @Test
  void parallelCallsWithoutIdsAreAnsweredByOrderAndName() {
    Span plan = llm("t", "a", null, List.of(user("weather in Paris and Rome?")), List.of(says(""),
        call("call_1", "weather", "{\"city\":\"Paris\"}"), call("call_2", "weather", "{\"city\":\"Rome\"}"),
        call("call_3", "clock", "{}")));
    Span t1 = tool("t", "b", null, new ToolRun(null, "clock", null, "12:00", false));
    Span t2 = tool("t", "c", null, new ToolRun(null, "weather", null, "rain", false));
    Span t3 = tool("t", "d", null, new ToolRun(null, "weather", null, "sun", false));
    // The model's next call carries only the question: the tool spans give the results.
    Span answer = llm("t", "e", null, List.of(user("weather in Paris and Rome?")), List.of(says("rain; sun")));
    List<Span> spans = List.of(plan, t1, t2, t3, answer);
    TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(spans);
    // The answer does not extend the plan's trajectory (it lacks the calls): it starts another.
    assertThat(r.calls()).hasSize(2);
    accountsForEveryRecord(spans, r);


    Span answer2 = llm("t", "e", null, List.of(user("weather in Paris and Rome?"), says(""),
        call("x1", "weather", "{\"city\":\"Paris\"}"), call("x2", "weather", "{\"city\":\"Rome\"}"),
        call("x3", "clock", "{}")), List.of(says("rain; sun")));
    r = new TraceRebuilder().rebuild(List.of(plan, t1, t2, t3, answer2));
    assertThat(r.calls()).singleElement().satisfies(c -> {
      List<Event> ev = events(c);
      assertThat(ev).extracting(Event::kind).containsExactly(Event.Kind.USER, Event.Kind.ASSISTANT,
          Event.Kind.TOOL_CALL, Event.Kind.TOOL_CALL, Event.Kind.TOOL_CALL, Event.Kind.TOOL_RESULT,
          Event.Kind.TOOL_RESULT, Event.Kind.TOOL_RESULT, Event.Kind.ASSISTANT);
      assertThat(ev.subList(5, 8)).extracting(e -> ((ToolResult) e).callId() + "=" + ((ToolResult) e).content())
          .containsExactly("call_3=12:00", "call_1=rain", "call_2=sun");
    });
  }

  @Test
  void theModelsOwnViewOfAResultWinsOverTheToolSpan() {
    Span plan = llm("t", "a", null, List.of(user("q")), List.of(says(""), call("k", "search", "{}")));
    Span run = tool("t", "b", null, new ToolRun("k", "search", "{}", "{\"hits\": 3}", false));
    Span answer = llm("t", "c", null, List.of(user("q"), says(""), call("k", "search", "{}"),
        result("k", "3 hits")), List.of(says("three")));
    TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(List.of(plan, run, answer));
    assertThat(r.calls()).singleElement().satisfies(c -> assertThat(c.prompt())
        .filteredOn(e -> e instanceof ToolResult).singleElement()
        .satisfies(e -> assertThat(((ToolResult) e).content()).isEqualTo("3 hits")));
  }

  @Test
  void aRetriedToolAfterAnErrorKeepsBothAttemptsEvenWithAReusedId() {
    Span first = llm("t", "a", null, List.of(user("book it")), List.of(says(""), call("1", "book", "{\"d\":1}")));
    Span failed = tool("t", "b", null, new ToolRun("1", "book", null, "timeout", true));
    Span second = llm("t", "c", null, List.of(user("book it"), says(""), call("1", "book", "{\"d\":1}"),
        new ToolResult("1", "book", "timeout", true, M)), List.of(says(""), call("1", "book", "{\"d\":1}")));
    Span ok = tool("t", "d", null, new ToolRun("1", "book", null, "booked", false));
    Span done = llm("t", "e", null, List.of(user("book it"), says(""), call("1", "book", "{\"d\":1}"),
        new ToolResult("1", "book", "timeout", true, M), says(""), call("1", "book", "{\"d\":1}")),
        List.of(says("booked")));
    List<Span> spans = List.of(first, failed, second, ok, done);
    TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(spans);
    assertThat(r.calls()).singleElement().satisfies(c -> {
      List<Event> ev = events(c);
      assertThat(ev).filteredOn(e -> e instanceof ToolResult).extracting(e -> ((ToolResult) e).content())
          .containsExactly("timeout", "booked");
      assertThat(ev).filteredOn(e -> e instanceof ToolCall).hasSize(2);
      assertThat(((AssistantMsg) c.choices().get(0).get(0)).text()).isEqualTo("booked");
    });
    accountsForEveryRecord(spans, r);
  }

  @Test
  void aSubAgentBecomesACallOfItsOwn() {
    Span main = agent("t", "root", null, "planner");
    Span plan = llm("t", "a", "root", List.of(sys("plan"), user("trip to Rome")),
        List.of(says(""), call("c1", "research", "{\"topic\":\"Rome\"}")));
    Span sub = agent("t", "sub", "a2", "researcher");
    Span delegate = tool("t", "a2", "root", new ToolRun("c1", "research", null, "Rome: museums", false));
    Span subLlm = llm("t", "s1", "sub", List.of(sys("research"), user("Rome")), List.of(says("Rome: museums")));
    Span fin = llm("t", "b", "root", List.of(sys("plan"), user("trip to Rome"), says(""),
        call("c1", "research", "{\"topic\":\"Rome\"}"), result("c1", "Rome: museums")), List.of(says("Go!")));
    List<Span> spans = new ArrayList<>(List.of(main, plan, sub, delegate, subLlm, fin));
    Collections.shuffle(spans, new Random(7));
    TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(spans);
    assertThat(r.calls()).extracting(Call::callType).containsExactlyInAnyOrder("planner", "researcher");
    assertThat(r.calls()).filteredOn(c -> "planner".equals(c.callType())).singleElement()
        .satisfies(c -> assertThat(events(c)).hasSize(6));
    accountsForEveryRecord(spans, r);
  }

  @Test
  void laterTracesOfASessionThatLogOnlyTheNewTurnContinueTheConversation() {
    Span t1 = withSession(llm("t1", "a", null, List.of(sys("helpful"), user("hi")), List.of(says("hello"))));
    Span t2 = withSession(llm("t2", "b", null, List.of(user("how are you?")), List.of(says("fine"))));
    Span other = llm("t3", "c", null, List.of(user("unrelated")), List.of(says("ok")));
    TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(List.of(t1, t2, other));
    assertThat(r.calls()).hasSize(2);
    assertThat(events(r.calls().get(0))).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM,
        Event.Kind.USER, Event.Kind.ASSISTANT, Event.Kind.USER, Event.Kind.ASSISTANT);
    assertThat(r.calls().get(0).session()).isEqualTo("s1");
  }

  private static Span withSession(Span s) {
    return new Span(s.trace(), s.id(), s.parent(), "s1", s.kind(), s.callType(), s.start(), s.order(),
        s.source(), s.input(), s.output(), s.tools(), s.tool(), s.error(), s.metadata());
  }

  @Test
  void aFailedModelCallIsAFailureWithItsError() {
    Span s = new Span("t", "a", null, null, Kind.LLM, "chat", null, 0, new SourceRef("t.jsonl", 1),
        List.of(user("hi")), List.of(), List.of(), null, new ErrorEvent("rate limited", "429", M), null);
    TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(List.of(s));
    assertThat(r.calls()).singleElement().satisfies(c -> {
      assertThat(c.outcome()).isEqualTo(dev.tracemill.model.Outcome.FAILURE);
      assertThat(c.choices().get(0)).singleElement().isInstanceOf(ErrorEvent.class);
    });
  }

  @Test
  void callsFromOneLineGetDistinctParts() {
    TraceRebuilder rb = new TraceRebuilder();
    Span a = new Span("t1", "a", null, null, Kind.LLM, "chat", null, 0, new SourceRef("f", 1),
        List.of(user("x")), List.of(says("y")), null, null, null, null);
    Span b = new Span("t2", "b", null, null, Kind.LLM, "chat", null, 1, new SourceRef("f", 1),
        List.of(user("z")), List.of(says("w")), null, null, null, null);
    List<Call> calls = new ArrayList<>(rb.rebuild(List.of(a)).calls());
    calls.addAll(rb.rebuild(List.of(b)).calls());
    assertThat(calls).extracting(c -> c.source().part()).containsExactly(0, 1);
  }

  @Test
  void shuffledInputGivesTheSameTrajectories() {
    List<Span> spans = new ArrayList<>();
    List<Event> history = new ArrayList<>(List.of(sys("s"), user("u0")));
    for (int i = 0; i < 6; i++) {
      List<Event> out = List.of(says(""), call("c" + i, "f", "{\"i\":" + i + "}"));
      spans.add(llm("t", "l" + i, null, history, out));
      spans.add(tool("t", "x" + i, null, new ToolRun("c" + i, "f", null, "r" + i, i % 2 == 0)));
      history = new ArrayList<>(history);
      history.addAll(out);
    }
    spans.add(llm("t", "last", null, history, List.of(says("done"))));
    String expected = render(new TraceRebuilder().rebuild(spans));
    for (int seed = 0; seed < 5; seed++) {
      List<Span> shuffled = new ArrayList<>(spans);
      Collections.shuffle(shuffled, new Random(seed));
      TraceRebuilder.Rebuilt r = new TraceRebuilder().rebuild(shuffled);
      assertThat(render(r)).isEqualTo(expected);
      accountsForEveryRecord(shuffled, r);
    }
    assertThat(expected).contains("r0").contains("r5").contains("done");
  }

  private static String render(TraceRebuilder.Rebuilt r) {
    StringBuilder b = new StringBuilder();
    r.calls().forEach(c -> b.append(Json.write(dev.tracemill.model.ModelJson.call(c))).append('\n'));
    b.append(r.folded());
    return b.toString();
  }
}
