package dev.cachet.bench.keysign;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Polls one node's chain status ({@code GET /api/v1/keysign/{chainId}}) every {@code period} and
 * records, per nonce, the first poll that no longer lists it among the pending unsigned nonces:
 * the time its answer arrived, so a nonce is seen signed up to one period (plus the poll's own
 * time) after it was. The pending range is {@code [0, nonces)} throughout, so a nonce missing from
 * the list is signed. The node lists at most {@value #LIST_LIMIT} unsigned nonces: past a full
 * list, only nonces below its last one are judged.
 */
final class SignedPoller implements Runnable {

  /** The most unsigned nonces a chain status lists (the engine's view). */
  static final int LIST_LIMIT = 1000;

  private final NodeClient node;
  private final long chain;
  private final int nonces;
  private final long periodNanos;
  private final long deadlineNanos;

  /** Per nonce, the {@link System#nanoTime()} it was first seen signed, or -1. */
  final long[] signedAt;

  volatile boolean stop;
  volatile int polls;
  volatile int errors;
  volatile long pendingCount = -1;
  volatile boolean finished;
  volatile String lastStatus = "";

  SignedPoller(NodeClient node, long chain, int nonces, long periodMillis, long deadlineNanos) {
    this.node = node;
    this.chain = chain;
    this.nonces = nonces;
    this.periodNanos = periodMillis * 1_000_000;
    this.deadlineNanos = deadlineNanos;
    this.signedAt = new long[nonces];
    Arrays.fill(signedAt, -1);
  }

  @Override
  public void run() {
    int unseen = nonces;
    boolean[] listed = new boolean[nonces];
    while (!stop && System.nanoTime() < deadlineNanos) {
      long start = System.nanoTime();
      String body;
      try {
        body = node.read("/api/v1/keysign/" + chain);
      } catch (IOException | RuntimeException e) {
        errors++;
        sleepUntil(start + periodNanos);
        continue;
      } catch (InterruptedException e) {
        return;
      }
      long at = System.nanoTime();
      polls++;
      lastStatus = body;
      List<Long> pending = NodeClient.numbers(body, "pending");
      pendingCount = NodeClient.number(body, "pendingCount");
      long bound = pending.size() >= LIST_LIMIT ? pending.get(pending.size() - 1) : nonces;
      Arrays.fill(listed, false);
      for (long p : pending) {
        if (p >= 0 && p < nonces) {
          listed[(int) p] = true;
        }
      }
      for (int n = 0; n < nonces; n++) {
        if (signedAt[n] < 0 && !listed[n] && n < bound) {
          signedAt[n] = at;
          unseen--;
        }
      }
      if (unseen == 0) {
        finished = true;
        return;
      }
      sleepUntil(start + periodNanos);
    }
  }

  private static void sleepUntil(long nanos) {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
