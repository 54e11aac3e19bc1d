package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.UserMsg;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the shared line loop, seen through the chat reader. */
class JsonLinesTest {
  @TempDir
  Path dir;

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("in.jsonl");
    Files.write(file, bytes);
    return file;
  }

  private static byte[] row(String user) {
    return ("{\"messages\": [{\"role\": \"user\", \"content\": \"" + user + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aTenMegabyteLineOverTheLimitIsQuarantinedAndTheNextLineIsStillRead() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(row("first"));
    out.write('\n');
    out.write(row("x".repeat(10 * 1024 * 1024)));
    out.write('\n');
    out.write(row("after"));
    out.write('\n');
    ReaderRun run = ReaderRun.of(new ChatFormat(), write(out.toByteArray()), new ReadOptions(64 * 1024));
    assertThat(run.quarantined).singleElement().satisfies(q -> {
      assertThat(q.where().line()).isEqualTo(2);
      assertThat(q.reason()).contains("longer than the limit of 65536 bytes");
    });
    assertThat(run.calls).hasSize(2);
    assertThat(run.calls.get(1).source().line()).isEqualTo(3);
    assertThat(((UserMsg) run.calls.get(1).prompt().get(0)).text()).isEqualTo("after");
  }

  @Test
  void crlfLineEndingsAreNotPartOfTheRecord() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(row("one"));
    out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.write(row("two"));
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    ReaderRun run = ReaderRun.of(new ChatFormat(), write(out.toByteArray()));
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).extracting(c -> c.source().line()).containsExactly(1L, 3L);
    assertThat(((UserMsg) run.calls.get(1).prompt().get(0)).text()).isEqualTo("two");
  }

  @Test
  void invalidUtf8IsReportedWithoutTheLineText() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("{\"messages\": [{\"role\": \"user\", \"content\": \"Caf".getBytes(StandardCharsets.US_ASCII));
    out.write(0xE9);
    out.write(" confidential\"}]}\n".getBytes(StandardCharsets.US_ASCII));
    out.write(row("fine"));
    ReaderRun run = ReaderRun.of(new ChatFormat(), write(out.toByteArray()));
    assertThat(run.quarantined).singleElement().satisfies(q -> {
      assertThat(q.where().line()).isEqualTo(1);
      assertThat(q.reason()).contains("UTF-8").doesNotContain("Caf").doesNotContain("confidential");
    });
    assertThat(run.calls).singleElement().satisfies(c -> assertThat(c.source().line()).isEqualTo(2));
  }
}
