package dev.cachet.keys;

import java.time.Duration;

/**
 * What preparing costs on this node, learned from the preparations it ran: nanoseconds per leaf on
 * one thread, as a moving average, starting from the figure measured on the project's machines.
 * Tells a client how long to wait ({@code Retry-After}) before its slot is prepared.
 */
final class PreparationCost {

  /** One WOTS+ leaf and its L-tree with the JDK digest, measured on one core. */
  static final long INITIAL_NANOS_PER_LEAF = 320_000;

  private static final double WEIGHT = 0.3;

  private final int threads;
  private volatile double nanosPerLeaf = INITIAL_NANOS_PER_LEAF;

  PreparationCost(int threads) {
    this.threads = Math.max(1, threads);
  }

  /** Expected wall time for {@code leaves} leaves on this node's preparation threads. */
  Duration estimate(long leaves) {
    return Duration.ofNanos((long) (leaves * nanosPerLeaf / threads));
  }

  /** Learns from a preparation of {@code leaves} leaves that took {@code elapsed}. */
  void observe(long leaves, Duration elapsed) {
    if (leaves < 1024) {
      return; // too small to say anything about a tree
    }
    double measured = (double) elapsed.toNanos() * threads / leaves;
    nanosPerLeaf = (1 - WEIGHT) * nanosPerLeaf + WEIGHT * measured;
  }
}
