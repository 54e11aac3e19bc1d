package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnthropicFormatTest implements GoldenReaderContract {
  @Override
  public LogFormat format() {
    return new AnthropicFormat();
  }

  @Test
  void quarantineReasonsNeverQuoteRecordText() {
    String out = GoldenReaderContract.run(format(), goldenDir().resolve("bad-records.input.jsonl"));
    assertThat(out.lines().filter(l -> l.startsWith("{\"quarantine\"")).count()).isEqualTo(15);
    assertThat(out).doesNotContain("secret value").doesNotContain("hunter2").doesNotContain("video");
  }
}
