package dev.cachet.keys;

import java.time.Instant;

/**
 * How far a key's running preparation is, for the read API while a tree is built: the bottom tree
 * it builds, the leaves computed of the leaves it costs (both counts only grow, and the first
 * reaches the second when the trees are built), when it started running (null while it waits for a
 * preparation thread) and the seconds it is expected to take still, counting the work queued ahead
 * of it.
 */
public record PreparationProgress(
    Long tree, long leavesDone, long leavesTotal, Instant startedAt, long etaSeconds) {

  public PreparationProgress {
    if (leavesTotal < 1 || leavesDone < 0 || leavesDone > leavesTotal) {
      throw new IllegalArgumentException(
          "leaves done " + leavesDone + " must be within 0.." + leavesTotal + " (at least 1)");
    }
    if (etaSeconds < 0) {
      throw new IllegalArgumentException("etaSeconds must not be negative: " + etaSeconds);
    }
  }
}
