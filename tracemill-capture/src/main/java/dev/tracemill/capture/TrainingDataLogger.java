package dev.tracemill.capture;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records an application's LLM calls as training data: one JSON line per call, in the shape
 * {@code tracemill run} detects by itself (the {@code logger} format), so {@code tracemill run
 * --input calls.jsonl --out data/} needs no options.
 *
 * <pre>{@code
 * try (TrainingDataLogger log = new TrainingDataLogger(Path.of("logs/calls.jsonl"), Map.of("app", "triage"))) {
 *   log.log("classify", List.of(Message.system("Label the ticket."), Message.user(ticket)), answer);
 * }
 * }</pre>
 *
 * <p>Each line holds {@code messages} (the prompt, ending with the assistant response),
 * {@code call_type}, {@code metadata} (the run metadata merged with the call's; the call's value wins
 * on a shared key; keys sorted), {@code timestamp} (UTC, ISO-8601, microseconds) and {@code run_id}, plus what
 * {@link #log(LlmCall)} was given of tools, model, usage, latency, finish reason and error.
 *
 * <p><b>Guarantees.</b> The file is opened for appending (its parent directories are created), so runs
 * add to it. Each line is encoded before any lock is taken and written whole in one write under a
 * lock shared by the JVM's loggers of that file and an exclusive file lock, so many threads and many
 * processes can share one file without interleaving. When a line reaches the file is the
 * {@link FlushPolicy} (by default: before {@code log} returns). A process killed while writing leaves
 * at most one torn last line, which the next writer isolates with a newline and which
 * {@code tracemill run} quarantines (file, line, reason) without losing the lines before it.
 *
 * <p>Thread-safe. {@code log} throws {@link UncheckedIOException} when the file cannot be written, and
 * {@link IllegalStateException} after {@link #close()}. Nothing is written to the application's own
 * logs; {@link #toString()} and exceptions never hold call texts.
 */
public final class TrainingDataLogger implements AutoCloseable {
  private static final ThreadLocal<JsonOut> BUFFERS = ThreadLocal.withInitial(JsonOut::new);

  private final LineFile file;
  private final Map<String, Object> runMetadata;
  private final String runId;
  private final Clock clock;
  private final FlushPolicy policy;
  private final CaptureRedactor redactor;
  private final ConcurrentHashMap<String, LongAdder> perType = new ConcurrentHashMap<>();
  private final LongAdder count = new LongAdder();
  // Buffered policy only.
  private final Object bufferLock = new Object();
  private final ByteBuffer buffer;
  private final ScheduledExecutorService flusher;
  private final Thread shutdownHook;
  private volatile boolean closed;

  /** A logger with no run metadata, a generated run id and {@link FlushPolicy#everyLine()}. */
  public TrainingDataLogger(Path path) {
    this(builder(path));
  }

  /**
   * A logger whose lines all carry {@code runMetadata} (copied); its {@code run_id} entry, when given,
   * is the run id, else one is generated.
   */
  public TrainingDataLogger(Path path, Map<String, ?> runMetadata) {
    this(builder(path).runMetadata(runMetadata));
  }

  private TrainingDataLogger(Builder b) {
    this.runMetadata = Collections.unmodifiableSortedMap(new TreeMap<>(JsonOut.sorted(b.runMetadata)));
    Object given = b.runId != null ? b.runId : runMetadata.get("run_id");
    this.runId = given != null ? given.toString() : UUID.randomUUID().toString();
    this.clock = b.clock;
    this.policy = b.flushPolicy;
    this.redactor = b.redactor;
    try {
      this.file = new LineFile(b.path, b.processLock, policy.kind() == FlushPolicy.Kind.SYNCED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + b.path + " for appending: " + e.getMessage(), e);
    }
    if (policy.kind() == FlushPolicy.Kind.BUFFERED) {
      buffer = ByteBuffer.allocate(policy.bufferBytes());
      flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tracemill-capture-flush");
        t.setDaemon(true);
        return t;
      });
      long every = Math.max(1, policy.maxDelay().toMillis());
      flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
      shutdownHook = new Thread(this::flushQuietly, "tracemill-capture-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      buffer = null;
      flusher = null;
      shutdownHook = null;
    }
  }

  public static Builder builder(Path path) {
    return new Builder(path);
  }

  /** Logs a call whose response is {@code response}. */
  public void log(String callType, List<Message> messages, String response) {
    log(LlmCall.builder(callType).messages(messages).response(response).build());
  }

  /** Logs a call with its own metadata, merged over the run metadata. */
  public void log(String callType, List<Message> messages, String response, Map<String, ?> metadata) {
    log(LlmCall.builder(callType).messages(messages).response(response).metadata(metadata).build());
  }

  /** Logs a call with everything it recorded (tools, tool calls, usage, model, latency, error...). */
  public void log(LlmCall call) {
    requireNonNull(call, "call is null");
    if (closed) {
      throw new IllegalStateException("this TrainingDataLogger (" + file.path() + ") is closed");
    }
    LlmCall written = redactor == null ? call : requireNonNull(redactor.redact(call), "the redactor returned null");
    JsonOut out = BUFFERS.get();
    out.reset();
    LineEncoder.encode(out, written, runMetadata, clock.instant(), runId);
    try {
      if (buffer == null) {
        file.append(out.view());
      } else {
        buffered(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a line to " + file.path() + ": " + e.getMessage(), e);
    }
    count.increment();
    perType.computeIfAbsent(written.callType(), k -> new LongAdder()).increment();
  }

  private void buffered(JsonOut out) throws IOException {
    synchronized (bufferLock) {
      if (closed) {
        throw new IllegalStateException("this TrainingDataLogger (" + file.path() + ") is closed");
      }
      if (out.length() > buffer.remaining()) {
        drain();
      }
      if (out.length() > buffer.remaining()) {
        file.append(out.view());
      } else {
        out.copyTo(buffer);
      }
    }
  }

  /** Writes buffered lines now (a no-op with an every-line policy). */
  public void flush() {
    if (buffer == null) {
      return;
    }
    synchronized (bufferLock) {
      try {
        drain();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write buffered lines to " + file.path() + ": " + e.getMessage(), e);
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // The next log() or close() reports the failure to the application.
    }
  }

  private void drain() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    try {
      file.append(buffer);
    } finally {
      buffer.clear();
    }
  }

  /** The run id written on every line: {@code run_id} of the run metadata, or a random UUID. */
  public String runId() {
    return runId;
  }

  /** Calls logged so far, per call type, sorted by call type. */
  public Map<String, Long> stats() {
    Map<String, Long> out = new TreeMap<>();
    perType.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Calls logged so far. */
  public long count() {
    return count.sum();
  }

  public Path path() {
    return file.path();
  }

  /** Writes what is buffered and closes the file. Further {@code log} calls throw; closing twice is fine. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    IOException failure = null;
    if (buffer != null) {
      // shutdown(), not shutdownNow(): an interrupt would close the file channel under a running flush.
      flusher.shutdown();
      synchronized (bufferLock) {
        try {
          drain();
        } catch (IOException e) {
          failure = e;
        }
        closed = true;
      }
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running or has run.
      }
    }
    closed = true;
    try {
      file.close();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot finish " + file.path() + ": " + failure.getMessage(), failure);
    }
  }

  @Override
  public String toString() {
    return "TrainingDataLogger[" + file.path() + ", run " + runId + ", " + policy + ", " + count() + " calls"
        + (redactor == null ? "" : ", redacting") + "]";
  }

  /** Configures a {@link TrainingDataLogger}; only the path is required. */
  public static final class Builder {
    private final Path path;
    private Map<String, ?> runMetadata = Map.of();
    private String runId;
    private Clock clock = Clock.systemUTC();
    private FlushPolicy flushPolicy = FlushPolicy.everyLine();
    private CaptureRedactor redactor;
    private boolean processLock = true;

    private Builder(Path path) {
      this.path = requireNonNull(path, "path is null");
    }

    public Builder runMetadata(Map<String, ?> value) {
      this.runMetadata = requireNonNull(value, "runMetadata is null. Use Map.of() for none");
      return this;
    }

    /** The run id; by default {@code run_id} of the run metadata, else a random UUID. */
    public Builder runId(String value) {
      this.runId = requireNonNull(value, "runId is null");
      return this;
    }

    /** The clock of the {@code timestamp} field (tests pass a fixed one). */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock is null. Use Clock.systemUTC()");
      return this;
    }

    public Builder flushPolicy(FlushPolicy value) {
      this.flushPolicy = requireNonNull(value, "flushPolicy is null. Use FlushPolicy.everyLine()");
      return this;
    }

    /** Rewrites every call before it is written (see {@code tracemill-capture-privacy}); null for none. */
    public Builder redactor(CaptureRedactor value) {
      this.redactor = value;
      return this;
    }

    /**
     * Whether each write takes an exclusive lock on the file (default true), so several processes can
     * share it. Turn it off only when this JVM is the file's only writer, or on a file system without
     * locks.
     */
    public Builder processLock(boolean value) {
      this.processLock = value;
      return this;
    }

    /** @throws UncheckedIOException if the file cannot be opened for appending */
    public TrainingDataLogger build() {
      return new TrainingDataLogger(this);
    }
  }
}
