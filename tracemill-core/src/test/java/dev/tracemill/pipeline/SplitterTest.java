package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitterTest {
  private static Map<String, Integer> assign(List<Double> ratios, List<String> groups) {
    Splitter splitter = new Splitter(List.of("train", "val", "test").subList(0, ratios.size()), ratios,
        groups.size());
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String g : groups) {
      counts.merge(splitter.next(g.hashCode()), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void ungroupedUnitsGetExactProportions() {
    List<String> groups = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "u" + i).toList();
    assertThat(assign(List.of(0.8, 0.1, 0.1), groups))
        .containsEntry("train", 80).containsEntry("val", 10).containsEntry("test", 10);
  }

  @Test
  void aGroupIsNeverSplitAcrossSplits() {
    List<String> groups = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      groups.add("u" + i);
    }
    for (int i = 0; i < 5; i++) {
      groups.add("session");
    }
    for (int i = 0; i < 7; i++) {
      groups.add("v" + i);
    }
    Splitter splitter = new Splitter(List.of("train", "val", "test"), List.of(0.5, 0.25, 0.25), groups.size());
    java.util.Set<String> sessionSplits = new java.util.HashSet<>();
    for (String g : groups) {
      String split = splitter.next(g.hashCode());
      if (g.equals("session")) {
        sessionSplits.add(split);
      }
    }
    assertThat(sessionSplits).hasSize(1);
  }

  @Test
  void withoutRatiosEverythingIsTrain() {
    Splitter splitter = new Splitter(List.of("train"), null, 3);
    assertThat(List.of(splitter.next(1), splitter.next(2), splitter.next(3)))
        .containsOnly("train");
  }
}
