package dev.cachet.keys;

import dev.cachet.error.RetryLaterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's queue of preparations, in front of its preparation threads. Keys that already sign go
 * first (their next tree, a catch-up, a stored window loading), new keys after them, each class in
 * the order it arrived: a flood of generations never starves a key that signs the current slot.
 * Admin generations beyond a bound of queued preparations are refused, and the wait a client is
 * told counts the work queued ahead of its preparation, not only its own.
 *
 * <p>At most as many drainers as the node has preparation threads take work from the queue, so the
 * executor's own queue holds nothing but a running build's helpers. Written by hand: a JDK {@code
 * PriorityBlockingQueue} under a {@code ThreadPoolExecutor} would order the work, but could neither
 * say what is ahead of a given preparation nor keep the tree builds' helper tasks out of it.
 */
final class PreparationQueue {

  /** Which work goes first. */
  enum Priority {
    /** A key that exists: its next tree, a catch-up, its stored window. */
    SIGNING_KEY,
    /** A key being generated. */
    NEW_KEY
  }

  private static final Logger LOG = Logger.getLogger(PreparationQueue.class.getName());

  private record Queued(
      Priority priority, long sequence, KeyEntry.Preparation preparation, Runnable work) {}

  private static final Comparator<Queued> ORDER =
      Comparator.comparing(Queued::priority).thenComparingLong(Queued::sequence);

  private final Executor pool;
  private final int threads;
  private final Clock clock;
  private final Function<Long, Duration> estimate;
  private final PriorityQueue<Queued> queued = new PriorityQueue<>(ORDER);
  private final Set<KeyEntry.Preparation> running = new HashSet<>();
  private long sequence;
  private int drainers;

  /**
   * @param estimate the expected wall time of a number of leaves on this node's threads
   */
  PreparationQueue(Executor pool, int threads, Clock clock, Function<Long, Duration> estimate) {
    this.pool = pool;
    this.threads = Math.max(1, threads);
    this.clock = clock;
    this.estimate = estimate;
  }

  /** Queues {@code work}, the body of {@code preparation}; never refused. */
  void submit(Priority priority, KeyEntry.Preparation preparation, Runnable work) {
    boolean drain;
    synchronized (this) {
      queued.add(new Queued(priority, sequence++, preparation, work));
      drain = drainers < threads;
      if (drain) {
        drainers++;
      }
    }
    if (drain) {
      startDrainer();
    }
  }

  /**
   * Queues a new key's generation unless {@code bound} preparations already wait.
   *
   * @throws RetryLaterException {@code PREPARATION_QUEUE_FULL}, with the time until one of the
   *     waiting preparations has started, if the queue is full; nothing was queued
   */
  void submitNewKey(KeyEntry.Preparation preparation, Runnable work, int bound) {
    synchronized (this) {
      if (queued.size() >= bound) {
        throw new RetryLaterException(
            "PREPARATION_QUEUE_FULL",
            queued.size()
                + " preparations are waiting (at most "
                + bound
                + "); generate this key once they have started",
            untilOneStarts());
      }
    }
    submit(Priority.NEW_KEY, preparation, work);
  }

  /** Preparations waiting for a thread. */
  synchronized int waiting() {
    return queued.size();
  }

  /** The kinds of work waiting, in the order they will run (for tests and thread dumps). */
  synchronized List<String> waitingWork() {
    List<Queued> order = new ArrayList<>(queued);
    order.sort(ORDER);
    return order.stream().map(q -> q.work().getClass().getSimpleName()).toList();
  }

  /**
   * How long until {@code preparation} is done: its own expected time left if it runs, or, while it
   * waits, the work still ahead of it (what runs, what is queued before it) and its own.
   */
  synchronized Duration remaining(KeyEntry.Preparation preparation) {
    Instant now = clock.instant();
    if (running.contains(preparation) || preparation.started().isPresent()) {
      return atLeastASecond(preparation.remaining(now));
    }
    Queued self = null;
    for (Queued q : queued) {
      if (q.preparation() == preparation) {
        self = q;
      }
    }
    if (self == null) { // not queued here (it ran, or it is finishing): its own estimate
      return atLeastASecond(preparation.remaining(now));
    }
    Duration ahead = runningLeft(now);
    long leavesAhead = 0;
    for (Queued q : queued) {
      if (ORDER.compare(q, self) < 0) {
        leavesAhead += q.preparation().leaves();
      }
    }
    return atLeastASecond(
        ahead.plus(estimate.apply(leavesAhead)).plus(estimate.apply(preparation.leaves())));
  }

  /** The time until the first waiting preparation starts: what runs now has finished. */
  private Duration untilOneStarts() {
    return atLeastASecond(runningLeft(clock.instant()).dividedBy(Math.max(1, running.size())));
  }

  /** The work left of what runs, as wall time on all the threads. */
  private Duration runningLeft(Instant now) {
    Duration left = Duration.ZERO;
    for (KeyEntry.Preparation p : running) {
      left = left.plus(p.remaining(now));
    }
    return left;
  }

  private static Duration atLeastASecond(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }

  private void startDrainer() {
    try {
      pool.execute(new Drainer(this));
    } catch (RuntimeException e) { // the pool is shut down: the node is stopping
      synchronized (this) {
        drainers--;
      }
      throw e;
    }
  }

  /** Takes the next work, or retires the calling drainer if there is none. */
  private synchronized Queued next() {
    Queued next = queued.poll();
    if (next == null) {
      drainers--;
      return null;
    }
    next.preparation().start(clock.instant());
    running.add(next.preparation());
    return next;
  }

  private synchronized void finished(Queued work) {
    running.remove(work.preparation());
  }

  void drain() {
    for (Queued work = next(); work != null; work = next()) {
      try {
        work.work().run();
      } catch (RuntimeException e) { // the work reports its own failures; the drainer goes on
        LOG.log(Level.WARNING, "a preparation failed", e);
      } catch (Error e) {
        synchronized (this) {
          drainers--;
        }
        throw e;
      } finally {
        finished(work);
      }
    }
  }

  /** One of the node's preparation threads, taking work from the queue until it is empty. */
  static final class Drainer implements Runnable {
    private final PreparationQueue queue;

    Drainer(PreparationQueue queue) {
      this.queue = queue;
    }

    @Override
    public void run() {
      queue.drain();
    }
  }
}
