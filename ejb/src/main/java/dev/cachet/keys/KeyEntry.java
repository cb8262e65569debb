package dev.cachet.keys;

import dev.cachet.xmss.PreparedWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /** A preparation: what it computes, since when, and how long it is expected to take. */
  record Preparation(
      CompletableFuture<PreparedWindow> done,
      OptionalLong bottomTree,
      long leaves,
      Instant started,
      Duration expected) {

    /** Expected time left, at least a second (the finest {@code Retry-After}). */
    Duration remaining(Instant now) {
      Duration left = expected.minus(Duration.between(started, now));
      return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
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
