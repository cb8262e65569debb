package dev.cachet.tasks;

import dev.cachet.error.RetryLaterException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A start that waits for what it needs (the node's identity, say): tried at once and then every
 * second while it throws {@link RetryLaterException}, until it succeeds once; any other failure is
 * logged and tried again ({@link Repeating}). A bean starts its engine with one instead of at
 * {@code @PostConstruct}, which must not wait for another bean's start.
 */
public final class RetriedStart implements AutoCloseable {

  private final Runnable start;
  private volatile boolean done;
  private volatile ScheduledFuture<?> future;

  private RetriedStart(Runnable start) {
    this.start = start;
  }

  /**
   * Schedules {@code start} on {@code scheduler}; {@code name} is what the log calls it.
   *
   * @param start runs once to completion; throws {@link RetryLaterException} to be tried again
   */
  public static RetriedStart schedule(
      ScheduledExecutorService scheduler, String name, Runnable start) {
    RetriedStart r = new RetriedStart(start);
    r.future =
        scheduler.scheduleWithFixedDelay(new Repeating(name, r::attempt), 0, 1, TimeUnit.SECONDS);
    if (r.done) {
      r.future.cancel(false); // it succeeded before the future was known
    }
    return r;
  }

  private synchronized void attempt() {
    if (done) {
      return;
    }
    try {
      start.run();
    } catch (RetryLaterException notYet) {
      return; // the next run tries again
    }
    done = true;
    ScheduledFuture<?> f = future;
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Whether the start succeeded. */
  public boolean done() {
    return done;
  }

  /** Stops trying (at shutdown). */
  @Override
  public void close() {
    ScheduledFuture<?> f = future;
    if (f != null) {
      f.cancel(false);
    }
  }
}
