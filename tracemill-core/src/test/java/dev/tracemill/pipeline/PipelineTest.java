package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.tracemill.model.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  @TempDir Path dir;

  static String chat(String... turns) {
    ObjectNode row = Json.object();
    var messages = row.putArray("messages");
    for (int i = 0; i < turns.length; i++) {
      messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", turns[i]);
    }
    return Json.write(row);
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private RunConfig.Builder config(Path... inputs) {
    RunConfig.Builder b = RunConfig.builder().out(dir.resolve("out"));
    for (Path p : inputs) {
      b.input(p.toString());
    }
    return b;
  }

  private static List<JsonNode> rows(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      rows.add(Json.MAPPER.readTree(line));
    }
    return rows;
  }

  @Test
  void callsThatRepeatAnEarlierCallsConversationAreCollapsedIntoTheLongest() throws Exception {
    Path in = write("chat.jsonl",
        chat("hi", "hello"),
        chat("hi", "hello", "how are you?", "fine"),
        chat("hi", "hello", "how are you?", "fine", "bye", "goodbye"));
    RunResult result = Pipeline.run(config(in).build(), null);
    JsonNode records = result.report().get("records");
    assertThat(records.get("input").asLong()).isEqualTo(3);
    assertThat(records.get("merged").asLong()).isEqualTo(2);
    assertThat(records.get("emitted").asLong()).isEqualTo(1);
    assertThat(result.report().at("/units/thread").asLong()).isEqualTo(1);
    List<JsonNode> rows = rows(dir.resolve("out/sft/trl/train.jsonl"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("messages")).hasSize(6);
    assertThat(rows(dir.resolve("out/dropped.jsonl")))
        .extracting(d -> d.get("line").asLong() + " " + d.get("fate").asText())
        .containsExactly("1 merged", "2 merged");
  }

  @Test
  void aCallIsNotMergedIntoALongerCallThatIsDropped() throws Exception {
    // The second call has no answer (the application crashed): the first must survive.
    Path in = write("chat.jsonl", chat("hi", "hello"), chat("hi", "hello", "and now?"));
    RunResult result = Pipeline.run(config(in).build(), null);
    assertThat(result.report().at("/records/merged").asLong()).isZero();
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(1);
    assertThat(result.report().at("/records/filtered/empty_response").asLong()).isEqualTo(1);
  }

  @Test
  void everyRecordIsAccountedForAndBadLinesAreQuarantinedWithFileAndLine() throws Exception {
    Path in = write("mixed.jsonl",
        chat("q1", "a1"),
        "{not json",
        chat("q1", "a1"),
        "[1, 2]",
        chat("q2"),
        "",
        chat("q3", "a3"));
    RunResult result = Pipeline.run(config(in).build(), null);
    JsonNode r = result.report().get("records");
    assertThat(r.get("input").asLong()).isEqualTo(6);
    assertThat(r.get("emitted").asLong()).isEqualTo(2);
    assertThat(r.get("quarantined").asLong()).isEqualTo(2);
    assertThat(r.at("/filtered/duplicate").asLong()).isEqualTo(1);
    assertThat(r.at("/filtered/empty_response").asLong()).isEqualTo(1);
    List<JsonNode> quarantine = rows(dir.resolve("out/quarantine.jsonl"));
    assertThat(quarantine).extracting(q -> q.get("line").asLong()).containsExactly(2L, 4L);
    assertThat(quarantine).allSatisfy(q -> {
      assertThat(q.get("file").asText()).isEqualTo(in.toString());
      assertThat(q.get("reason").asText()).isNotBlank().doesNotContain("not json");
    });
    // Every record that was read but not emitted is named, with its fate, in input order.
    assertThat(rows(dir.resolve("out/dropped.jsonl")))
        .extracting(d -> d.get("line").asLong() + " " + d.get("fate").asText() + " " + d.get("reason").asText())
        .containsExactly("3 filtered duplicate", "5 filtered empty_response");
  }

  @Test
  void theSameInputConfigAndSeedGiveByteIdenticalOutputs() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add(chat("question " + i, "answer " + i));
    }
    Path in = write("many.jsonl", lines.toArray(String[]::new));
    RunConfig.Builder b = config(in).splitRatio(List.of(0.8, 0.1, 0.1)).formats(List.of("trl"));
    Pipeline.run(b.build(), null);
    TreeMap<String, byte[]> first = snapshot(dir.resolve("out"));
    Pipeline.run(b.build(), null);
    TreeMap<String, byte[]> second = snapshot(dir.resolve("out"));
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach((k, v) -> assertThat(second.get(k)).as(k).isEqualTo(v));
    assertThat(first).containsKeys("sft/trl/train.jsonl", "sft/trl/val.jsonl", "sft/trl/test.jsonl");
    assertThat(rows(dir.resolve("out/sft/trl/val.jsonl"))).hasSize(6);
  }

  @Test
  void anotherSeedGivesAnotherOrder() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add(chat("question " + i, "answer " + i));
    }
    Path in = write("many.jsonl", lines.toArray(String[]::new));
    Pipeline.run(config(in).seed(1).build(), null);
    String one = Files.readString(dir.resolve("out/sft/trl/train.jsonl"));
    Pipeline.run(config(in).seed(2).build(), null);
    String two = Files.readString(dir.resolve("out/sft/trl/train.jsonl"));
    assertThat(two).isNotEqualTo(one);
    assertThat(two.lines().sorted().toList()).isEqualTo(one.lines().sorted().toList());
  }

  @Test
  void withoutShuffleTheInputOrderIsKept() throws Exception {
    Path in = write("chat.jsonl", chat("b", "2"), chat("a", "1"), chat("c", "3"));
    Pipeline.run(config(in).shuffle(false).build(), null);
    assertThat(rows(dir.resolve("out/sft/trl/train.jsonl")))
        .extracting(r -> r.at("/messages/0/content").asText()).containsExactly("b", "a", "c");
  }

  @Test
  void theLimitCutsTheFinalOrderAndCountsTheRestAsOverLimit() throws Exception {
    Path in = write("chat.jsonl", chat("a", "1"), chat("b", "2"), chat("c", "3"), chat("d", "4"));
    RunResult result = Pipeline.run(config(in).limit(3L).build(), null);
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(3);
    assertThat(result.report().at("/records/filtered/over_limit").asLong()).isEqualTo(1);
    assertThat(rows(dir.resolve("out/sft/trl/train.jsonl"))).hasSize(3);
  }

  @Test
  void responseLengthBoundsFilterWithTheirOwnReasons() throws Exception {
    Path in = write("chat.jsonl", chat("a", "x"), chat("b", "just right"), chat("c", "far too long an answer"));
    RunResult result = Pipeline.run(config(in).minLength(2).maxLength(12).build(), null);
    assertThat(result.report().at("/records/filtered/response_too_short").asLong()).isEqualTo(1);
    assertThat(result.report().at("/records/filtered/response_too_long").asLong()).isEqualTo(1);
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(1);
  }

  @Test
  void strictModeStopsAtTheFirstBadRecordAndLeavesNoOutput() throws Exception {
    Path in = write("bad.jsonl", chat("a", "1"), "{oops");
    assertThatThrownBy(() -> Pipeline.run(config(in).strict(true).build(), null))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining(in + ":2")
        .hasMessageNotContaining("oops");
    assertThat(dir.resolve("out/report.json")).doesNotExist();
    assertThat(dir.resolve("out/.tracemill-tmp")).doesNotExist();
  }

  @Test
  void aMissingInputFailsFastNamingIt() {
    assertThatThrownBy(() -> Pipeline.run(config(dir.resolve("nope.jsonl")).build(), null))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("nope.jsonl")
        .hasMessageContaining("no such file");
  }

  @Test
  void compressedFilesDirectoriesAndStdinAreRead() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("logs/day1"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(sub.resolve("a.jsonl.gz")))) {
      out.write((chat("gz question", "gz answer") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(sub.resolve("b.jsonl.zst")))) {
      out.write((chat("zst question", "zst answer") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(sub.resolve(".hidden.jsonl"), chat("hidden", "skip me") + "\n");
    RunConfig cfg = RunConfig.builder().out(dir.resolve("out")).input(dir.resolve("logs").toString())
        .input("-").build();
    byte[] stdin = (chat("stdin question", "stdin answer") + "\n").getBytes(StandardCharsets.UTF_8);
    RunResult result = Pipeline.run(cfg, null, new ByteArrayInputStream(stdin));
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(3);
    assertThat(result.report().get("inputs")).extracting(i -> i.get("path").asText())
        .containsExactly(sub.resolve("a.jsonl.gz").toString(), sub.resolve("b.jsonl.zst").toString(), "-");
  }

  @Test
  void aRunNeverReadsItsOwnOutputsWhenTheOutputFolderIsInsideAnInputFolder() throws Exception {
    write("chat.jsonl", chat("q", "a"));
    RunConfig cfg = RunConfig.builder().input(dir.toString()).out(dir.resolve("out")).build();
    Pipeline.run(cfg, null);
    RunResult second = Pipeline.run(cfg, null);
    assertThat(second.report().get("inputs")).extracting(i -> i.get("path").asText())
        .containsExactly(dir.resolve("chat.jsonl").toString());
    assertThat(second.report().at("/records/input").asLong()).isEqualTo(1);
  }

  @Test
  void anEarlierRunsSplitFilesAreReplacedNotMixed() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add(chat("q" + i, "a" + i));
    }
    Path in = write("chat.jsonl", lines.toArray(String[]::new));
    Pipeline.run(config(in).splitRatio(List.of(0.5, 0.5)).build(), null);
    assertThat(dir.resolve("out/sft/trl/val.jsonl")).exists();
    Pipeline.run(config(in).build(), null);
    assertThat(dir.resolve("out/sft/trl/val.jsonl")).doesNotExist();
    assertThat(rows(dir.resolve("out/sft/trl/train.jsonl"))).hasSize(20);
  }

  @Test
  void theOpenAiCookbooksDefectiveRowsAreReportedNotCrashedOn() throws Exception {
    Path cookbook = dev.tracemill.testing.SharedData.file("fixtures/openai-cookbook/toy_chat_fine_tuning.jsonl");
    RunResult result = Pipeline.run(RunConfig.builder().input(cookbook.toString()).out(dir.resolve("out"))
        .formats(List.of("trl", "openai")).build(), null);
    JsonNode r = result.report().get("records");
    assertThat(r.get("input").asLong()).isEqualTo(5);
    // Row 4 has a system prompt and an answer but no user turn: filtered with its reason.
    assertThat(r.at("/filtered/no_user_turn").asLong()).isEqualTo(1);
    assertThat(r.get("emitted").asLong()).isEqualTo(4);
    assertThat(r.get("quarantined").asLong()).isZero();
    assertThat(rows(dir.resolve("out/sft/openai/train.jsonl"))).hasSize(4);
  }

  @Test
  void aLongFirstRecordAByteOrderMarkOrABrokenFirstLineDoNotHideAFileFromDetection() throws Exception {
    String longAnswer = "x".repeat(100_000);
    Path dirIn = Files.createDirectories(dir.resolve("in"));
    Files.writeString(dirIn.resolve("long.jsonl"), chat("q1", longAnswer) + "\n" + chat("q2", "a2") + "\n");
    Files.writeString(dirIn.resolve("bom.jsonl"), "\uFEFF" + chat("q3", "a3") + "\n");
    Files.writeString(dirIn.resolve("broken.jsonl"), "{\"messages\": [{\"role\": \"us\n" + chat("q4", "a4") + "\n");
    RunResult result = Pipeline.run(RunConfig.builder().input(dirIn.toString()).out(dir.resolve("out")).build(), null);
    assertThat(result.report().get("inputs")).extracting(i -> i.get("format").asText())
        .containsExactly("chat", "chat", "chat");
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(4);
    assertThat(result.report().at("/records/quarantined").asLong()).isEqualTo(1);
  }

  @Test
  void aTruncatedCompressedFileIsOneQuarantinedRecordNamingIt() throws Exception {
    Path dirIn = Files.createDirectories(dir.resolve("in"));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < 200; i++) {
        gz.write((chat("question " + i, "answer " + i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] all = bytes.toByteArray();
    Files.write(dirIn.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(all, all.length / 2));
    Files.writeString(dirIn.resolve("ok.jsonl"), chat("fine", "yes") + "\n");
    RunResult result = Pipeline.run(RunConfig.builder().input(dirIn.toString()).out(dir.resolve("out")).build(), null);
    List<JsonNode> quarantine = rows(dir.resolve("out/quarantine.jsonl"));
    assertThat(quarantine).last().satisfies(q -> {
      assertThat(q.get("file").asText()).endsWith("cut.jsonl.gz");
      assertThat(q.get("reason").asText()).contains("truncated or corrupt compressed file");
    });
    assertThat(result.report().at("/records/emitted").asLong()).as("the other file is still read").isGreaterThanOrEqualTo(1);
  }

  @Test
  void anInputThatIsTheOutputFolderFailsFast() {
    assertThatThrownBy(() -> Pipeline.run(RunConfig.builder().input(dir.toString()).out(dir).build(), null))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("is the output folder");
  }

  @Test
  void theSplitOfAUnitDoesNotDependOnHowItsInputPathIsSpelled() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add(chat("question " + i, "answer " + i));
    }
    Path in = write("many.jsonl", lines.toArray(String[]::new));
    Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("renamed.jsonl");
    Files.copy(in, copy);
    Pipeline.run(config(in).splitRatio(List.of(0.5, 0.5)).build(), null);
    String first = Files.readString(dir.resolve("out/sft/trl/val.jsonl"));
    Pipeline.run(config(copy).splitRatio(List.of(0.5, 0.5)).build(), null);
    assertThat(Files.readString(dir.resolve("out/sft/trl/val.jsonl"))).isEqualTo(first);
  }

  @Test
  void aUnitNoRequestedFormatCanExpressIsFilteredNotCountedAsEmitted() throws Exception {
    String toolCall = "{\"messages\": [{\"role\": \"user\", \"content\": \"weather?\"},"
        + " {\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\","
        + " \"function\": {\"name\": \"w\", \"arguments\": \"{}\"}}]},"
        + " {\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"sunny\"},"
        + " {\"role\": \"assistant\", \"content\": \"Sunny.\"}]}";
    Path in = write("chat.jsonl", chat("q", "a"), toolCall);
    RunResult result = Pipeline.run(config(in).formats(List.of("alpaca")).build(), null);
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(1);
    assertThat(result.report().at("/records/filtered/not_exportable").asLong()).isEqualTo(1);
    assertThat(result.report().at("/exports/alpaca/skipped/tools_not_supported").asLong()).isEqualTo(1);
    assertThat(rows(dir.resolve("out/dropped.jsonl"))).extracting(d -> d.get("reason").asText())
        .containsExactly("not_exportable");
  }

  @Test
  void aUserTurnWithoutTextFiltersTheUnit() throws Exception {
    String imageOnly = "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
        + " \"image_url\": {\"url\": \"https://example.com/a.png\"}}]}, {\"role\": \"assistant\", \"content\": \"A cat.\"}]}";
    Path in = write("chat.jsonl", imageOnly, chat("q", "a"));
    RunResult result = Pipeline.run(config(in).build(), null);
    assertThat(result.report().at("/records/filtered/empty_user_turn").asLong()).isEqualTo(1);
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(1);
  }

  @Test
  void personalDataIsReplacedBeforeExportAndCountedWithoutValues() throws Exception {
    String email = "jane.roe@qzxmail.io";
    Path in = write("chat.jsonl", chat("Please send the invoice to " + email + ".", "Sent to " + email + "."));
    RunResult result = Pipeline.run(config(in).build(), null);
    String row = Files.readString(dir.resolve("out/sft/trl/train.jsonl"));
    assertThat(row).doesNotContain(email).contains("@example.");
    String report = Files.readString(dir.resolve("out/report.json"));
    assertThat(report).doesNotContain(email).doesNotContain("qzxmail");
    assertThat(result.report().at("/pii/enabled").asBoolean()).isTrue();
    assertThat(result.report().at("/pii/by_type/EMAIL").asLong()).isEqualTo(2);
    assertThat(result.report().at("/pii/by_location/message_text").asLong()).isEqualTo(2);
    assertThat(result.report().at("/pii/by_detector/rule-email").asLong()).isEqualTo(2);
  }

  @Test
  void piiOffLeavesTheTextAndTheReportSaysSo() throws Exception {
    String email = "jane.roe@qzxmail.io";
    Path in = write("chat.jsonl", chat("Mail " + email, "Done."));
    RunResult result = Pipeline.run(config(in).pii(false).build(), null);
    assertThat(Files.readString(dir.resolve("out/sft/trl/train.jsonl"))).contains(email);
    assertThat(result.report().at("/pii/enabled").asBoolean()).isFalse();
    assertThat(result.report().at("/config/pii").asText()).isEqualTo("off");
  }

  @Test
  void aUnitHoldingAPrivateKeyIsDroppedWithItsReason() throws Exception {
    String pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAx4fGQ8vZr3pR2mN9sTqW1yU7kL0bH5cD8eF2gJ4iK6lM1nO3p"
        + "Q5rS7tU9vW0xY2zA4bC6dE8fG0hI2jK4lM6nO8pQ0rS2tU4vW6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6rS8tU0vW2xY4z\\n"
        + "-----END RSA PRIVATE KEY-----";
    Path in = write("chat.jsonl", chat("Here is our deploy key: " + pem, "Thanks."), chat("Hello", "Hi!"));
    RunResult result = Pipeline.run(config(in).build(), null);
    assertThat(result.report().at("/records/filtered/contains_private_key").asLong()).isEqualTo(1);
    assertThat(result.report().at("/records/emitted").asLong()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out/sft/trl/train.jsonl"))).doesNotContain("PRIVATE KEY");
    assertThat(rows(dir.resolve("out/dropped.jsonl"))).extracting(d -> d.get("reason").asText())
        .containsExactly("contains_private_key");
  }

  @Test
  void withACorpusKeyTheSameValueGetsTheSameSurrogateInEveryUnit() throws Exception {
    String email = "jane.roe@qzxmail.io";
    Path in = write("chat.jsonl", chat("Write to " + email, "OK."), chat("Copy " + email + " too", "Sure."));
    Pipeline.run(config(in).shuffle(false).piiKey(dev.tracemill.privacy.PiiKey.of("k")).build(), null);
    List<JsonNode> rows = rows(dir.resolve("out/sft/trl/train.jsonl"));
    String first = rows.get(0).at("/messages/0/content").asText().substring("Write to ".length());
    assertThat(rows.get(1).at("/messages/0/content").asText()).contains(first);
    assertThat(Files.readString(dir.resolve("out/report.json"))).doesNotContain("\"k\"");
  }

  @Test
  void redactionDoesNotStopTheCollapseOfAConversationThatNamesAPerson() throws Exception {
    Path in = write("chat.jsonl",
        chat("Hi, my name is Jane Doe.", "Hello Jane!"),
        chat("Hi, my name is Jane Doe.", "Hello Jane!", "Can you help me?", "Sure."));
    RunResult result = Pipeline.run(config(in).build(), null);
    assertThat(result.report().at("/records/merged").asLong()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out/sft/trl/train.jsonl"))).doesNotContain("Jane Doe");
  }

  @Test
  void anAuditSampleShowsOriginalsBesideRedactionsOnlyWhenAskedAndIsRemovedAfterwards() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(chat("Mail user" + i + "@qzxmail.io about order " + i, "Done."));
    }
    lines.add(chat("What is two plus two?", "Four."));
    Path in = write("chat.jsonl", lines.toArray(String[]::new));
    RunResult result = Pipeline.run(config(in).auditSample(3).build(), null);
    List<JsonNode> sample = rows(dir.resolve("out/audit-sample.SENSITIVE.jsonl"));
    assertThat(sample).hasSize(3).allSatisfy(s -> {
      assertThat(s.at("/original/0/text").asText()).contains("@qzxmail.io");
      assertThat(s.at("/redacted/0/text").asText()).doesNotContain("@qzxmail.io");
    });
    assertThat(result.report().at("/pii/audit_sample/units").asInt()).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("out/report.json"))).doesNotContain("qzxmail");
    assertThat(Files.readString(dir.resolve("out/sft/trl/train.jsonl"))).doesNotContain("qzxmail");

    Pipeline.run(config(in).build(), null);
    assertThat(dir.resolve("out/audit-sample.SENSITIVE.jsonl")).doesNotExist();
  }

  @Test
  void theLeakGateFailsTheRunWhenAReplacedValueSurvivesSomewhereAndWritesNothing() throws Exception {
    String email = "ops.lead@qzxmail.io";
    // The e-mail is replaced in the message, but a tool schema repeats it as a $defs name (kept, since
    // $refs point to it): the gate must find it in the exported tools and stop the run.
    String row = "{\"messages\": [{\"role\": \"user\", \"content\": \"Escalate to " + email + "\"},"
        + " {\"role\": \"assistant\", \"content\": \"Done.\"}],"
        + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"escalate\","
        + " \"description\": \"Mails " + email + "\", \"parameters\": {\"type\": \"object\", \"properties\": {},"
        + " \"$defs\": {\"" + email + "\": {\"type\": \"string\"}}}}}]}";
    Path in = write("chat.jsonl", row);
    assertThatThrownBy(() -> Pipeline.run(config(in).build(), null))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("leak gate")
        .hasMessageContaining("sft/trl/train.jsonl:1 (EMAIL)")
        .hasMessageNotContaining(email);
    assertThat(dir.resolve("out/sft/trl/train.jsonl")).doesNotExist();
    assertThat(dir.resolve("out/report.json")).doesNotExist();
  }

  @Test
  void theLeakGatePassesAndReportsWhatItChecked() throws Exception {
    Path in = write("chat.jsonl", chat("Mail ops.lead@qzxmail.io please", "Done."));
    RunResult result = Pipeline.run(config(in).build(), null);
    assertThat(result.report().at("/pii/residual").asInt()).isZero();
    assertThat(result.report().at("/pii/leak_gate/values_searched").asInt()).isEqualTo(1);
    // The training file and its meta sidecar.
    assertThat(result.report().at("/pii/leak_gate/files_checked").asInt()).isEqualTo(2);
  }

  private static TreeMap<String, byte[]> snapshot(Path root) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
