package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineCategoryTest {
  @Test
  void quarantineReasonsAreGroupedByTheirLeadingWords() {
    assertThat(Pipeline.category("invalid JSON at column 12: Unexpected character")).isEqualTo("invalid JSON");
    assertThat(Pipeline.category("record is longer than the limit of 1024 bytes (raise --max-record-bytes)"))
        .isEqualTo("record is longer than the limit of 1024 bytes");
    assertThat(Pipeline.category("request.messages[2].role: expected a string"))
        .isEqualTo("request.messages[2].role");
  }
}
