package dev.cachet.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.error.RetryLaterException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriedStartTest {

  @Test
  void triesAgainWhileNotYetAndNeverAfterItsStart() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicInteger tries = new AtomicInteger();
      CountDownLatch started = new CountDownLatch(1);
      RetriedStart start =
          RetriedStart.schedule(
              scheduler,
              "a test start",
              () -> {
                int n = tries.incrementAndGet();
                if (n == 2) {
                  throw new IllegalStateException("any other failure is tried again too");
                }
                if (n < 3) {
                  throw new RetryLaterException("NOT_YET", "not yet", Duration.ofSeconds(1));
                }
                started.countDown();
              });
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      // One thread: a task submitted now runs after the successful try has returned.
      scheduler.submit(() -> {}).get();
      assertThat(start.done()).isTrue();
      // A run after the start would be queued behind this one: none is.
      scheduler.schedule(() -> {}, 1_500, TimeUnit.MILLISECONDS).get();
      assertThat(tries).hasValue(3);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
