package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptFormatTest implements GoldenReaderContract {
  @TempDir Path tmp;

  @Override
  public LogFormat format() {
    return new TranscriptFormat();
  }

  @Test
  void aConversationOverTheSizeLimitIsQuarantinedAndTheNextIsRead() {
    String big = "User: hello\nAssistant: " + "word word word word\n".repeat(60);
    String text = big + "---\nUser: short\nAssistant: fine\n";
    Path file = GoldenReaderContract.write(tmp, "big.txt", text.getBytes(StandardCharsets.UTF_8));
    String out = GoldenReaderContract.run(format(), file, new ReadOptions(1024));
    assertThat(out.lines()).hasSize(2);
    assertThat(out.lines().findFirst().orElseThrow())
        .startsWith("{\"quarantine\":{\"line\":1,\"reason\":\"the conversation is longer than the limit of 1024 bytes")
        .doesNotContain("word");
    assertThat(out).contains("\"text\":\"fine\"");
  }

  @Test
  void aSingleLineOverTheLimitQuarantinesItsConversation() {
    String text = "User: hi\nAssistant: " + "x".repeat(5000) + "\n===\nUser: next\nAssistant: ok\n";
    Path file = GoldenReaderContract.write(tmp, "long.txt", text.getBytes(StandardCharsets.UTF_8));
    String out = GoldenReaderContract.run(format(), file, new ReadOptions(1024));
    assertThat(out.lines().toList()).hasSize(2);
    assertThat(out.lines().findFirst().orElseThrow()).contains("line 2 is longer than the limit of 1024 bytes");
  }

  @Test
  void aMarkdownRuleInsideAnAnswerDoesNotSplitTheConversation() {
    String text = "User: list?\nAssistant: one\n\n---\n\ntwo\nUser: thanks\nAssistant: bye\n";
    Path file = GoldenReaderContract.write(tmp, "rule.txt", text.getBytes(StandardCharsets.UTF_8));
    String out = GoldenReaderContract.run(format(), file);
    assertThat(out.lines()).hasSize(1);
    assertThat(out).contains("\"text\":\"one\\n\\n---\\n\\ntwo\"");
  }
}
