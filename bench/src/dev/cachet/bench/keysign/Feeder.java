package dev.cachet.bench.keysign;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chain observers' side: every nonce's digest offered to every node ({@code POST
 * /api/v1/keysign/{chainId}/digests}), each node's nonces in ascending order, by {@code
 * threadsPerNode} client threads per node. At once ({@code rate == 0}): each node's threads take
 * the next nonce as soon as their last POST returned. Steady: nonce {@code n} arrives {@code n /
 * rate} seconds after the start and is posted to every node then (thread {@code k} of a node
 * posts the nonces {@code k, k + threads, …}, so a slow POST does not hold back the next arrival
 * unless all of that node's threads are busy).
 */
final class Feeder {

  private static final HexFormat HEX = HexFormat.of();

  private final List<NodeClient> nodes;
  private final long chain;
  private final int nonces;
  private final int threadsPerNode;
  private final double rate;

  /** Per nonce, when its first POST was sent and when the last of its POSTs returned. */
  final AtomicLongArray firstSent;

  final AtomicLongArray allReturned;

  /** Per node and nonce ({@code node * nonces + nonce}), the POST's round trip in ns. */
  final long[] postNanos;

  final AtomicInteger posts = new AtomicInteger();
  final AtomicInteger answered200 = new AtomicInteger();
  final AtomicInteger answered202 = new AtomicInteger();
  final AtomicReference<String> failure = new AtomicReference<>();
  final AtomicReference<String> connectionHeader = new AtomicReference<>();

  long startNanos;
  long endNanos;

  /** Steady mode: the latest a nonce's first POST left after its arrival time, ns. */
  long maxLagNanos;

  Feeder(List<NodeClient> nodes, long chain, int nonces, int threadsPerNode, double rate) {
    this.nodes = nodes;
    this.chain = chain;
    this.nonces = nonces;
    this.threadsPerNode = threadsPerNode;
    this.rate = rate;
    firstSent = new AtomicLongArray(nonces);
    allReturned = new AtomicLongArray(nonces);
    for (int n = 0; n < nonces; n++) {
      firstSent.set(n, Long.MAX_VALUE);
      allReturned.set(n, Long.MIN_VALUE);
    }
    postNanos = new long[nodes.size() * nonces];
  }

  /** A deterministic 32-byte digest per (chain, nonce), as hex. */
  static String digest(long chain, long nonce) {
    try {
      return HEX.formatHex(
          MessageDigest.getInstance("SHA-256")
              .digest(("bench tx " + chain + "/" + nonce).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts everything; returns when every POST returned (or one failed). */
  void run() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      int node = i;
      AtomicInteger next = new AtomicInteger();
      for (int k = 0; k < threadsPerNode; k++) {
        int lane = k;
        Thread t =
            new Thread(
                () -> {
                  try {
                    gate.await();
                    if (rate > 0) {
                      for (int n = lane; n < nonces && failure.get() == null; n += threadsPerNode) {
                        long arrival = startNanos + Math.round(n * 1e9 / rate);
                        long wait = arrival - System.nanoTime();
                        if (wait > 0) {
                          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        post(node, n);
                      }
                    } else {
                      for (int n = next.getAndIncrement();
                          n < nonces && failure.get() == null;
                          n = next.getAndIncrement()) {
                        post(node, n);
                      }
                    }
                  } catch (Exception e) {
                    failure.compareAndSet(null, "node " + nodes.get(node).number + ": " + e);
                  }
                },
                "feed-" + (node + 1) + "-" + k);
        threads.add(t);
        t.start();
      }
    }
    startNanos = System.nanoTime();
    gate.countDown();
    for (Thread t : threads) {
      t.join();
    }
    endNanos = System.nanoTime();
    if (rate > 0) {
      for (int n = 0; n < nonces; n++) {
        long sent = firstSent.get(n);
        if (sent != Long.MAX_VALUE) {
          maxLagNanos = Math.max(maxLagNanos, sent - (startNanos + Math.round(n * 1e9 / rate)));
        }
      }
    }
  }

  private void post(int node, int n) throws Exception {
    NodeClient c = nodes.get(node);
    String body = "{\"nonce\":" + n + ",\"digest\":\"" + digest(chain, n) + "\"}";
    posts.incrementAndGet();
    long sent = System.nanoTime();
    firstSent.accumulateAndGet(n, sent, Math::min);
    HttpResponse<String> r = c.send(c.json("POST", "/api/v1/keysign/" + chain + "/digests", body));
    long back = System.nanoTime();
    allReturned.accumulateAndGet(n, back, Math::max);
    postNanos[node * nonces + n] = back - sent;
    connectionHeader.compareAndSet(null, r.headers().firstValue("connection").orElse("(none)"));
    if (r.statusCode() == 200) {
      answered200.incrementAndGet();
    } else if (r.statusCode() == 202) {
      answered202.incrementAndGet();
    } else {
      failure.compareAndSet(
          null,
          "node " + c.number + ": POST nonce " + n + " answered " + r.statusCode() + ": "
              + r.body());
    }
  }
}
