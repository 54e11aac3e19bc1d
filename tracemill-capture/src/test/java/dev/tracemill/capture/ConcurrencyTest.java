package dev.tracemill.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads and many processes writing one file: every line whole, none lost. */
class ConcurrencyTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final int THREADS = 16;
  static final int CALLS = 10_000;

  @TempDir Path dir;

  @Test
  void sixteenThreadsTimesTenThousandCallsGiveExactlyThatManyValidLines() throws Exception {
    assertAllLinesArrive(FlushPolicy.everyLine(), CALLS);
  }

  /** Fewer calls: what this adds is lines straddling the buffer's boundaries and timed flushes. */
  @Test
  void sixteenThreadsWithABufferedLoggerGiveExactlyThatManyValidLines() throws Exception {
    assertAllLinesArrive(FlushPolicy.buffered(8 * 1024, Duration.ofMillis(5)), 2_000);
  }

  private void assertAllLinesArrive(FlushPolicy policy, int calls) throws Exception {
    Path file = dir.resolve("calls.jsonl");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    try (TrainingDataLogger log = TrainingDataLogger.builder(file).flushPolicy(policy).build()) {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < calls; i++) {
            // Sizes vary so that lines straddle buffer boundaries.
            log.log("t" + thread, List.of(Message.user("thread " + thread + " call " + i + " " + "x".repeat(i % 300))),
                "answer é " + i, Map.of("thread", thread, "seq", i));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      assertThat(log.count()).isEqualTo((long) THREADS * calls);
      assertThat(log.stats()).hasSize(THREADS).allSatisfy((k, v) -> assertThat(v).isEqualTo((long) calls));
    } finally {
      pool.shutdownNow();
    }
    int[] next = new int[THREADS];
    long lines = 0;
    try (Stream<String> stream = Files.lines(file, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) stream::iterator) {
        JsonNode row = MAPPER.readTree(line);
        int thread = row.at("/metadata/thread").asInt();
        // Each thread's calls arrive in the order it made them.
        assertThat(row.at("/metadata/seq").asInt()).isEqualTo(next[thread]++);
        lines++;
      }
    }
    assertThat(lines).isEqualTo((long) THREADS * calls);
  }

  @Test
  void twoLoggersOfOneFileInOneJvmShareItsLock() throws Exception {
    Path file = dir.resolve("two.jsonl");
    int calls = 2_000;
    try (TrainingDataLogger a = TrainingDataLogger.builder(file).runId("a").build();
        TrainingDataLogger b = TrainingDataLogger.builder(dir.resolve(".").resolve("two.jsonl")).runId("b")
            .processLock(false).build()) {
      Thread ta = new Thread(() -> {
        for (int i = 0; i < calls; i++) {
          a.log("t", List.of(Message.user("a".repeat(3000))), "v", Map.of("seq", i));
        }
      });
      ta.start();
      for (int i = 0; i < calls; i++) {
        b.log("t", List.of(Message.user("b".repeat(3000))), "v", Map.of("seq", i));
      }
      ta.join();
    }
    Map<String, Integer> next = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode row = MAPPER.readTree(line);
      String run = row.get("run_id").asText();
      assertThat(row.at("/metadata/seq").asInt()).isEqualTo(next.getOrDefault(run, 0));
      next.put(run, next.getOrDefault(run, 0) + 1);
    }
    assertThat(next).containsEntry("a", calls).containsEntry("b", calls);
  }

  @Test
  void interruptsArrivingDuringWritesLoseNoLineAndDuplicateNone() throws Exception {
    Path file = dir.resolve("interrupted.jsonl");
    int calls = 1500;
    try (TrainingDataLogger log = new TrainingDataLogger(file)) {
      Thread writer = new Thread(() -> {
        for (int i = 0; i < calls; i++) {
          log.log("t", List.of(Message.user("x".repeat(20_000))), "v", Map.of("seq", i));
        }
      });
      writer.start();
      while (writer.isAlive()) {
        writer.interrupt();
        Thread.onSpinWait();
      }
      writer.join();
      assertThat(log.count()).isEqualTo(calls);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> odd = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.endsWith("}")) {
        odd.add(i + ":torn(" + l.length() + ")");
      } else if (i > 0 && lines.get(i - 1).endsWith("}") && MAPPER.readTree(l).at("/metadata/seq").asInt() == MAPPER.readTree(lines.get(i - 1)).at("/metadata/seq").asInt()) {
        odd.add(i + ":dup");
      }
    }
    assertThat(odd).as("torn or repeated lines").isEmpty();
    assertThat(lines).hasSize(calls);
    for (int i = 0; i < calls; i++) {
      assertThat(MAPPER.readTree(lines.get(i)).at("/metadata/seq").asInt()).isEqualTo(i);
    }
  }

  static Process writer(Path file, String id, long calls, Path go) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), CaptureWriterMain.class.getName(), file.toString(), id,
        Long.toString(calls), go.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  static BufferedReader out(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  @Test
  void twoProcessesWritingOneFileNeverInterleaveLines() throws Exception {
    Path file = dir.resolve("shared.jsonl");
    Path go = dir.resolve("go");
    int calls = 800;
    Process a = writer(file, "a", calls, go);
    Process b = writer(file, "b", calls, go);
    try {
      BufferedReader outA = out(a);
      BufferedReader outB = out(b);
      assertThat(outA.readLine()).isEqualTo("ready");
      assertThat(outB.readLine()).isEqualTo("ready");
      Files.createFile(go);
      drain(outA);
      drain(outB);
      assertThat(a.waitFor()).isZero();
      assertThat(b.waitFor()).isZero();
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
    Map<String, Integer> next = new HashMap<>();
    int switches = 0;
    String last = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode row = MAPPER.readTree(line);
      String w = row.at("/metadata/writer").asText();
      int seq = row.at("/metadata/seq").asInt();
      assertThat(seq).isEqualTo(next.getOrDefault(w, 0));
      assertThat(row.at("/messages/0/content").asText()).startsWith("w" + w + "-" + seq + " ");
      next.put(w, seq + 1);
      switches += last != null && !last.equals(w) ? 1 : 0;
      last = w;
    }
    assertThat(next).containsEntry("a", calls).containsEntry("b", calls);
    // The writers really ran at the same time (else the test proves nothing).
    assertThat(switches).isGreaterThan(1);
  }

  private static void drain(BufferedReader r) throws Exception {
    while (r.readLine() != null) {
      // acknowledgements are not needed here
    }
  }

  @Test
  void aKilledWriterLosesAtMostItsLastLineAndTheNextWriterCarriesOn() throws Exception {
    Path file = dir.resolve("killed.jsonl");
    Path go = dir.resolve("go");
    Process p = writer(file, "k", 0, go);
    long acknowledged = -1;
    try {
      BufferedReader out = out(p);
      assertThat(out.readLine()).isEqualTo("ready");
      Files.createFile(go);
      String line;
      while ((line = out.readLine()) != null) {
        acknowledged = Long.parseLong(line);
        if (acknowledged >= 100) {
          p.destroyForcibly();
          break;
        }
      }
      p.waitFor();
    } finally {
      p.destroyForcibly();
    }
    // Every call whose log() returned is in the file; at most one line (the last) is torn.
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int valid = 0;
    for (int i = 0; i < lines.size(); i++) {
      try {
        JsonNode row = MAPPER.readTree(lines.get(i));
        assertThat(row.at("/metadata/seq").asLong()).isEqualTo(i);
        valid++;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        assertThat(i).as("only the last line may be torn").isEqualTo(lines.size() - 1);
      }
    }
    assertThat((long) valid).isGreaterThanOrEqualTo(acknowledged + 1);
    try (TrainingDataLogger log = new TrainingDataLogger(file, Map.of("writer", "next"))) {
      log.log("after", List.of(Message.user("after the crash")), "ok");
    }
    List<String> after = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(MAPPER.readTree(after.get(after.size() - 1)).get("call_type").asText()).isEqualTo("after");
    assertThat(after).hasSize(valid == lines.size() ? valid + 1 : valid + 2);

    // tracemill run reads every whole line and quarantines the torn one, if the kill tore one.
    var report = dev.tracemill.pipeline.Pipeline.run(dev.tracemill.pipeline.RunConfig.builder()
        .input(file.toString()).out(dir.resolve("out")).pii(false).dedup(false).build(), null).report();
    assertThat(report.at("/inputs/0/format").asText()).isEqualTo("logger");
    assertThat(report.at("/records/input").asInt()).isEqualTo(after.size());
    assertThat(report.at("/records/quarantined").asInt()).isEqualTo(after.size() - valid - 1);
  }
}
