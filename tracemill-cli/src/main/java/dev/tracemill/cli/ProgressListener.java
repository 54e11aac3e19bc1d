package dev.tracemill.cli;

import dev.tracemill.pipeline.PipelineListener;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar per pipeline phase, drawn only once the run has lasted {@link #DELAY_NANOS}: a short
 * run prints no bar at all, so the summary is not preceded by a flash of bars. The bar is created on
 * the first event after the delay, from the phase state this listener keeps all along.
 */
final class ProgressListener implements PipelineListener, AutoCloseable {
  static final long DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** One drawn bar; {@link #close()} finishes its line. */
  interface Bar extends AutoCloseable {
    void stepTo(long done);

    @Override
    void close();
  }

  /** Opens a bar for {@code phase}; {@code total} is -1 when unknown. */
  interface BarFactory {
    Bar open(String phase, long total);
  }

  private final BarFactory factory;
  private final LongSupplier nanoTime;
  private final long start;
  private String phase;
  private long total = -1;
  private long done;
  private Bar bar;

  ProgressListener(BarFactory factory, LongSupplier nanoTime) {
    this.factory = factory;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  static ProgressListener onStderr() {
    return new ProgressListener(ProgressListener::consoleBar, System::nanoTime);
  }

  @Override
  public void phaseStarted(String phase, long total) {
    closeBar();
    this.phase = phase;
    this.total = total;
    this.done = 0;
    showWhenDue();
  }

  @Override
  public void advanced(long steps) {
    done += steps;
    showWhenDue();
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void phaseFinished(String phase) {
    closeBar();
    this.phase = null;
  }

  @Override
  public void close() {
    closeBar();
  }

  private void showWhenDue() {
    if (bar == null && phase != null && nanoTime.getAsLong() - start >= DELAY_NANOS) {
      bar = factory.open(phase, total);
      bar.stepTo(done);
    }
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private static Bar consoleBar(String phase, long total) {
    ProgressBar pb = new ProgressBarBuilder()
        .setTaskName(phase)
        .setInitialMax(total)
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
    return new Bar() {
      @Override
      public void stepTo(long n) {
        pb.stepTo(n);
      }

      @Override
      public void close() {
        pb.close();
      }
    };
  }
}
