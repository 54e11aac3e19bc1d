package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.Call;
import dev.tracemill.model.SourceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Every conversation or array element written ends in exactly one accept or quarantine. */
class SpanReadersAccountingTest {
  private static final List<String> MARKERS =
      List.of("User:", "user:", "Human:", "Assistant:", "AI:", "bot:", "System:", "  ASSISTANT:");
  private static final List<String> SEPARATORS = List.of("---", "=====", "***", "####");
  private static final List<String> WORDS =
      List.of("the", "river", "Lisbon", "tea", "42", "naïve", "—", "::", "note:", "users", "x");

  /** One conversation: its turns (marker + body lines) and how it is damaged, if at all. */
  record Conversation(List<List<String>> turns, int damage) {}

  @Provide
  Arbitrary<List<Conversation>> conversations() {
    return conversation().list().ofMinSize(1).ofMaxSize(8);
  }

  private static Arbitrary<Conversation> conversation() {
    Arbitrary<String> text = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(6).map(ws -> String.join(" ", ws));
    Arbitrary<String> bodyLine = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, text), net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
    Arbitrary<List<String>> turn = Combinators.combine(Arbitraries.of(MARKERS), text.injectNull(0.3),
        bodyLine.list().ofMaxSize(3)).as((marker, first, body) -> {
          List<String> lines = new ArrayList<>();
          lines.add(marker + (first == null ? "" : " " + first));
          lines.addAll(body);
          return lines;
        });
    return Combinators.combine(turn.list().ofMinSize(1).ofMaxSize(5), Arbitraries.integers().between(0, 6))
        .as(Conversation::new);
  }

  @Property(tries = 200)
  void everyTranscriptConversationIsAcceptedOrQuarantinedOnce(
      @ForAll("conversations") List<Conversation> conversations,
      @ForAll("separators") String separator, @ForAll boolean blankAroundSeparators) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int expectedQuarantines = 0;
    for (int i = 0; i < conversations.size(); i++) {
      Conversation c = conversations.get(i);
      if (i > 0) {
        write(out, blankAroundSeparators ? "\n" + separator + "\n\n" : separator + "\n");
      }
      // Damage: 1 = an invalid UTF-8 line inside the first turn; 2 = text before the first marker
      // (only possible at the start of the file, where no earlier conversation can absorb it).
      if (c.damage() == 2 && i == 0) {
        write(out, "Exported on 2026-03-01\n");
        expectedQuarantines++;
      }
      for (int t = 0; t < c.turns().size(); t++) {
        for (String line : c.turns().get(t)) {
          write(out, line + "\n");
        }
        if (t == 0 && c.damage() == 1 && !(i == 0 && expectedQuarantines > 0)) {
          out.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'});
          expectedQuarantines++;
        }
      }
    }
    Counts counts = read(new TranscriptFormat(), "t.txt", out.toByteArray());
    assertThat(counts.accepted + counts.quarantined).isEqualTo(conversations.size());
    assertThat(counts.quarantined).isEqualTo(expectedQuarantines);
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of(SEPARATORS);
  }

  @Property(tries = 200)
  void everyArrayElementIsAcceptedOrQuarantinedOnce(
      @ForAll @Size(max = 30) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 5) Integer> kinds,
      @ForAll boolean wrapped) throws IOException {
    StringBuilder doc = new StringBuilder(wrapped ? "{\"run_id\": \"r\", \"llm_calls\": [\n" : "[\n");
    for (int i = 0; i < kinds.size(); i++) {
      doc.append(i == 0 ? "" : ",\n").append(switch (kinds.get(i)) {
        case 0 -> "{\"success\": true, \"prompt\": \"p\", \"response\": {\"answer\": \"a\"}}";
        case 1 -> "{\"success\": false,\n \"response\": {\"answer\": \"\"}}";
        case 2 -> "{\"success\": \"yes\"}";
        case 3 -> "\"not an object\"";
        case 4 -> "{\"current_batch_content\": \"c\", \"response\": {\"answer\": [1, 2]}}";
        default -> "{\"response\": 7}";
      });
    }
    doc.append(wrapped ? "\n], \"total\": 1}\n" : "\n]\n");
    Counts counts = read(new LlmCallsFormat(), "calls.json", doc.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(counts.accepted + counts.quarantined).isEqualTo(kinds.size());
  }

  private static final class Counts {
    int accepted;
    int quarantined;
  }

  private static Counts read(LogFormat format, String name, byte[] bytes) throws IOException {
    Path file = Files.createTempFile("readers-b", name);
    try {
      Files.write(file, bytes);
      Counts counts = new Counts();
      format.read(new InputFile(name, file), ReadOptions.DEFAULTS, new RecordSink() {
        @Override
        public void accept(Call call) {
          counts.accepted++;
        }

        @Override
        public void quarantine(SourceRef where, String reason) {
          counts.quarantined++;
        }
      });
      return counts;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    try {
      out.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
