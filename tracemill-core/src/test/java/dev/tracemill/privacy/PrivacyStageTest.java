package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.model.UserMsg;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacyStageTest {
  private static final EventMeta META = EventMeta.of(new SourceRef("t.jsonl", 1));
  private static final PrivacyStage STAGE = new PrivacyStage(DetectorSet.defaults(new PrivacyOptions("US")),
      RedactionPolicy.defaults(), null);

  private static Unit unit(String id, Event... events) {
    return new Unit(id, UnitType.TRAJECTORY, List.of(events), List.of(), Outcome.SUCCESS,
        new SourceRef("t.jsonl", 1), null, null, Map.of());
  }

  @Test
  void everyTextOfAUnitIsScannedAndTheSameEntityGetsTheSameSurrogate() throws Exception {
    String email = "jane.roe@qzxmail.io";
    Unit u = unit("u1",
        new SystemMsg("Support desk. Escalations go to " + email + ".", META),
        new UserMsg("Please mail my invoice to " + email + " today.", META),
        new AssistantMsg("", null, META),
        new ToolCall("c1", "send_mail", Json.MAPPER.readTree("{\"to\": \"" + email + "\"}"),
            "{\"to\": \"" + email + "\"}", META),
        new ToolResult("c1", "send_mail", "{\"status\": \"sent\", \"to\": \"" + email + "\"}", false, META),
        new AssistantMsg("Done: sent to " + email + ".", null, META));
    PrivacyStage.Outcome out = STAGE.apply(u);
    assertThat(out.dropped()).isFalse();
    String all = Json.write(ModelJson.unit(out.unit()));
    assertThat(all).doesNotContain(email);
    JsonNode args = ((ToolCall) out.unit().events().get(3)).arguments();
    String surrogate = args.get("to").asText();
    assertThat(surrogate).matches("[a-z]+\\.[a-z]+@example\\.(com|org|net)");
    assertThat(((SystemMsg) out.unit().events().get(0)).text()).contains(surrogate);
    assertThat(((UserMsg) out.unit().events().get(1)).text()).contains(surrogate);
    assertThat(((ToolCall) out.unit().events().get(3)).rawArguments()).contains(surrogate);
    assertThat(((ToolResult) out.unit().events().get(4)).content()).contains(surrogate);
    assertThat(out.byType()).containsEntry(EntityTypes.EMAIL, 5);
    assertThat(out.byWhere()).containsKeys(Where.SYSTEM_PROMPT, Where.MESSAGE_TEXT, Where.TOOL_ARGUMENTS,
        Where.TOOL_RESULT);
  }

  @Test
  void aNameFoundOnceIsReplacedWhereverItStandsAloneInTheUnit() throws Exception {
    // "Dravnek" alone is no name to the detectors; after "my name is John Dravnek" it is this person
    Unit u = unit("u5",
        new AssistantMsg("Okay, the refund for Dravnek is approved.", null, META),
        new UserMsg("Hi, my name is John Dravnek.", META),
        new ToolResult("c1", "refund", "{\"note\": \"refund for Dravnek approved\"}", false, META));
    PrivacyStage.Outcome out = STAGE.apply(u);
    String all = Json.write(ModelJson.unit(out.unit()));
    assertThat(all).doesNotContain("Dravnek");
    String full = ((UserMsg) out.unit().events().get(1)).text();
    String family = full.substring(full.lastIndexOf(' ') + 1, full.length() - 1);
    assertThat(((AssistantMsg) out.unit().events().get(0)).text()).contains("refund for " + family + " is");
    assertThat(Json.MAPPER.readTree(((ToolResult) out.unit().events().get(2)).content()).get("note").asText())
        .isEqualTo("refund for " + family + " approved");
    assertThat(out.byType()).containsEntry(EntityTypes.PERSON, 3);
    // a common word that was a name once (after a cue) is not replaced elsewhere
    Unit will = unit("u6", new UserMsg("My name is Will.", META), new AssistantMsg("I will help.", null, META));
    assertThat(((AssistantMsg) STAGE.apply(will).unit().events().get(1)).text()).isEqualTo("I will help.");
    // a second pass changes nothing, with surrogates and with tags
    assertThat(STAGE.apply(out.unit()).unit()).isEqualTo(out.unit());
    PrivacyStage tags = new PrivacyStage(DetectorSet.defaults(new PrivacyOptions("US")),
        RedactionPolicy.defaults().withStyle(RedactionStyle.TAG), null);
    Unit tagged = tags.apply(u).unit();
    assertThat(Json.write(ModelJson.unit(tagged))).doesNotContain("Dravnek").contains("<PERSON_1>");
    assertThat(tags.apply(tagged).unit()).isEqualTo(tagged);
  }

  @Test
  void aUnitWithNothingToRedactIsReturnedAsItIs() {
    Unit u = unit("u2", new UserMsg("What is two plus two?", META), new AssistantMsg("Four.", null, META));
    assertThat(STAGE.apply(u).unit()).isSameAs(u);
  }

  @Test
  void aCorpusKeyGivesTheSameSurrogateInEveryUnit() {
    PrivacyStage keyed = new PrivacyStage(DetectorSet.defaults(new PrivacyOptions("US")),
        RedactionPolicy.defaults(), "test-key".getBytes(StandardCharsets.UTF_8));
    String text = "Write to jane.roe@qzxmail.io please.";
    String a = ((UserMsg) keyed.apply(unit("a", new UserMsg(text, META))).unit().events().get(0)).text();
    String b = ((UserMsg) keyed.apply(unit("b", new UserMsg(text, META))).unit().events().get(0)).text();
    assertThat(a).isEqualTo(b).doesNotContain("qzxmail");
    assertThat(keyed.toString()).doesNotContain("test-key");
  }
}
