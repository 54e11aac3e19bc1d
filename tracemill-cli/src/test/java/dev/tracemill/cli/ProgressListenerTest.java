package dev.tracemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<String> events = new ArrayList<>();

  private ProgressListener listener() {
    return new ProgressListener((phase, total) -> {
      events.add("open " + phase + " " + total);
      return new ProgressListener.Bar() {
        @Override
        public void stepTo(long done) {
          events.add("step " + done);
        }

        @Override
        public void close() {
          events.add("close");
        }
      };
    }, now::get);
  }

  private void elapse(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void aRunShorterThanTheDelayDrawsNoBar() {
    ProgressListener l = listener();
    l.phaseStarted("read", 100);
    l.advanced(60);
    l.advanced(40);
    l.phaseFinished("read");
    l.close();
    assertThat(events).isEmpty();
  }

  @Test
  void theBarAppearsOnTheFirstEventAfterTheDelayWithTheProgressSoFar() {
    ProgressListener l = listener();
    l.phaseStarted("read", 100);
    l.advanced(30);
    elapse(3);
    assertThat(events).isEmpty();
    l.advanced(10);
    l.phaseFinished("read");
    l.phaseStarted("export", -1);
    l.advanced(5);
    l.close();
    assertThat(events).containsExactly(
        "open read 100", "step 40", "step 40", "close",
        "open export -1", "step 0", "step 5", "close");
  }
}
