package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.ingest.OtelSpans.RawSpan;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceBufferTest {
  private static final String Q = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"q\"}]}]";
  private static final String QA = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"q\"}]},"
      + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"a\"}]},"
      + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"more\"}]}]";
  private static final String A = "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"a\"}]}]";

  private static RawSpan chat(String trace, String id, long line, String in, String out) {
    Map<String, JsonNode> a = Map.of("gen_ai.operation.name", Json.NODES.textNode("chat"),
        "gen_ai.input.messages", Json.NODES.textNode(in), "gen_ai.output.messages", Json.NODES.textNode(out));
    return new RawSpan(trace, id, null, "chat", null, null, a, List.of(), false, null, line,
        new SourceRef("t.jsonl", line));
  }

  @Test
  void pastTheLimitTheOldestTraceIsRebuiltEarlyAndItsLateSpansOnTheirOwn() {
    ReaderRun run = new ReaderRun();
    TraceBuffer buffer = new TraceBuffer(run, 2, Long.MAX_VALUE);
    buffer.add(chat("A", "a1", 1, Q, A));
    buffer.add(chat("B", "b1", 2, Q, A));
    buffer.add(chat("B", "b2", 3, QA, A)); // 3 held > 2: trace A (one span) is rebuilt now
    assertThat(run.calls).hasSize(1);
    assertThat(run.calls.get(0).source().line()).isEqualTo(1);
    buffer.add(chat("A", "a2", 4, QA, A)); // 3 held again: trace B goes
    buffer.finish();
    // a1 alone, b1+b2 as one trajectory, a2 alone (it repeats a1's turns, so the prefix collapse merges a1).
    assertThat(run.calls).extracting(c -> c.source().line()).containsExactly(1L, 3L, 4L);
    assertThat(run.folded).extracting(SourceRef::line).containsExactly(2L);
    assertThat(run.calls.get(2).prompt()).hasSize(3);
  }

  @Test
  void theCharacterBoundEvictsToo() {
    ReaderRun run = new ReaderRun();
    TraceBuffer buffer = new TraceBuffer(run, 1000, 200);
    buffer.add(chat("A", "a1", 1, Q, A));
    assertThat(run.calls).isEmpty();
    buffer.add(chat("B", "b1", 2, QA, A));
    assertThat(run.calls).isNotEmpty();
    buffer.finish();
    assertThat(run.calls).hasSize(2);
  }
}
