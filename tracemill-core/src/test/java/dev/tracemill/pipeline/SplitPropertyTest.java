package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Splits are a pure function of input, options and seed, and never cut a session in two. */
class SplitPropertyTest {

  @Property(tries = 25)
  void splitsAreDeterministicAndKeepEverySessionWhole(
      @ForAll @IntRange(min = 1, max = 60) int units,
      @ForAll @IntRange(min = 1, max = 12) int sessions,
      @ForAll long seed,
      @ForAll("ratios") List<Double> ratios) throws Exception {
    Path dir = Files.createTempDirectory("splits");
    try {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < units; i++) {
        String session = "s" + (i % sessions);
        lines.add(call(session, session + " question " + i, "answer " + i));
      }
      Path in = dir.resolve("calls.jsonl");
      Files.write(in, lines, StandardCharsets.UTF_8);
      RunConfig config = RunConfig.builder().input(in.toString()).out(dir.resolve("out")).seed(seed)
          .splitRatio(ratios).build();
      Map<String, String> first = splitOfEachQuestion(config, dir.resolve("out"));
      Map<String, String> second = splitOfEachQuestion(config, dir.resolve("out"));
      assertThat(second).isEqualTo(first);
      assertThat(first).hasSize(units);

      Map<String, String> splitOfSession = new HashMap<>();
      first.forEach((question, split) -> {
        String session = question.substring(0, question.indexOf(' '));
        String earlier = splitOfSession.putIfAbsent(session, split);
        assertThat(earlier == null || earlier.equals(split))
            .as("session %s is in %s and %s", session, earlier, split).isTrue();
      });
    } finally {
      Pipeline.deleteTree(dir);
    }
  }

  @Provide
  Arbitrary<List<Double>> ratios() {
    return Arbitraries.of(List.of(1.0), List.of(0.5, 0.5), List.of(0.8, 0.1, 0.1), List.of(0.6, 0.2, 0.2));
  }

  private static Map<String, String> splitOfEachQuestion(RunConfig config, Path out) throws Exception {
    Pipeline.run(config, null);
    Map<String, String> splits = new HashMap<>();
    for (String split : config.splitNames()) {
      Path file = out.resolve("sft/trl/" + split + ".jsonl");
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String question = Json.MAPPER.readTree(line).at("/messages/0/content").asText();
        assertThat(splits.put(question, split)).as("a unit is written once").isNull();
      }
    }
    return splits;
  }

  private static String call(String session, String question, String answer) {
    ObjectNode row = Json.object();
    ObjectNode request = row.putObject("request");
    request.put("model", "test-model");
    request.putArray("messages").addObject().put("role", "user").put("content", question);
    ObjectNode response = row.putObject("response");
    response.put("object", "chat.completion");
    response.put("model", "test-model");
    ObjectNode choice = response.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", answer);
    choice.put("finish_reason", "stop");
    row.put("session_id", session);
    return Json.write(row);
  }
}
