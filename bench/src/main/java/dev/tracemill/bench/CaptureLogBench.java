package dev.tracemill.bench;

import dev.tracemill.capture.FlushPolicy;
import dev.tracemill.capture.LlmCall;
import dev.tracemill.capture.Message;
import dev.tracemill.capture.TrainingDataLogger;
import dev.tracemill.capture.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of {@code TrainingDataLogger.log} for one call of about 2 KB (a 2,048-byte line) on the local
 * disk, per flush policy. Sample-time mode, so the report has the median ({@code p0.50}) as well as the
 * mean. Each iteration writes a fresh file under {@code bench/out/capture/} (on disk, not tmpfs), deleted
 * afterwards, so the file never grows past one iteration's lines.
 *
 * <p>Run with {@code bench/capture.sh}; it never fails on a timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CaptureLogBench {
  /**
   * {@code every_line}: the default (one write per call under the JVM and file locks);
   * {@code buffered}: {@link FlushPolicy#buffered()} (64 KiB, at least once a second);
   * {@code every_line_no_process_lock}: the default without the file lock (single-process files);
   * {@code synced}: one write and one fsync per call.
   */
  @Param({"every_line", "buffered"})
  public String policy;

  private TrainingDataLogger logger;
  private Path file;
  private LlmCall call;

  /** A realistic call whose written line is 2,048 bytes (checked in {@link #open()}). */
  static LlmCall call(int pad) {
    String system = "You are a support assistant for an online bike shop. Answer in the customer's language, "
        + "cite the order number when there is one, never promise refunds the policy does not allow, and "
        + "hand over to a human when the customer asks for one or is upset.";
    String user = "Hi, I ordered the NB-TRAIL-3 frame (order ORD-20931) two weeks ago and the tracking page still "
        + "says 'label created'. I need it before the race on the 14th. Could you check with the courier whether "
        + "the parcel has actually left your warehouse, and if it has not, can you ship a replacement by express "
        + "instead? I am happy to pay the difference for express shipping if that helps. Also, the confirmation "
        + "e-mail listed the wrong colour (matte black instead of forest green); please make sure the frame that "
        + "ships is the green one I chose. Thanks a lot, and sorry for the long message. " + "x".repeat(pad);
    String answer = "Thanks for the details. Order ORD-20931 has not left our warehouse yet: the courier never "
        + "collected it. I have cancelled that shipment and booked an express replacement at no extra cost; it "
        + "ships today and arrives within two working days, well before the 14th. I also checked the picking "
        + "list: the frame reserved for you is forest green, as you ordered. You will get a new tracking link "
        + "by e-mail within the hour.";
    return LlmCall.builder("support_reply")
        .messages(List.of(Message.system(system), Message.user(user)))
        .response(answer)
        .model("gpt-4.1-mini")
        .usage(Usage.of(412, 96))
        .latency(Duration.ofMillis(830))
        .finishReason("stop")
        .metadata(Map.of("ticket", 48213, "channel", "email"))
        .build();
  }

  @Setup(Level.Iteration)
  public void open() throws IOException {
    Path dir = Path.of(System.getProperty("capture.bench.dir", "bench/out/capture"));
    Files.createDirectories(dir);
    file = Files.createTempFile(dir, "calls-", ".jsonl");
    FlushPolicy flush = switch (policy) {
      case "every_line", "every_line_no_process_lock" -> FlushPolicy.everyLine();
      case "buffered" -> FlushPolicy.buffered();
      case "synced" -> FlushPolicy.everyLineSynced();
      default -> throw new IllegalArgumentException("unknown policy " + policy);
    };
    logger = TrainingDataLogger.builder(file).runMetadata(Map.of("app", "bench", "run_id", "bench-run"))
        .flushPolicy(flush).processLock(!policy.equals("every_line_no_process_lock")).build();
    if (call == null) {
      call = sized(2048, dir);
    }
  }

  /** The call whose line is {@code bytes} long: measured by writing it once to a scratch file. */
  private static LlmCall sized(int bytes, Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, "probe-", ".jsonl");
    try {
      try (TrainingDataLogger l = TrainingDataLogger.builder(probe).runMetadata(Map.of("app", "bench", "run_id", "bench-run")).build()) {
        l.log(call(0));
      }
      long base = Files.size(probe);
      if (base > bytes) {
        throw new IllegalStateException("the base call is already " + base + " bytes");
      }
      return call((int) (bytes - base));
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    logger.close();
    Files.deleteIfExists(file);
  }

  @Benchmark
  public void log() {
    logger.log(call);
  }
}
