package dev.tracemill.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For random well-formed units every exporter skips with a reason or writes a row that validates. */
class ExportPropertiesTest {
  private static final String[] WORDS = {"hello", "Oslo", "42", "é", "東京", "🗼", "\"quoted\"", "a\nb", "",
      "{\"k\":1}", "[1,2]", "null", "\\", "tab\there"};
  private static final String[] TOOLS = {"get_weather", "search_docs", "run.code"};
  private static final EventMeta META = EventMeta.of(new SourceRef("random.jsonl", 1));

  @Provide
  Arbitrary<Unit> units() {
    return Arbitraries.longs().map(ExportPropertiesTest::randomUnit);
  }

  @Property(tries = 400)
  void everyExporterSkipsWithAReasonOrWritesAValidRow(@ForAll("units") Unit unit) {
    for (Exporter exporter : Exporters.ALL) {
      ExportResult r = exporter.export(unit);
      if (r.isRow()) {
        assertThat(exporter.validate(r.row())).as(exporter.name() + " row " + Json.write(r.row())).isEmpty();
      } else {
        assertThat(r.skipReason()).as(exporter.name()).matches("[a-z]+(_[a-z]+)*")
            .isNotEqualTo("invalid_row");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theRandomUnitsGiveEveryExporterRowsAndSkipsToCheck() {
    for (Exporter exporter : Exporters.ALL) {
      java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
      for (long seed = 0; seed < 500; seed++) {
        ExportResult r = exporter.export(randomUnit(seed));
        outcomes.merge(r.isRow() ? "row" : r.skipReason(), 1, Integer::sum);
      }
      assertThat(outcomes.getOrDefault("row", 0)).as(exporter.name() + " " + outcomes).isGreaterThan(25);
      assertThat(outcomes).as(exporter.name()).doesNotContainKey("invalid_row");
      assertThat(outcomes.size()).as(exporter.name() + " " + outcomes).isGreaterThan(2);
    }
  }

  @Property(tries = 200)
  void exportIsDeterministic(@ForAll("units") Unit unit) {
    for (Exporter exporter : Exporters.ALL) {
      ExportResult a = exporter.export(unit);
      ExportResult b = exporter.export(unit);
      assertThat(render(a)).isEqualTo(render(b));
    }
  }

  private static String render(ExportResult r) {
    ObjectNode row = r.row();
    return r.isRow() ? Json.write(row) : "skip:" + r.skipReason();
  }

  static Unit randomUnit(long seed) {
    Random rnd = new Random(seed);
    List<Event> events = new ArrayList<>();
    if (rnd.nextInt(3) == 0) {
      events.add(new SystemMsg(text(rnd), META));
    }
    int turns = 1 + rnd.nextInt(4);
    int callNo = 0;
    for (int t = 0; t < turns; t++) {
      int users = rnd.nextInt(5) == 0 ? 2 : 1;
      for (int u = 0; u < users; u++) {
        events.add(new UserMsg(text(rnd), META));
      }
      if (rnd.nextInt(10) == 0) {
        events.add(new SystemMsg(text(rnd), META));
      }
      int steps = rnd.nextInt(3);
      for (int s = 0; s < steps; s++) {
        String preamble = rnd.nextBoolean() ? "" : text(rnd);
        events.add(new AssistantMsg(preamble, rnd.nextInt(4) == 0 ? text(rnd) : null, META));
        int calls = 1 + rnd.nextInt(3);
        List<ToolCall> made = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
          String raw = switch (rnd.nextInt(12)) {
            case 0 -> "{broken";
            case 1 -> "[1]";
            default -> "{\"q\":" + Json.write(Json.NODES.textNode(text(rnd))) + ",\"n\":" + rnd.nextInt(9) + "}";
          };
          ToolCall call = new ToolCall("call_" + (callNo++), TOOLS[rnd.nextInt(TOOLS.length)],
              Json.tryParse(raw), raw, META);
          made.add(call);
          events.add(call);
        }
        java.util.Collections.shuffle(made, rnd);
        for (ToolCall call : made) {
          if (rnd.nextInt(8) != 0) {
            events.add(new ToolResult(call.id(), rnd.nextBoolean() ? call.name() : null, text(rnd),
                rnd.nextInt(4) == 0, META));
          }
        }
      }
      events.add(new AssistantMsg(rnd.nextInt(15) == 0 ? "" : text(rnd), null, META));
      if (rnd.nextInt(8) == 0) {
        events.add(new AssistantMsg(text(rnd), null, META));
      }
    }
    List<ToolDef> tools = new ArrayList<>();
    if (rnd.nextBoolean()) {
      for (String name : TOOLS) {
        tools.add(new ToolDef(name, rnd.nextBoolean() ? text(rnd) : null, Json.tryParse(
            "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"},\"n\":{\"type\":[\"integer\",\"null\"]}},"
                + "\"additionalProperties\":false,\"$defs\":{}}")));
      }
    }
    Outcome outcome = Outcome.values()[rnd.nextInt(Outcome.values().length)];
    boolean hasTools = events.stream().anyMatch(e -> e instanceof ToolCall);
    return new Unit("u" + seed, hasTools ? UnitType.TRAJECTORY : UnitType.THREAD, events, tools, outcome,
        new SourceRef("random.jsonl", 1), null, null, Map.of());
  }

  private static String text(Random rnd) {
    StringBuilder b = new StringBuilder();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      b.append(WORDS[rnd.nextInt(WORDS.length)]).append(i + 1 < n ? " " : "");
    }
    return b.toString().isEmpty() ? "x" : b.toString();
  }
}
