package dev.cachet.bench.handoff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 13's third figure for bench/handoff.sh: on a committee of nodes on loopback (every node a
 * member of every epoch, stake 1 each), the time from an epoch's announcement close until every
 * node serves its certificate, for {@code epochs} consecutive epochs. Each node publishes a small
 * metadata blob early in each epoch; the close is computed from the genesis and the slot
 * configuration ({@code start + closeFraction * length}). Then the nodes' certificates must certify
 * one statement of the published blobs with more than two thirds of the stake ({@link
 * ServedCertificates}).
 *
 * <pre>
 * HandoffNodesBench NODE...   NODE = BASE_URL,PEER_BASE_URL,TOKEN_FILE
 *   -Dbench.genesis=UNIX_SECONDS -Dbench.secondsPerSlot=1 -Dbench.slotsPerEpoch=40
 *   -Dbench.closeFraction=0.5 -Dbench.graceFraction=0.05 -Dbench.backstopFraction=0.75
 *   -Dbench.epochs=3 -Dbench.pollMillis=50 -Dbench.blobBytes=1024 -Dbench.leadSeconds=8
 * </pre>
 */
public final class HandoffNodesBench {

  /** Each node publishes this long after its epoch starts. */
  private static final long PUBLISH_AFTER_START_MILLIS = 500;

  private final List<NodeClient> nodes;
  private final long genesisMillis;
  private final long epochMillis;
  private final double closeFraction;
  private final double graceFraction;
  private final double backstopFraction;
  private final int epochs;
  private final long pollMillis;
  private final int blobBytes;
  private final SplittableRandom random = new SplittableRandom();

  private HandoffNodesBench(List<NodeClient> nodes) {
    this.nodes = nodes;
    genesisMillis = Long.getLong("bench.genesis") * 1000;
    epochMillis =
        Long.getLong("bench.secondsPerSlot", 1) * Long.getLong("bench.slotsPerEpoch", 40) * 1000;
    closeFraction = Double.parseDouble(System.getProperty("bench.closeFraction", "0.5"));
    graceFraction = Double.parseDouble(System.getProperty("bench.graceFraction", "0.05"));
    backstopFraction = Double.parseDouble(System.getProperty("bench.backstopFraction", "0.75"));
    epochs = Integer.getInteger("bench.epochs", 3);
    pollMillis = Long.getLong("bench.pollMillis", 50);
    blobBytes = Integer.getInteger("bench.blobBytes", 1024);
  }

  public static void main(String[] args) throws Exception {
    List<NodeClient> nodes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String[] f = args[i].split(",", 3);
      nodes.add(new NodeClient(i + 1, f[0], f[1], Files.readString(Path.of(f[2])).strip()));
    }
    System.exit(new HandoffNodesBench(nodes).run() ? 0 : 1);
  }

  private boolean run() throws Exception {
    checkChain();
    List<String> identities = new ArrayList<>();
    for (NodeClient node : nodes) {
      identities.add(NodeClient.string(node.adminGet("/api/v1/admin/node"), "identityKey"));
    }
    long first = Math.floorDiv(System.currentTimeMillis() - genesisMillis, epochMillis) + 1;
    long leadMillis = Long.getLong("bench.leadSeconds", 8) * 1000;
    if (startOf(first) - System.currentTimeMillis() < leadMillis) {
      first++;
    }
    byte[] committee = committeeJson(identities).getBytes(StandardCharsets.UTF_8);
    for (NodeClient node : nodes) {
      for (long e = first; e <= first + epochs; e++) {
        node.adminPut("/api/v1/admin/committees/" + e, "application/json", committee, 200, 201);
      }
    }
    if (System.currentTimeMillis() >= startOf(first)) {
      throw new IllegalStateException("the committees were not set before epoch " + first);
    }
    long cadence = Math.max(200, Math.min(2000, epochMillis / 100));
    long graceMillis = Math.round(graceFraction * epochMillis);
    System.out.printf(
        Locale.ROOT,
        "  committee of epochs %d to %d on every node: the %d nodes, stake 1 each (url = peer"
            + " listener)%n  epochs of %.0f s; close at %.2f of the epoch (%.1f s in), grace %.2f"
            + " (%,d ms), backstop %.2f; the nodes tick every %d ms (1%% of an epoch, within 200 ms"
            + " and 2 s)%n  each node publishes a %,d-byte blob %d ms into each epoch; each node"
            + " polled every %d ms from the close (so a figure is up to %d ms late)%n",
        first,
        first + epochs,
        nodes.size(),
        epochMillis / 1000.0,
        closeFraction,
        closeFraction * epochMillis / 1000.0,
        graceFraction,
        graceMillis,
        backstopFraction,
        cadence,
        blobBytes,
        PUBLISH_AFTER_START_MILLIS,
        pollMillis,
        pollMillis);
    List<Long> everyNode = new ArrayList<>();
    boolean allFinished = true;
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    try {
      for (long e = first; e < first + epochs; e++) {
        long took = measureEpoch(pool, e, identities, graceMillis);
        if (took < 0) {
          allFinished = false;
        } else {
          everyNode.add(took);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (everyNode.isEmpty()) {
      System.out.println("  NOT FINISHED: no epoch was certified by every node");
      return false;
    }
    double median = Samples.median(everyNode.stream().mapToDouble(Long::doubleValue).toArray());
    System.out.printf(
        Locale.ROOT,
        "  close -> every node holds the certificate: median %,.0f ms over %d epoch(s)%s%n"
            + "  protocol floor: the grace, %,d ms (a ready signal waits for close + grace, then"
            + " for its node's next tick, up to %d ms more); beyond the grace %,.0f ms (ticks,"
            + " signing, messages, durable writes, polls)%n",
        median,
        everyNode.size(),
        allFinished ? "" : " (NOT FINISHED in " + (epochs - everyNode.size()) + ")",
        graceMillis,
        cadence,
        median - graceMillis);
    return allFinished;
  }

  /** One epoch: publish, poll, check; the close-to-every-node milliseconds, or -1. */
  private long measureEpoch(ExecutorService pool, long e, List<String> identities, long grace)
      throws Exception {
    Map<String, String> published = publish(e, identities);
    long close = startOf(e) + Math.round(closeFraction * epochMillis);
    if (System.currentTimeMillis() >= close) {
      throw new IllegalStateException(
          "the blobs of epoch " + e + " were published after its close");
    }
    List<Future<CertificatePoller.Seen>> polls = new ArrayList<>();
    for (NodeClient node : nodes) {
      polls.add(pool.submit(new CertificatePoller(node, e, close, startOf(e + 1), pollMillis)));
    }
    List<CertificatePoller.Seen> seen = new ArrayList<>();
    for (Future<CertificatePoller.Seen> poll : polls) {
      seen.add(poll.get());
    }
    boolean finished = seen.stream().allMatch(s -> s.certifiedMillis() >= 0);
    long slowest =
        finished
            ? seen.stream().mapToLong(CertificatePoller.Seen::certifiedMillis).max().orElse(0)
            : -1;
    report(e, seen, slowest, grace);
    if (finished) {
      System.out.println("    " + ServedCertificates.agree(e, seen, published, nodes.size()));
    }
    return slowest;
  }

  /** Each node's blob of epoch {@code e}, published early in it: identity key to blob hash. */
  private Map<String, String> publish(long e, List<String> identities) throws Exception {
    sleepUntil(startOf(e) + PUBLISH_AFTER_START_MILLIS);
    Map<String, String> published = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      byte[] blob = new byte[blobBytes];
      random.nextBytes(blob);
      nodes.get(i).adminPut("/api/v1/admin/metadata/" + e, "application/octet-stream", blob, 201);
      published.put(identities.get(i), ServedCertificates.blake2b256(blob));
    }
    return published;
  }

  private static void report(long e, List<CertificatePoller.Seen> seen, long slowest, long grace) {
    List<String> perNode = new ArrayList<>();
    for (CertificatePoller.Seen s : seen) {
      perNode.add(
          "node "
              + s.node()
              + " "
              + (s.certifiedMillis() < 0
                  ? "none"
                  : String.format(Locale.ROOT, "%,d", s.certifiedMillis())));
    }
    if (slowest < 0) {
      System.out.printf(
          Locale.ROOT,
          "  epoch %d: NOT FINISHED by the epoch's end (%s)%n",
          e,
          String.join(", ", perNode));
    } else {
      System.out.printf(
          Locale.ROOT,
          "  epoch %d: every node %,d ms after the close (%s); %,d ms beyond the grace%n",
          e,
          slowest,
          String.join(", ", perNode),
          slowest - grace);
    }
    System.out.println(
        "    view's phase first seen, ms after the close, node 1/2/3/4: " + phases(seen));
    System.out.printf(
        Locale.ROOT,
        "    polls every %s ms on average, node 1/2/3/4 (certificate, then view while 404)%n",
        String.join(
            "/",
            seen.stream()
                .map(s -> String.format(Locale.ROOT, "%.0f", s.meanPeriodMillis()))
                .toList()));
  }

  private static String phases(List<CertificatePoller.Seen> seen) {
    List<String> parts = new ArrayList<>();
    for (String phase : List.of("READY_SENT", "FROZEN", "ATTESTED")) {
      List<String> times = new ArrayList<>();
      for (CertificatePoller.Seen s : seen) {
        Long at = s.phases().get(phase);
        times.add(at == null ? "-" : String.format(Locale.ROOT, "%,d", at));
      }
      parts.add(phase + " " + String.join("/", times));
    }
    return String.join(", ", parts) + " (-: passed between two polls)";
  }

  private void checkChain() throws Exception {
    for (NodeClient node : nodes) {
      String chain = node.read("/api/v1/chain");
      long genesis = Instant.parse(NodeClient.string(chain, "genesisTime")).toEpochMilli();
      long epoch =
          NodeClient.number(chain, "secondsPerSlot")
              * NodeClient.number(chain, "slotsPerEpoch")
              * 1000;
      if (genesis != genesisMillis || epoch != epochMillis) {
        throw new IllegalStateException(
            "node " + node.number + " has another chain than configured: " + chain);
      }
    }
  }

  private long startOf(long epoch) {
    return genesisMillis + epoch * epochMillis;
  }

  private String committeeJson(List<String> identities) {
    StringBuilder json = new StringBuilder("{\"members\":[");
    for (int i = 0; i < nodes.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"node-")
          .append(i + 1)
          .append("\",\"identityKey\":\"")
          .append(identities.get(i))
          .append("\",\"stake\":1,\"url\":\"")
          .append(nodes.get(i).peerBase)
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
