package dev.tracemill.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A separate writer process for the multi-process tests:
 * {@code CaptureWriterMain FILE WRITER_ID CALLS GO_FILE}. It prints {@code ready}, waits for
 * {@code GO_FILE} to exist, then logs {@code CALLS} calls of 2 to 40 KB (seeded by the writer id),
 * printing each call's number once {@code log} has returned. CALLS 0 means: until killed.
 */
public final class CaptureWriterMain {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String writer = args[1];
    long calls = Long.parseLong(args[2]);
    Path go = Path.of(args[3]);
    Random random = new Random(writer.hashCode());
    System.out.println("ready");
    System.out.flush();
    while (!Files.exists(go)) {
      Thread.sleep(5);
    }
    try (TrainingDataLogger log = new TrainingDataLogger(file, Map.of("writer", writer))) {
      for (long i = 0; calls == 0 || i < calls; i++) {
        String text = ("w" + writer + "-" + i + " ").repeat(200 + random.nextInt(4000));
        log.log("stress", List.of(Message.user(text)), "ok " + i, Map.of("seq", i));
        System.out.println(i);
        System.out.flush();
      }
    }
  }
}
