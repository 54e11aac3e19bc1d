package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The ledger invariant, on random mixes of good, repeated, partial and broken records. */
class AccountingPropertyTest {

  @Property(tries = 40)
  void everyInputRecordEndsInExactlyOneBucket(
      @ForAll @Size(max = 40) List<@net.jqwik.api.From("line") String> lines,
      @ForAll boolean collapse, @ForAll boolean dedup, @ForAll("limits") Long limit) throws Exception {
    Path dir = Files.createTempDirectory("accounting");
    try {
      Path in = dir.resolve("in.jsonl");
      Files.writeString(in, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"), StandardCharsets.UTF_8);
      RunConfig.Builder b = RunConfig.builder().input(in.toString()).out(dir.resolve("out"))
          .inputFormat("chat").collapse(collapse).dedup(dedup).limit(limit).formats(List.of("trl"));
      JsonNode r = Pipeline.run(b.build(), null).report().get("records");
      long filtered = 0;
      for (JsonNode n : r.get("filtered")) {
        filtered += n.asLong();
      }
      long nonBlank = lines.stream().filter(l -> !l.isBlank()).count();
      assertThat(r.get("input").asLong()).isEqualTo(nonBlank);
      assertThat(r.get("emitted").asLong() + r.get("merged").asLong() + filtered
          + r.get("quarantined").asLong()).isEqualTo(r.get("input").asLong());
      long quarantineLines = Files.readAllLines(dir.resolve("out/quarantine.jsonl")).size();
      assertThat(quarantineLines).isEqualTo(r.get("quarantined").asLong());
      long droppedLines = Files.readAllLines(dir.resolve("out/dropped.jsonl")).size();
      assertThat(droppedLines).isEqualTo(r.get("merged").asLong() + filtered);
    } finally {
      Pipeline.deleteTree(dir);
    }
  }

  @Provide
  Arbitrary<Long> limits() {
    return Arbitraries.longs().between(1, 20).injectNull(0.5);
  }

  @Provide
  Arbitrary<String> line() {
    Arbitrary<String> word = Arbitraries.of("hi", "hello", "how are you?", "fine", "bye", "ok", "weather?");
    Arbitrary<String> conversation = word.list().ofMinSize(1).ofMaxSize(6)
        .map(turns -> PipelineTest.chat(turns.toArray(String[]::new)));
    Arbitrary<String> broken = Arbitraries.of("{bad", "[1]", "{\"messages\": 3}", "\"text\"",
        "{\"messages\": [{\"role\": 7}]}", "   ");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, conversation),
        net.jqwik.api.Tuple.of(2, broken));
  }

}
