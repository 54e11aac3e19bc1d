package dev.tracemill.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.UserMsg;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {
  private static Call call(SourceRef where) {
    return new Call(where, List.of(new UserMsg("hi", EventMeta.of(where))),
        List.of(List.of(new AssistantMsg("hello", null, EventMeta.of(where)))), null, null, null,
        null, null);
  }

  @Test
  void callsFromOneRecordGetDistinctIdsAndTheFirstKeepsThePlainRecordId() {
    SourceRef line = new SourceRef("traces.jsonl", 3);
    String plain = Segmenter.units(call(line)).get(0).id();
    String first = Segmenter.units(call(line.part(0))).get(0).id();
    String second = Segmenter.units(call(line.part(1))).get(0).id();
    String third = Segmenter.units(call(line.part(2))).get(0).id();

    assertThat(first).isEqualTo(plain);
    assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
    assertThat(Segmenter.units(call(line.part(1))).get(0).id()).isEqualTo(second);
  }
}
