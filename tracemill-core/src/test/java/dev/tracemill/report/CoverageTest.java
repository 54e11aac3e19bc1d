package dev.tracemill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tracemill.model.Json;
import org.junit.jupiter.api.Test;

class CoverageTest {
  private static Coverage parse(String yaml) throws Exception {
    return Coverage.parse(new YAMLMapper().readTree(yaml));
  }

  private static TagCounts counts(String... metaLines) {
    TagCounts c = new TagCounts();
    for (String line : metaLines) {
      c.add(Json.tryParse(line));
    }
    return c;
  }

  @Test
  void targetsAreComparedWithTheDatasetsCounts() throws Exception {
    Coverage coverage = parse("""
        trajectory.min_share: 0.5
        complexity.recovery.min_count: 2
        model.gpt-4.1.max_count: 1
        units.min_count: 3
        """);
    TagCounts c = counts(
        "{\"type\":\"trajectory\",\"complexity\":\"recovery\",\"models\":[\"gpt-4.1\"],\"steps\":3,\"tool_calls\":2}",
        "{\"type\":\"qa\",\"complexity\":\"simple\",\"models\":[\"gpt-4.1\"],\"steps\":1,\"tool_calls\":0}",
        "{\"type\":\"trajectory\",\"complexity\":\"multi_tool\",\"models\":[],\"steps\":12,\"tool_calls\":60}");
    JsonNode report = coverage.evaluate(c);
    assertThat(report.get("met").asBoolean()).isFalse();
    assertThat(report.get("targets")).extracting(t -> t.get("target").asText() + "=" + t.get("actual").asText()
        + ":" + t.get("met").asBoolean())
        .containsExactly("trajectory.min_share=0.6667:true", "complexity.recovery.min_count=1:false",
            "model.gpt-4.1.max_count=2:false", "units.min_count=3:true");
    JsonNode tags = c.toJson();
    assertThat(tags.at("/histograms/steps/3").asLong()).isEqualTo(1);
    assertThat(tags.at("/histograms/steps/10-19").asLong()).isEqualTo(1);
    assertThat(tags.at("/histograms/tool_calls/50+").asLong()).isEqualTo(1);
    assertThat(tags.at("/model/gpt-4.1").asLong()).isEqualTo(2);
  }

  @Test
  void noTargetsAreMet() {
    assertThat(Coverage.NONE.evaluate(new TagCounts()).get("met").asBoolean()).isTrue();
  }

  @Test
  void badTargetsSayWhatIsExpected() {
    assertThatThrownBy(() -> parse("trajectory.min: 0.2")).hasMessageContaining("expected TAG.VALUE.BOUND");
    assertThatThrownBy(() -> parse("colour.red.min_count: 2")).hasMessageContaining("TAG one of");
    assertThatThrownBy(() -> parse("trajectory.min_share: 20")).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> parse("units.min_count: 2.5")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> parse("units.min_count: lots")).hasMessageContaining("expects a number");
  }

  @Test
  void histogramBucketsAreContiguous() {
    int[] expected = {0, 1, 2, 3, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7};
    for (int n = 0; n < expected.length; n++) {
      assertThat(TagCounts.bucket(n)).as("%d", n).isEqualTo(expected[n]);
    }
    assertThat(TagCounts.bucket(49)).isEqualTo(7);
    assertThat(TagCounts.bucket(50)).isEqualTo(8);
  }
}
