package dev.tracemill.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollapseIndexTest {
  private static final EventMeta META = EventMeta.of(new SourceRef("t.jsonl", 1));

  private static List<Event> conversation(String... turns) {
    List<Event> events = new ArrayList<>();
    events.add(new SystemMsg("be kind", META));
    for (int i = 0; i < turns.length; i++) {
      events.add(i % 2 == 0 ? new UserMsg(turns[i], META) : new AssistantMsg(turns[i], null, META));
    }
    return events;
  }

  @Test
  void aCallWhoseConversationOpensALaterCallIsExtended() {
    CollapseIndex index = new CollapseIndex();
    List<Event> first = conversation("hi", "hello");
    List<Event> second = conversation("hi", "hello", "how are you?", "fine");
    index.add(first, "s1");
    index.add(second, "s1");
    assertThat(index.isExtendedElsewhere(first, "s1")).isTrue();
    assertThat(index.isExtendedElsewhere(second, "s1")).isFalse();
  }

  @Test
  void differentSessionsAreNeverMerged() {
    CollapseIndex index = new CollapseIndex();
    index.add(conversation("hi", "hello", "how are you?", "fine"), "s2");
    assertThat(index.isExtendedElsewhere(conversation("hi", "hello"), "s1")).isFalse();
  }

  @Test
  void aDifferentAnswerIsNotAPrefix() {
    CollapseIndex index = new CollapseIndex();
    index.add(conversation("hi", "hello there", "how are you?", "fine"), null);
    assertThat(index.isExtendedElsewhere(conversation("hi", "hello"), null)).isFalse();
  }

  @Test
  void anIdenticalCallDoesNotExtendItself() {
    CollapseIndex index = new CollapseIndex();
    List<Event> call = conversation("hi", "hello");
    index.add(call, null);
    index.add(call, null);
    assertThat(index.isExtendedElsewhere(call, null)).isFalse();
  }

  @Test
  void toolCallTurnsAreCollapsedAtTheEndOfTheirCalls() {
    ObjectNode args = Json.object().put("city", "Oslo");
    List<Event> first = conversation("weather in Oslo?");
    first.add(new AssistantMsg("", null, META));
    first.add(new ToolCall("c1", "weather", args, "{\"city\": \"Oslo\"}", META));
    List<Event> second = new ArrayList<>(first);
    second.add(new ToolResult("c1", null, "4 degrees", false, META));
    second.add(new AssistantMsg("It is 4 degrees.", null, META));
    // The history spells the arguments differently; parsed arguments are compared canonically.
    List<Event> firstAsLogged = new ArrayList<>(first.subList(0, first.size() - 1));
    firstAsLogged.add(new ToolCall("c1", "weather", args, "{\"city\":\"Oslo\"}", META));
    CollapseIndex index = new CollapseIndex();
    index.add(second, null);
    assertThat(index.isExtendedElsewhere(firstAsLogged, null)).isTrue();
  }

  @Test
  void reasoningIsNotPartOfTheComparison() {
    List<Event> first = conversation("hi");
    first.add(new AssistantMsg("hello", "the user greets me", META));
    CollapseIndex index = new CollapseIndex();
    index.add(conversation("hi", "hello", "bye", "bye!"), null);
    assertThat(index.isExtendedElsewhere(first, null)).isTrue();
  }
}
