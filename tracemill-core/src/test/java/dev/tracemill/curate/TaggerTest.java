package dev.tracemill.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Feedback;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.model.Usage;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaggerTest {
  static final EventMeta META = EventMeta.of(new SourceRef("t.jsonl", 1));
  private static final Tagger DEFAULT = new Tagger(TagConfig.DEFAULTS);

  static Unit unit(UnitType type, String callType, Map<String, String> tags, List<ToolDef> tools, Event... events) {
    return new Unit("u1", type, List.of(events), tools, Outcome.UNKNOWN, new SourceRef("t.jsonl", 1), callType,
        "alice@example.com", tags);
  }

  static Unit qa(String question, String answer) {
    return unit(UnitType.QA, null, Map.of(), List.of(), new UserMsg(question, META),
        new AssistantMsg(answer, null, META));
  }

  static ToolCall call(String id, String name, String args) {
    return new ToolCall(id, name, Json.tryParse(args), args, META);
  }

  static ToolResult result(String id, String content, boolean error) {
    return new ToolResult(id, null, content, error, META);
  }

  static TagConfig config(String yaml) throws Exception {
    return TagConfig.parse(new YAMLMapper().readTree(yaml));
  }

  @Test
  void withoutRulesTheTaskIsTheCallTypeElseTheUnitsShape() {
    assertThat(DEFAULT.tag(qa("What is the capital of France?", "Paris.")).task()).isEqualTo("qa");
    Unit typed = unit(UnitType.QA, "Summarise_Ticket", Map.of(), List.of(), new UserMsg("x", META),
        new AssistantMsg("y", null, META));
    assertThat(DEFAULT.tag(typed).task()).isEqualTo("summarise_ticket");
    Unit agent = unit(UnitType.TRAJECTORY, null, Map.of(), List.of(), new UserMsg("weather?", META),
        new AssistantMsg("", null, META), call("c1", "get_weather", "{}"), result("c1", "sunny", false),
        new AssistantMsg("Sunny.", null, META));
    assertThat(DEFAULT.tag(agent).task()).isEqualTo("tool_use");
    assertThat(DEFAULT.tag(qa("hi", "hello")).domain()).isEqualTo("general");
  }

  @Test
  void theFirstMatchingRuleWinsAndKeywordsMatchWholeWordsInAnyCase() throws Exception {
    Tagger tagger = new Tagger(config("""
        task:
          - {value: coding, text: "```"}
          - {value: billing_support, keywords: [invoice, "credit note"]}
        domain:
          - {value: finance, keywords: [refund, "credit   note"]}
          - {value: travel, tools: "book_.*"}
        language: false
        """));
    Unit u = qa("I need a CREDIT\nnote for my last Invoice, please.", "Sure, I have raised it.");
    assertThat(tagger.tag(u).task()).isEqualTo("billing_support");
    assertThat(tagger.tag(u).domain()).isEqualTo("finance");
    assertThat(tagger.withLanguage(tagger.tag(u), u).language()).isNull();
    // "invoices" and "refunded" are other words: no match.
    Unit other = qa("Where are my invoices? Was it refunded?", "Here.");
    assertThat(tagger.tag(other).task()).isEqualTo("qa");
    assertThat(tagger.tag(other).domain()).isEqualTo("general");
    Unit code = qa("Fix this:\n```\nx = 1\n```\nand the invoice", "Done.");
    assertThat(tagger.tag(code).task()).isEqualTo("coding");
    Unit travel = unit(UnitType.TRAJECTORY, null, Map.of(), List.of(), new UserMsg("a room", META),
        new AssistantMsg("", null, META), call("c1", "book_hotel", "{}"), result("c1", "ok", false),
        new AssistantMsg("Booked.", null, META));
    assertThat(tagger.tag(travel).domain()).isEqualTo("travel");
  }

  @Test
  void aRuleNeedsAllItsConditions() throws Exception {
    Tagger tagger = new Tagger(config("""
        task:
          - {value: sql_agent, call_type: "agent.*", tools: "run_sql"}
        language: false
        """));
    Unit agentWithoutSql = unit(UnitType.QA, "agent-main", Map.of(), List.of(), new UserMsg("q", META),
        new AssistantMsg("a", null, META));
    assertThat(tagger.tag(agentWithoutSql).task()).isEqualTo("agent-main");
    Unit sql = unit(UnitType.TRAJECTORY, "agent-main", Map.of(), List.of(), new UserMsg("rows?", META),
        new AssistantMsg("", null, META), call("c1", "run_sql", "{}"), result("c1", "3", false),
        new AssistantMsg("Three.", null, META));
    assertThat(tagger.tag(sql).task()).isEqualTo("sql_agent");
  }

  @Test
  void complexityBucketsFollowTheDocumentedOrder() {
    Unit simple = qa("q", "a");
    Unit multiStep = unit(UnitType.TRAJECTORY, null, Map.of(), List.of(), new UserMsg("q", META),
        new AssistantMsg("", null, META), call("c1", "search", "{}"), result("c1", "r", false),
        new AssistantMsg("", null, META), call("c2", "search", "{}"), result("c2", "r", false),
        new AssistantMsg("done", null, META));
    Unit multiTool = unit(UnitType.TRAJECTORY, null, Map.of(), List.of(), new UserMsg("q", META),
        new AssistantMsg("", null, META), call("c1", "search", "{}"), call("c2", "fetch", "{}"),
        result("c1", "r", false), result("c2", "r", false), new AssistantMsg("done", null, META));
    Unit recovery = unit(UnitType.TRAJECTORY, null, Map.of(), List.of(), new UserMsg("q", META),
        new AssistantMsg("", null, META), call("c1", "search", "{\"q\": 1}"), result("c1", "bad query", true),
        new AssistantMsg("", null, META), call("c2", "search", "{\"q\": \"x\"}"), result("c2", "r", false),
        new AssistantMsg("done", null, META));
    assertThat(DEFAULT.tag(simple).complexity()).isEqualTo("simple");
    assertThat(DEFAULT.tag(multiStep).complexity()).isEqualTo("multi_step");
    assertThat(DEFAULT.tag(multiTool).complexity()).isEqualTo("multi_tool");
    assertThat(DEFAULT.tag(recovery).complexity()).isEqualTo("recovery");
    UnitProfile p = DEFAULT.tag(recovery).profile();
    assertThat(p.errors()).isEqualTo(1);
    assertThat(p.retries()).isEqualTo(1);
    assertThat(p.recovered()).isTrue();
    assertThat(p.steps()).isEqualTo(3);
    assertThat(p.toolCalls()).isEqualTo(2);
    assertThat(p.sortedToolNames()).containsExactly("search");
  }

  @Test
  void anErrorThatIsNeverRecoveredFromIsNotARecovery() {
    Unit failed = unit(UnitType.TRAJECTORY, null, Map.of(), List.of(), new UserMsg("q", META),
        new AssistantMsg("", null, META), call("c1", "search", "{}"), result("c1", "timeout", true),
        new ErrorEvent("rate limited", "429", META));
    Tagger.UnitTags t = DEFAULT.tag(failed);
    assertThat(t.profile().recovered()).isFalse();
    assertThat(t.profile().errors()).isEqualTo(2);
    assertThat(t.complexity()).isEqualTo("simple");
    assertThat(t.outcome()).isEqualTo(Outcome.FAILURE);
  }

  @Test
  void theOutcomeComesFromTheReaderThenMetadataThenFeedback() {
    Unit fromReader = new Unit("u", UnitType.QA, List.of(new UserMsg("q", META), new AssistantMsg("a", null, META)),
        List.of(), Outcome.FAILURE, new SourceRef("t", 1), null, null, Map.of("response_valid", "true"));
    assertThat(Tagger.outcome(fromReader)).isEqualTo(Outcome.FAILURE);
    Unit valid = unit(UnitType.QA, null, Map.of("response_valid", "False"), List.of(), new UserMsg("q", META),
        new AssistantMsg("a", null, META));
    assertThat(Tagger.outcome(valid)).isEqualTo(Outcome.FAILURE);
    Unit liked = unit(UnitType.QA, null, Map.of(), List.of(), new UserMsg("q", META),
        new AssistantMsg("a", null, META), new Feedback(null, false, null, META), new Feedback(0.9, true, null, META));
    assertThat(Tagger.outcome(liked)).isEqualTo(Outcome.SUCCESS);
    assertThat(Tagger.outcome(qa("q", "a"))).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void theLanguageIsTheUsersAndShortOrCodeLikeTextIsUnknown() {
    assertThat(language(qa("Wie kann ich mein Passwort zurücksetzen? Der Link ist abgelaufen.", "Gerne.")))
        .isEqualTo("de");
    assertThat(language(qa("How do I reset my password? The link in the e-mail has expired.", "Sure.")))
        .isEqualTo("en");
    assertThat(language(qa("Comment puis-je réinitialiser mon mot de passe ? Le lien a expiré hier soir.",
        "Bien sûr."))).isEqualTo("fr");
    assertThat(language(qa("hi", "Hello! How can I help you today with your account?"))).isEqualTo("unknown");
  }

  @Test
  void theLanguageIsReadOnlyWhenAskedFor() {
    Unit u = qa("How do I reset my password? The link in the e-mail has expired.", "Sure.");
    Tagger.UnitTags tags = DEFAULT.tag(u);
    assertThat(tags.language()).isNull();
    assertThat(DEFAULT.withLanguage(tags, u)).isEqualTo(new Tagger.UnitTags(tags.id(), tags.type(), tags.task(),
        tags.domain(), "en", tags.outcome(), tags.complexity(), tags.profile(), tags.tools(), tags.sessionHash()));
  }

  private static String language(Unit u) {
    return DEFAULT.withLanguage(DEFAULT.tag(u), u).language();
  }

  @Test
  void shapeCountsTokensLatencyModelsAndSpanDepth() {
    EventMeta agent = new EventMeta("s", "t", "a", null, null, null, Usage.UNKNOWN, null, new SourceRef("t", 1), Map.of());
    EventMeta llm = new EventMeta("s", "t", "l1", "a", null, "gpt-4o", new Usage(10L, 5L, null), 300L,
        new SourceRef("t", 1), Map.of());
    EventMeta sub = new EventMeta("s", "t", "l2", "l1", null, "gpt-4o-mini", new Usage(null, null, 7L), 200L,
        new SourceRef("t", 1), Map.of());
    Unit u = unit(UnitType.THREAD, null, Map.of(), List.of(), new UserMsg("q", agent),
        new AssistantMsg("a", null, llm), new UserMsg("q2", META), new AssistantMsg("b", null, sub));
    UnitProfile p = UnitProfile.of(u);
    assertThat(p.turns()).isEqualTo(2);
    assertThat(p.tokens()).isEqualTo(22);
    assertThat(p.latencyMs()).isEqualTo(500);
    assertThat(p.sortedModels()).containsExactly("gpt-4o", "gpt-4o-mini");
    assertThat(p.maxDepth()).isEqualTo(2);
    assertThat(UnitProfile.of(qa("q", "a")).tokens()).isNull();
  }

  @Test
  void theSidecarLineHasNoRawSessionAndCarriesTheGivenMetadata() {
    Unit u = unit(UnitType.QA, null, Map.of("env", "prod"), List.of(), new UserMsg("q", META),
        new AssistantMsg("a", null, META));
    JsonNode line = DEFAULT.withLanguage(DEFAULT.tag(u), u).toJson(Map.of("env", "prod"));
    assertThat(Json.write(line)).doesNotContain("alice");
    assertThat(line.get("session").asText()).matches("s[0-9a-f]{16}");
    assertThat(line.at("/metadata/env").asText()).isEqualTo("prod");
    List<String> keys = new ArrayList<>();
    line.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).startsWith("id", "type", "task", "domain", "language", "outcome", "complexity");
  }

  @Test
  void badTagConfigsNameThePathAndWhatWasExpected() {
    assertThatThrownBy(() -> config("task: [{value: x}]"))
        .hasMessageContaining("tags.task[0]").hasMessageContaining("no condition");
    assertThatThrownBy(() -> config("domain: [{value: Finance, keywords: [a]}]"))
        .hasMessageContaining("tags.domain[0].value");
    assertThatThrownBy(() -> config("domain: [{value: f, text: \"(\"}]"))
        .hasMessageContaining("tags.domain[0].text is not a valid regular expression");
    assertThatThrownBy(() -> config("domian: []")).hasMessageContaining("unknown key 'domian' in tags");
    assertThatThrownBy(() -> config("complexity: {multi_step_min_steps: 1}"))
        .hasMessageContaining("multi_step_min_steps must be at least 2");
    assertThatThrownBy(() -> config("task: [{value: x, keywords: []}]"))
        .hasMessageContaining("tags.task[0].keywords");
  }

  @Test
  void toolCallsAreCheckedAgainstTheirToolsSchema() {
    ToolDef weather = new ToolDef("get_weather", null, Json.tryParse("""
        {"type": "OBJECT", "properties": {"city": {"type": "STRING"}, "days": {"type": "int"}},
         "required": ["city"]}"""));
    Unit u = unit(UnitType.TRAJECTORY, null, Map.of(), List.of(weather), new UserMsg("q", META),
        new AssistantMsg("", null, META),
        call("c1", "get_weather", "{\"city\": \"Paris\", \"days\": 2}"),
        call("c2", "get_weather", "{\"days\": 2}"),
        call("c3", "get_weather", "{\"city\": \"Paris\", \"days\": \"two\"}"),
        call("c4", "get_wether", "{\"city\": \"Paris\"}"),
        call("c5", "get_weather", "{not json"),
        result("c1", "r", false), new AssistantMsg("a", null, META));
    ToolSchemas.Check check = DEFAULT.tag(u).tools();
    assertThat(check.calls()).isEqualTo(5);
    assertThat(check.undefined()).isEqualTo(1);
    assertThat(check.invalid()).isEqualTo(3);
    assertThat(check.anyBad()).isTrue();
  }
}
