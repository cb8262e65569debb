package dev.cachet.keys;

import dev.cachet.xmss.LeafProgress;
import dev.cachet.xmss.PreparedWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One key as the node holds it: its durable record as last committed, the window it signs from, and
 * the preparation running for it (at most one). Signing a key is serialised by {@link #signing};
 * the window is swapped by a reference change.
 */
final class KeyEntry {

  final ValidatorKeyId id;
  final ReentrantLock signing = new ReentrantLock();
  final AtomicBoolean exhaustionReported = new AtomicBoolean();

  /** Null while the key is being generated: it exists only once its record is durable. */
  volatile SigningRecord record;

  /** Null until a window is prepared (or restored). */
  volatile PreparedWindow window;

  /** A leaf whose signing started but whose record may not be durable; guarded by signing. */
  SignedSlot begun;

  private Preparation running;

  KeyEntry(ValidatorKeyId id, SigningRecord record) {
    this.id = id;
    this.record = record;
  }

  /**
   * A preparation: what it computes, how long its own work is expected to take, since when it runs
   * (it may wait in the node's preparation queue first), and how many of its leaves are computed.
   */
  static final class Preparation {
    private final CompletableFuture<PreparedWindow> done = new CompletableFuture<>();
    private final OptionalLong bottomTree;
    private final long leaves;
    private final Duration expected;
    private final AtomicLong leavesDone = new AtomicLong();
    private volatile Instant started;

    Preparation(OptionalLong bottomTree, long leaves, Duration expected) {
      this.bottomTree = bottomTree;
      this.leaves = leaves;
      this.expected = expected;
    }

    CompletableFuture<PreparedWindow> done() {
      return done;
    }

    OptionalLong bottomTree() {
      return bottomTree;
    }

    long leaves() {
      return leaves;
    }

    /** Where the build reports its leaves (from each of its threads). */
    LeafProgress progress() {
      return leavesDone::addAndGet;
    }

    /** Leaves computed so far: only grows, and never past {@link #leaves()}. */
    long leavesDone() {
      return Math.min(leaves, leavesDone.get());
    }

    /** When it started running; empty while it waits for a thread. */
    Optional<Instant> started() {
      return Optional.ofNullable(started);
    }

    void start(Instant now) {
      started = now;
    }

    /**
     * Its own expected time left: all of it while it waits; once leaves are computed, the leaves
     * left at the rate measured since it started; before that, the estimate less what ran.
     */
    Duration remaining(Instant now) {
      Instant since = started;
      if (since == null) {
        return expected;
      }
      Duration elapsed = Duration.between(since, now);
      long computed = leavesDone();
      Duration left =
          computed > 0 && !elapsed.isNegative()
              ? Duration.ofNanos(
                  (long) ((double) elapsed.toNanos() * (leaves - computed) / computed))
              : expected.minus(elapsed);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  synchronized Optional<Preparation> running() {
    return running == null || running.done().isDone() ? Optional.empty() : Optional.of(running);
  }

  /** Starts {@code candidate} unless one runs; returns the one that runs. */
  synchronized Preparation begin(Preparation candidate, Runnable start) {
    if (running != null && !running.done().isDone()) {
      return running;
    }
    running = candidate;
    try {
      start.run();
    } catch (RuntimeException e) { // the pool refused it: no preparation runs
      running = null;
      candidate.done().completeExceptionally(e);
      throw e;
    }
    return candidate;
  }

  synchronized void ended(Preparation preparation) {
    if (running == preparation) {
      running = null;
    }
  }

  /** Swaps in {@code prepared} if it reaches further than the window held; returns if it did. */
  synchronized boolean install(PreparedWindow prepared) {
    PreparedWindow held = window;
    if (record == null || record.retired()) {
      return false;
    }
    if (held == null || prepared.toSlot() > held.toSlot()) {
      window = prepared;
      return true;
    }
    return false;
  }
}
