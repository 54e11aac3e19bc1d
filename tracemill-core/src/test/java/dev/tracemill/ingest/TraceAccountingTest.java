package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On random OTLP exports (spans of a few traces in any order and nesting, tools answering calls by id,
 * by order or not at all, spans without content, bad attributes, broken lines, a small buffer): every
 * GenAI span and every broken line ends in exactly one accept, fold or quarantine.
 */
class TraceAccountingTest {
  private static final String[] TURNS = {"plan a trip", "to Rome", "in May", "for two"};

  /** kind: 0 chat, 1 chat without content, 2 tool, 3 agent, 4 other, 5 chat with a bad attribute. */
  record SpanSpec(int kind, int trace, int parent, int history, int call, boolean withId) {}

  @Provide
  Arbitrary<List<List<SpanSpec>>> exports() {
    Arbitrary<SpanSpec> span = Combinators.combine(
        Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(1, 1),
            net.jqwik.api.Tuple.of(4, 2), net.jqwik.api.Tuple.of(1, 3), net.jqwik.api.Tuple.of(2, 4),
            net.jqwik.api.Tuple.of(1, 5)),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(-1, 12),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
        .as(SpanSpec::new);
    // An empty list stands for a broken line.
    return span.list().ofMaxSize(5).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 150)
  void everyGenAiSpanIsAcceptedFoldedOrQuarantinedOnce(@ForAll("exports") List<List<SpanSpec>> lines,
      @ForAll("limits") int limit) throws IOException {
    Path file = Files.createTempFile("otlp", ".jsonl");
    try {
      StringBuilder text = new StringBuilder();
      int records = 0;
      int id = 0;
      for (List<SpanSpec> line : lines) {
        if (line.isEmpty()) {
          text.append("{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"0\n");
          records++;
          continue;
        }
        List<JsonNode> spans = new ArrayList<>();
        for (SpanSpec s : line) {
          spans.add(span(s, id++));
          records += s.kind() == 4 ? 0 : 1;
        }
        text.append(Json.write(SemconvExamples.traces(spans.toArray(JsonNode[]::new)))).append('\n');
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      ReaderRun run = new ReaderRun();
      new OtlpFormatWithLimit(limit).read(new InputFile("t.jsonl", file), ReadOptions.DEFAULTS, run);
      assertThat(run.calls.size() + run.folded.size() + run.quarantined.size()).isEqualTo(records);
      Set<SourceRef> ids = new HashSet<>();
      run.calls.forEach(c -> assertThat(ids.add(c.source())).as("distinct call sources").isTrue());
      ReaderRun again = new ReaderRun();
      new OtlpFormatWithLimit(limit).read(new InputFile("t.jsonl", file), ReadOptions.DEFAULTS, again);
      assertThat(again.golden()).isEqualTo(run.golden());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  Arbitrary<Integer> limits() {
    return Arbitraries.of(1, 3, TraceBuffer.LIMIT);
  }

  /** The otlp reader with a smaller buffer, so that early rebuilds are exercised too. */
  private static final class OtlpFormatWithLimit {
    private final int limit;

    OtlpFormatWithLimit(int limit) {
      this.limit = limit;
    }

    void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
      OtlpFormat.read(file, options, sink, new TraceBuffer(sink, limit, TraceBuffer.LIMIT_CHARS));
    }
  }

  private static ObjectNode span(SpanSpec s, int n) {
    ObjectNode o = Json.object();
    o.put("traceId", String.format("%032x", s.trace() + 1));
    o.put("spanId", String.format("%016x", n + 1));
    if (s.parent() >= 0 && s.parent() < n) {
      o.put("parentSpanId", String.format("%016x", s.parent() + 1));
    }
    o.put("name", "span");
    o.put("startTimeUnixNano", Long.toString(1_700_000_000_000_000_000L + (n % 4) * 1_000_000L));
    Map<String, JsonNode> a = new LinkedHashMap<>();
    switch (s.kind()) {
      case 0, 5 -> {
        a.put("gen_ai.operation.name", Json.NODES.textNode("chat"));
        StringBuilder in = new StringBuilder("[");
        for (int i = 0; i <= s.history(); i++) {
          in.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"")
              .append(TURNS[i]).append("\"}]}");
        }
        in.append("]");
        a.put("gen_ai.input.messages", Json.NODES.textNode(in.toString()));
        String callId = s.withId() ? ",\"id\":\"c" + s.call() + "\"" : "";
        a.put("gen_ai.output.messages", Json.NODES.textNode("[{\"role\":\"assistant\",\"parts\":[{\"type\":"
            + "\"tool_call\"" + callId + ",\"name\":\"t" + (s.call() % 2) + "\",\"arguments\":{}}]}]"));
        if (s.kind() == 5) {
          a.put("gen_ai.usage.input_tokens", Json.NODES.textNode("many"));
        }
      }
      case 1 -> a.put("gen_ai.operation.name", Json.NODES.textNode("chat"));
      case 2 -> {
        a.put("gen_ai.operation.name", Json.NODES.textNode("execute_tool"));
        a.put("gen_ai.tool.name", Json.NODES.textNode("t" + (s.call() % 2)));
        if (s.withId()) {
          a.put("gen_ai.tool.call.id", Json.NODES.textNode("c" + s.call()));
        }
        a.put("gen_ai.tool.call.result", Json.NODES.textNode("r" + n));
      }
      case 3 -> a.put("gen_ai.operation.name", Json.NODES.textNode("invoke_agent"));
      default -> a.put("http.method", Json.NODES.textNode("GET"));
    }
    ObjectNode attrs = Json.object();
    o.set("attributes", SemconvExamples.anyValues(a));
    if (s.kind() == 5) {
      // An intValue that is not a number: the span is quarantined when it is read.
      for (JsonNode kv : o.get("attributes")) {
        if (kv.get("key").asText().equals("gen_ai.usage.input_tokens")) {
          ((ObjectNode) kv).set("value", attrs.put("intValue", "many"));
        }
      }
    }
    return o;
  }
}
