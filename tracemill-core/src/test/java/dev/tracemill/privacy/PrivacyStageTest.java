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
