package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.Call;
import dev.tracemill.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDocumentsTest {
  @TempDir Path tmp;

  private final List<String> events = new ArrayList<>();

  private final RecordSink sink = new RecordSink() {
    @Override
    public void accept(Call call) {
      events.add("accept:" + call.source().line());
    }

    @Override
    public void quarantine(SourceRef where, String reason) {
      events.add("quarantine:" + where.line() + ":" + reason);
    }
  };

  private void read(String document, String field, ReadOptions options) throws Exception {
    Path file = GoldenReaderContract.write(tmp, "doc.json", document.getBytes(StandardCharsets.UTF_8));
    JsonDocuments.read(new InputFile("doc.json", file), field, options, sink,
        (node, where) -> new Call(where, List.of(), List.of(), null, null, null, null, null));
  }

  @Test
  void elementsAreReportedAtTheLineWhereTheyStart() throws Exception {
    read("[\n{\"a\": 1},\n\n  {\"b\":\n 2}, {\"c\": 3}\n]\n", null, ReadOptions.DEFAULTS);
    assertThat(events).containsExactly("accept:2", "accept:4", "accept:5");
  }

  @Test
  void anArrayUnderTheNamedFieldIsFoundAfterOtherFields() throws Exception {
    read("{\"run\": {\"nested\": [1, 2]},\n \"calls\": [\n {\"a\": 1}\n], \"after\": true}", "calls", ReadOptions.DEFAULTS);
    assertThat(events).containsExactly("accept:3");
  }

  @Test
  void anElementOverTheSizeLimitIsQuarantinedAndReadingGoesOn() throws Exception {
    String big = "{\"text\": \"" + "x".repeat(2000) + "\"}";
    read("[{\"a\": 1},\n" + big + ",\n{\"b\": 2}]", null, new ReadOptions(1024));
    assertThat(events).hasSize(3);
    assertThat(events.get(0)).isEqualTo("accept:1");
    assertThat(events.get(1)).startsWith("quarantine:2:record is longer than the limit of 1024 bytes");
    assertThat(events.get(2)).isEqualTo("accept:3");
  }

  @Test
  void aSyntaxErrorIsOneQuarantineAndStopsTheFile() throws Exception {
    read("[{\"a\": 1},\n{\"secret\": tru},\n{\"b\": 2}]", null, ReadOptions.DEFAULTS);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo("accept:1");
    assertThat(events.get(1)).startsWith("quarantine:2:invalid JSON").endsWith("(the rest of the file was not read)")
        .doesNotContain("secret").doesNotContain("tru");
  }

  @Test
  void aDocumentOfAnotherShapeIsOneQuarantine() throws Exception {
    read("\n\n\"just a string\"", "calls", ReadOptions.DEFAULTS);
    assertThat(events).containsExactly(
        "quarantine:3:expected a JSON array of records or an object with a \"calls\" array");
  }

  @Test
  void nonObjectElementsAndEmptyFilesAreAccountedFor() throws Exception {
    read("[1, null, [], {}]", null, ReadOptions.DEFAULTS);
    assertThat(events).containsExactly(
        "quarantine:1:expected a JSON object as array element, found a number",
        "quarantine:1:expected a JSON object as array element, found null",
        "quarantine:1:expected a JSON object as array element, found an array",
        "accept:1");
    events.clear();
    read("  \n", null, ReadOptions.DEFAULTS);
    assertThat(events).isEmpty();
  }
}
