package dev.tracemill.curate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.model.UserMsg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactDedupTest {
  private static Unit unit(String file, long line, Event... events) {
    return new Unit("u" + line, UnitType.QA, List.of(events), List.of(), Outcome.SUCCESS,
        new SourceRef(file, line), null, null, Map.of());
  }

  private static EventMeta at(long line) {
    return EventMeta.of(new SourceRef("a.jsonl", line));
  }

  @Test
  void theSameContentFromAnotherPlaceIsADuplicate() {
    ExactDedup dedup = new ExactDedup(ExactDedup.Field.FULL);
    assertThat(dedup.firstSeen(unit("a.jsonl", 1, new UserMsg("q", at(1)), new AssistantMsg("a", null, at(1)))))
        .isTrue();
    assertThat(dedup.firstSeen(unit("b.jsonl", 9, new UserMsg("q", at(9)), new AssistantMsg("a", "thinking", at(9)))))
        .as("metadata and reasoning are not content").isFalse();
    assertThat(dedup.firstSeen(unit("b.jsonl", 10, new UserMsg("q", at(9)), new AssistantMsg("b", null, at(9)))))
        .isTrue();
  }

  @Test
  void promptDedupKeepsOneAnswerPerQuestion() {
    ExactDedup dedup = new ExactDedup(ExactDedup.Field.PROMPT);
    assertThat(dedup.firstSeen(unit("a", 1, new UserMsg("q", at(1)), new AssistantMsg("a", null, at(1))))).isTrue();
    assertThat(dedup.firstSeen(unit("a", 2, new UserMsg("q", at(2)), new AssistantMsg("b", null, at(2))))).isFalse();
  }

  @Test
  void theHashedTextIsCanonicalJsonWithSortedKeysWhateverTheArgumentOrder() throws Exception {
    Unit one = unit("a", 1, new UserMsg("q", at(1)), new AssistantMsg("", null, at(1)),
        new ToolCall("c1", "f", Json.MAPPER.readTree("{\"b\":1,\"a\":2}"), "{\"b\":1,\"a\":2}", at(1)));
    String text = ExactDedup.canonicalContent(one, ExactDedup.Field.FULL);
    assertThat(text).isEqualTo("{\"events\":[{\"kind\":\"user\",\"text\":\"q\"},{\"kind\":\"assistant\",\"text\":\"\"},"
        + "{\"arguments\":{\"a\":2,\"b\":1},\"id\":\"c1\",\"kind\":\"tool_call\",\"name\":\"f\","
        + "\"raw_arguments\":\"{\\\"b\\\":1,\\\"a\\\":2}\"}],\"tools\":[]}");
    // The same as sorting the model's own JSON form without metadata.
    var tree = ModelJson.event(one.events().get(2));
    tree.remove("meta");
    assertThat(text).contains(Json.write(Json.canonical(tree)));
  }
}
