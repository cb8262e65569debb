package dev.cachet.bench.metadata;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata exchange between nodes on loopback (issue 12): every node publishes one large blob
 * for one epoch and hosts {@code smallPerNode} virtual members, each announcing one small blob.
 *
 * <p>A node announces one blob per epoch, so the small blobs are modelled as virtual members whose
 * Ed25519 keys the harness holds: the committee is the real nodes and the virtual members (stake 1
 * each), a virtual member's url is the peer listener of the node that hosts it. For each virtual
 * member the harness PUTs its blob to the host and POSTs its signed announcement to the host only;
 * the host relays it, and the others fetch the blob from the announcer's url, the host.
 *
 * <p>Measured, in one run: the time from the first publish until every node's listing shows every
 * announcement held; per announcement the dissemination latency (its publish or POST until every
 * node lists it) and the time until every node holds its blob; the fetched bytes per second; then,
 * on the same nodes, plain concurrent GETs of the same blobs from the same sources with curl.
 *
 * <pre>
 * MetadataExchangeBench PROTOCOL_MD WORK_DIR NODE...  NODE = BASE_URL,PEER_BASE_URL,TOKEN_FILE,PID
 *   -Dbench.bigBytes=16777216 -Dbench.smallBytes=65536 -Dbench.smallPerNode=50
 *   -Dbench.timeoutSeconds=900 -Dbench.pollMillis=50 -Dbench.getRounds=3 -Dbench.getConnections=0
 *   -Dbench.peerThreads=16 -Dbench.progressSeconds=10 -Dbench.jstackAt=15,60 (seconds; none)
 * </pre>
 */
public final class MetadataExchangeBench {

  private static final double RATIO_GOAL = 0.7;
  private static final double P99_GOAL_MS = 1000;
  private static final double MIB = 1024.0 * 1024.0;
  private static final Pattern JSON_KEY =
      Pattern.compile("\"identityKey\"\\s*:\\s*\"([0-9a-f]{64})\"");
  private static final Pattern JSON_HASH =
      Pattern.compile("\"blobHash\"\\s*:\\s*\"([0-9a-f]{64})\"");
  private static final Pattern CURRENT_EPOCH = Pattern.compile("\"currentEpoch\"\\s*:\\s*(\\d+)");
  private static final Pattern SLOTS_PER_EPOCH =
      Pattern.compile("\"slotsPerEpoch\"\\s*:\\s*(\\d+)");
  private static final Pattern SECONDS_PER_SLOT =
      Pattern.compile("\"secondsPerSlot\"\\s*:\\s*(\\d+)");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  record Node(int number, String base, String peerBase, String token, long pid) {}

  /** One announcement the run expects: who, which blob, hosted (and announced) on which node. */
  record Expected(String announcer, byte[] blob, String hash, int host, boolean big) {}

  public static void main(String[] args) throws Exception {
    Path protocol = Path.of(args[0]);
    Path work = Path.of(args[1]);
    List<Node> nodes = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] f = args[i].split(",", 4);
      nodes.add(
          new Node(
              i - 1, f[0], f[1], Files.readString(Path.of(f[2])).strip(), Long.parseLong(f[3])));
    }
    int bigBytes = Integer.getInteger("bench.bigBytes", 16 * 1024 * 1024);
    int smallBytes = Integer.getInteger("bench.smallBytes", 64 * 1024);
    int smallPerNode = Integer.getInteger("bench.smallPerNode", 50);
    int timeoutSeconds = Integer.getInteger("bench.timeoutSeconds", 900);
    int pollMillis = Integer.getInteger("bench.pollMillis", 50);
    int getRounds = Integer.getInteger("bench.getRounds", 3);
    int getConnections = Integer.getInteger("bench.getConnections", 0);
    int peerThreads = Integer.getInteger("bench.peerThreads", 16);
    int progressSeconds = Integer.getInteger("bench.progressSeconds", 10);
    int warmupBytes = Integer.getInteger("bench.warmupBytes", 4 << 20);
    List<Integer> jstackAt = new ArrayList<>();
    for (String at : System.getProperty("bench.jstackAt", "").split(",")) {
      if (!at.isBlank()) {
        jstackAt.add(Integer.parseInt(at.trim()));
      }
    }

    // 1. The encoder against the protocol document's worked example, before anything is sent.
    Announcements.selfCheck(protocol);
    System.out.println("announcement encoder: matches the worked example of docs/protocol.md §7");

    // 2. The nodes' identities and epoch.
    List<String> identities = new ArrayList<>();
    for (Node node : nodes) {
      identities.add(identity(node));
    }
    String chain = send(get(nodes.get(0).base() + "/api/v1/chain"), 200);
    long epoch = Long.parseLong(group(CURRENT_EPOCH, chain));
    long epochSeconds =
        Long.parseLong(group(SLOTS_PER_EPOCH, chain)) * Long.parseLong(group(SECONDS_PER_SLOT, chain));
    for (Node node : nodes) {
      long theirs = Long.parseLong(group(CURRENT_EPOCH, send(get(node.base() + "/api/v1/chain"), 200)));
      if (theirs != epoch) {
        throw new IllegalStateException(
            "node " + node.number() + " is in epoch " + theirs + ", node 1 in " + epoch);
      }
    }
    long cadenceMillis = Math.max(200, Math.min(2000, epochSeconds * 1000 / 100));

    // 3. The blobs and the virtual members (random, fresh for every run).
    SplittableRandom random = new SplittableRandom();
    List<Expected> expected = new ArrayList<>();
    List<Announcements.Signer> virtualSigners = new ArrayList<>();
    for (Node node : nodes) {
      byte[] blob = randomBytes(random, bigBytes);
      expected.add(
          new Expected(
              identities.get(node.number() - 1),
              blob,
              Announcements.HEX.formatHex(Announcements.blobHash(blob)),
              node.number() - 1,
              true));
    }
    for (Node node : nodes) {
      for (int k = 0; k < smallPerNode; k++) {
        Announcements.Signer signer = Announcements.Signer.of(randomBytes(random, 32));
        virtualSigners.add(signer);
        byte[] blob = randomBytes(random, smallBytes);
        expected.add(
            new Expected(
                signer.identityHex(),
                blob,
                Announcements.HEX.formatHex(Announcements.blobHash(blob)),
                node.number() - 1,
                false));
      }
    }
    int total = expected.size();
    Map<String, Integer> index = new HashMap<>();
    String[] hashes = new String[total];
    for (int i = 0; i < total; i++) {
      if (index.put(expected.get(i).announcer(), i) != null) {
        throw new IllegalStateException("two members with one identity key");
      }
      hashes[i] = expected.get(i).hash();
    }

    // 4. The committee of the epoch and the next (same members), on every node.
    StringBuilder members = new StringBuilder("{\"members\":[");
    for (int i = 0; i < total; i++) {
      Expected x = expected.get(i);
      Node host = nodes.get(x.host());
      String name =
          x.big()
              ? "node-" + host.number()
              : String.format(Locale.ROOT, "node-%d-v%02d", host.number(), (i - nodes.size()) % smallPerNode + 1);
      members
          .append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(name)
          .append("\",\"identityKey\":\"")
          .append(x.announcer())
          .append("\",\"stake\":1,\"url\":\"")
          .append(host.peerBase())
          .append("\"}");
    }
    members.append("]}");
    for (Node node : nodes) {
      for (long e = epoch; e <= epoch + 1; e++) {
        send(
            admin(node, "/api/v1/admin/committees/" + e)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(members.toString()))
                .build(),
            201);
      }
    }
    long bytesToFetch = 0; // what every node lacks: every blob it does not host
    for (Expected x : expected) {
      bytesToFetch += (long) x.blob().length * (nodes.size() - 1);
    }
    System.out.printf(
        Locale.ROOT,
        "committee of epochs %d and %d on every node: %d members (%d nodes + %d virtual members,"
            + " %d per node, url = the host's peer listener), stake 1 each%n",
        epoch, epoch + 1, total, nodes.size(), total - nodes.size(), smallPerNode);
    System.out.printf(
        Locale.ROOT,
        "blobs: each node publishes 1 x %s and hosts %d x %s; each node fetches %d x %s + %d x %s"
            + " = %.1f MiB, %.1f MiB in all%n",
        size(bigBytes), smallPerNode, size(smallBytes), nodes.size() - 1, size(bigBytes),
        (nodes.size() - 1) * smallPerNode, size(smallBytes),
        bytesToFetch / nodes.size() / MIB, bytesToFetch / MIB);
    System.out.printf(
        Locale.ROOT,
        "exchange tick: %d ms (1%% of the %d s epoch, within 200 ms and 2 s); listings polled every"
            + " %d ms per node%n",
        cadenceMillis, epochSeconds, pollMillis);

    warmUp(nodes, epoch + 1, warmupBytes, expected, virtualSigners, smallPerNode, timeoutSeconds);

    List<String> before = new ArrayList<>();
    for (Node node : nodes) {
      before.add(send(get(node.base() + "/metrics"), 200));
    }

    // 5. Upload the virtual members' blobs to their hosts (not measured: a member that announces
    // through another first pushes its blob there, as a joiner does), then publish on all nodes
    // at once, poll every node's listing, sample node-to-node sockets.
    double[] puts = uploadVirtualBlobs(nodes, expected, smallPerNode, true);
    long[] cpuBefore = cpuMillis(nodes);
    long origin = System.nanoTime();
    List<ListingPoller> pollers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (Node node : nodes) {
      ListingPoller poller =
          new ListingPoller(HTTP, node.base(), epoch, index, hashes, origin, pollMillis);
      pollers.add(poller);
      threads.add(daemon("poll-" + node.number(), poller));
    }
    Set<Integer> peerPorts = new HashSet<>();
    for (Node node : nodes) {
      peerPorts.add(URI.create(node.peerBase()).getPort());
    }
    PeerSockets sockets = new PeerSockets(peerPorts, origin, 20);
    Thread socketThread = daemon("sockets", sockets);

    AtomicLongArray announcedAt = new AtomicLongArray(total); // publish PUT / POST sent
    AtomicLongArray publishedAt = new AtomicLongArray(total); // its answer arrived
    AtomicLongArray publisherDone = new AtomicLongArray(nodes.size());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> publishers = new ArrayList<>();
    for (Node node : nodes) {
      int n = node.number() - 1;
      publishers.add(
          daemon(
              "publish-" + node.number(),
              () -> {
                try {
                  go.await();
                  publish(node, epoch, n, expected, origin, announcedAt, publishedAt);
                  publisherDone.set(n, System.nanoTime() - origin);
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
      publishers.add(
          daemon(
              "announce-" + node.number(),
              () -> {
                try {
                  go.await();
                  announce(node, epoch, n, expected, virtualSigners, smallPerNode, nodes.size(),
                      origin, announcedAt, publishedAt);
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
    }
    threads.forEach(Thread::start);
    socketThread.start();
    publishers.forEach(Thread::start);
    go.countDown();

    // 6. Wait until every node holds every blob (or the timeout), with a progress line every
    // progressSeconds and thread dumps of every node at the jstackAt seconds.
    long deadline = origin + timeoutSeconds * 1_000_000_000L;
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "-- progress: announcements listed and blobs held per node (of %d); sums of the %d nodes'"
            + " metrics since the first publish --%n",
        total, nodes.size());
    long nextProgress = progressSeconds * 1000L;
    int dumps = 0;
    while (System.nanoTime() < deadline && failure.get() == null) {
      if (pollers.stream().allMatch(p -> p.done)) {
        break;
      }
      long elapsedMillis = (System.nanoTime() - origin) / 1_000_000;
      if (progressSeconds > 0 && elapsedMillis >= nextProgress) {
        progress(nodes, pollers, before, elapsedMillis);
        nextProgress += progressSeconds * 1000L;
      }
      if (dumps < jstackAt.size() && elapsedMillis >= jstackAt.get(dumps) * 1000L) {
        for (Node node : nodes) {
          Path file = work.resolve("node" + node.number() + "-jstack-" + jstackAt.get(dumps) + "s.txt");
          System.out.printf(
              Locale.ROOT, "  thread dump, node %d at %d s (%s): %s%n", node.number(),
              jstackAt.get(dumps), file.getFileName(),
              ThreadDumps.dumpAndSummarise(node.pid(), file));
        }
        dumps++;
      }
      Thread.sleep(20);
    }
    boolean finished = pollers.stream().allMatch(p -> p.done);
    for (Thread p : publishers) {
      p.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    pollers.forEach(p -> p.stop = true);
    for (Thread t : threads) {
      t.join();
    }
    sockets.stop = true;
    socketThread.join();
    if (failure.get() != null) {
      throw new IllegalStateException("publishing failed", failure.get());
    }
    long stopped = System.nanoTime() - origin;
    long[] cpuAfter = cpuMillis(nodes);
    List<String> after = new ArrayList<>();
    for (Node node : nodes) {
      after.add(send(get(node.base() + "/metrics"), 200));
    }
    if (!finished) {
      System.out.printf(
          Locale.ROOT, "NOT FINISHED: not every node holds every blob after %d s%n", timeoutSeconds);
      for (int n = 0; n < nodes.size(); n++) {
        ListingPoller p = pollers.get(n);
        System.out.printf(
            Locale.ROOT, "  node %d: %d of %d listed, %d held, %d polls%s%n", n + 1, p.listed,
            total, p.held, p.polls, p.lastError == null ? "" : ", last error " + p.lastError);
      }
    }

    // 7. Figures of the exchange (an announcement or blob not reached by the end counts as never).
    long start = Long.MAX_VALUE;
    long lastAnnounced = 0;
    for (int i = 0; i < total; i++) {
      start = Math.min(start, announcedAt.get(i));
      lastAnnounced = Math.max(lastAnnounced, publishedAt.get(i));
    }
    long allHeld = 0;
    long firstForeignHeld = Long.MAX_VALUE;
    double[] listedAll = new double[total]; // ms, announcement sent -> listed on every node
    double[] heldAll = new double[total]; // ms, announcement sent -> held on every node
    long[] nodeAllHeld = new long[nodes.size()];
    for (int i = 0; i < total; i++) {
      long listed = 0;
      long held = 0;
      for (int n = 0; n < nodes.size(); n++) {
        long l = pollers.get(n).listedAt.get(i);
        long h = pollers.get(n).heldAt.get(i);
        listed = Math.max(listed, l);
        held = Math.max(held, h);
        nodeAllHeld[n] = Math.max(nodeAllHeld[n], h);
        if (n != expected.get(i).host()) {
          firstForeignHeld = Math.min(firstForeignHeld, h);
        }
      }
      allHeld = Math.max(allHeld, held);
      listedAll[i] = since(announcedAt.get(i), listed);
      heldAll[i] = since(announcedAt.get(i), held);
    }
    double allHeldSeconds = since(start, allHeld) / 1000;
    double fetchWindow = since(firstForeignHeld, allHeld) / 1000;

    double fetchedBytesMetric = 0;
    double ok = 0, mismatch = 0, unavailable = 0, peerRequests = 0, peerFailures = 0;
    for (int n = 0; n < nodes.size(); n++) {
      String b = before.get(n);
      String a = after.get(n);
      fetchedBytesMetric += delta("cachet_metadata_fetched_bytes_total", "", b, a);
      ok += delta("cachet_metadata_fetches_total", "outcome=\"ok\"", b, a);
      mismatch += delta("cachet_metadata_fetches_total", "outcome=\"hash_mismatch\"", b, a);
      unavailable += delta("cachet_metadata_fetches_total", "outcome=\"peer_unavailable\"", b, a);
      peerRequests += delta("cachet_peer_requests_total", "", b, a);
      peerFailures += delta("cachet_peer_failures_total", "", b, a);
    }
    // Not finished: every blob held would take longer than the run, so the bytes to fetch over
    // the run's length bound the rate from above.
    double fetcherRate = bytesToFetch / (finished ? allHeldSeconds : (stopped - start) / 1e9);

    double publishMs = 0;
    for (int n = 0; n < nodes.size(); n++) {
      publishMs += (publishedAt.get(n) - announcedAt.get(n)) / 1e6;
    }
    publishMs /= nodes.size();
    System.out.println();
    System.out.println("-- exchange --");
    System.out.printf(
        Locale.ROOT,
        "publishing: the %d publishes of %s took %.0f ms each (mean, PUT to its answer); all %d"
            + " announcements sent by %.2f s%n",
        nodes.size(), size(bigBytes), publishMs, total, (lastAnnounced - start) / 1e9);
    double[] posts = new double[total - nodes.size()];
    for (int i = nodes.size(); i < total; i++) {
      posts[i - nodes.size()] = (publishedAt.get(i) - announcedAt.get(i)) / 1e6;
    }
    System.out.printf(
        Locale.ROOT,
        "  the virtual members' requests to their host: blob PUT (before the run) p50 %s, p99 %s;"
            + " announcement POST p50 %s, p99 %s%n",
        millis(percentile(puts, 0.5)), millis(percentile(puts, 0.99)),
        millis(percentile(posts, 0.5)), millis(percentile(posts, 0.99)));
    StringBuilder cpu = new StringBuilder();
    long cpuNodes = 0;
    for (int n = 0; n < nodes.size(); n++) {
      long used = cpuAfter[n] - cpuBefore[n];
      cpuNodes += used;
      cpu.append(String.format(Locale.ROOT, "node %d %.1f s, ", n + 1, used / 1000.0));
    }
    System.out.printf(
        Locale.ROOT,
        "  CPU time over the exchange (%.1f s of wall time, %d cores): %sthe harness %.1f s; nodes"
            + " %.0f%% of the machine%n",
        stopped / 1e9, Runtime.getRuntime().availableProcessors(), cpu,
        (cpuAfter[nodes.size()] - cpuBefore[nodes.size()]) / 1000.0,
        100.0 * cpuNodes / (stopped / 1e6) / Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT,
        "time until every node holds every blob: %s (from the first publish request)%n",
        seconds(allHeldSeconds));
    for (int n = 0; n < nodes.size(); n++) {
      System.out.printf(
          Locale.ROOT, "  node %d holds every blob at %s (%d listing polls)%n", n + 1,
          seconds(since(start, nodeAllHeld[n]) / 1000), pollers.get(n).polls);
    }
    System.out.printf(
        Locale.ROOT,
        "first fetched blob seen held at %s: fetch window %s%n",
        seconds(since(start, firstForeignHeld) / 1000), seconds(fetchWindow));
    printLatencies("dissemination (publish/POST -> listed on all nodes)", listedAll, expected, nodes.size());
    printLatencies("blob held (publish/POST -> held on all nodes)", heldAll, expected, nodes.size());
    if (finished) {
      System.out.printf(
          Locale.ROOT,
          "fetcher: %,d bytes in %.2f s = %.1f MiB/s (over the fetch window alone: %.1f MiB/s)%n",
          bytesToFetch, allHeldSeconds, fetcherRate / MIB, bytesToFetch / fetchWindow / MIB);
    } else {
      System.out.printf(
          Locale.ROOT,
          "fetcher: NOT FINISHED; %,.0f of %,d bytes fetched in %.2f s (%.2f MiB/s); to every"
              + " blob held: < %.2f MiB/s%n",
          fetchedBytesMetric, bytesToFetch, (stopped - start) / 1e9,
          fetchedBytesMetric / ((stopped - start) / 1e9) / MIB, fetcherRate / MIB);
    }
    System.out.printf(
        Locale.ROOT,
        "  metrics, sum of the %d nodes: cachet_metadata_fetched_bytes_total +%,.0f (%s), fetches"
            + " ok +%.0f, hash_mismatch +%.0f, peer_unavailable +%.0f; cachet_peer_requests_total"
            + " +%.0f, cachet_peer_failures_total +%.0f%n",
        nodes.size(), fetchedBytesMetric,
        fetchedBytesMetric == bytesToFetch ? "= the bytes to fetch" : "expected " + bytesToFetch,
        ok, mismatch, unavailable, peerRequests, peerFailures);
    long windowEnd = finished ? allHeld : stopped;
    System.out.printf(
        Locale.ROOT,
        "  node-to-node connections (established, client side): peak %d, mean %.0f over the fetch"
            + " window; peak %d from the first publish%n",
        sockets.peak(firstForeignHeld, windowEnd), sockets.mean(firstForeignHeld, windowEnd),
        sockets.peak(start, windowEnd));

    // 8. Plain concurrent GETs of the same blobs from the same sources, same connections.
    List<List<PlainGets.Get>> perNode = new ArrayList<>();
    List<Integer> connections = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      List<PlainGets.Get> gets = new ArrayList<>();
      for (boolean big : new boolean[] {true, false}) { // the large blobs first, as announced
        for (Expected x : expected) {
          if (x.host() != n && x.big() == big) {
            gets.add(new PlainGets.Get(nodes.get(x.host()).peerBase(), x.hash(), x.blob().length));
          }
        }
      }
      perNode.add(gets);
      connections.add(getConnections > 0 ? getConnections : Math.min(peerThreads, gets.size()));
    }
    int totalConnections = connections.stream().mapToInt(Integer::intValue).sum();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "-- plain GETs (curl, one process per fetching node, %s parallel transfers each = %d"
            + " connections, the same %d blobs from the same sources' peer listeners) --%n",
        connections.stream().distinct().count() == 1
            ? connections.get(0).toString()
            : connections.toString(),
        totalConnections, perNode.stream().mapToInt(List::size).sum());
    if (!finished) {
      System.out.println("(the exchange had not finished: the nodes may still be busy with it)");
    }
    double[] rates = new double[getRounds];
    for (int r = 0; r < getRounds; r++) {
      PlainGets.Round round = PlainGets.round(work.resolve("plain-gets"), perNode, connections);
      rates[r] = round.bytesPerSecond();
      System.out.printf(
          Locale.ROOT, "round %d: %,d bytes in %.2f s = %.1f MiB/s%n", r + 1, round.bytes(),
          round.seconds(), round.bytesPerSecond() / MIB);
    }
    double plain = median(rates);
    double ratio = fetcherRate / plain;
    double p99 = percentile(listedAll, 0.99);

    System.out.println();
    System.out.println("-- goals --");
    System.out.printf(
        Locale.ROOT,
        "fetcher %s%.2f MiB/s / plain GETs %.1f MiB/s (median of %d rounds) = %s%.3f (goal >= %.1f):"
            + " %s%n",
        finished ? "" : "< ", fetcherRate / MIB, plain / MIB, getRounds, finished ? "" : "< ",
        ratio, RATIO_GOAL, finished && ratio >= RATIO_GOAL ? "MET" : "NOT MET");
    System.out.printf(
        Locale.ROOT,
        "dissemination p99 %s (goal < %.0f ms): %s%n",
        millis(p99), P99_GOAL_MS, p99 < P99_GOAL_MS ? "MET" : "NOT MET");
  }

  /** One progress line: listed/held per node, and the sums of the nodes' metrics so far. */
  private static void progress(
      List<Node> nodes, List<ListingPoller> pollers, List<String> before, long elapsedMillis) {
    StringBuilder listed = new StringBuilder();
    StringBuilder held = new StringBuilder();
    for (ListingPoller p : pollers) {
      listed.append(' ').append(p.listed);
      held.append(' ').append(p.held);
    }
    double requests = 0, failures = 0, fetched = 0, ok = 0, unavailable = 0;
    String note = "";
    for (int n = 0; n < nodes.size(); n++) {
      String now;
      try {
        now = send(get(nodes.get(n).base() + "/metrics"), 200);
      } catch (Exception e) {
        note = "; node " + (n + 1) + " metrics: " + e;
        continue;
      }
      String b = before.get(n);
      requests += delta("cachet_peer_requests_total", "", b, now);
      failures += delta("cachet_peer_failures_total", "", b, now);
      fetched += delta("cachet_metadata_fetched_bytes_total", "", b, now);
      ok += delta("cachet_metadata_fetches_total", "outcome=\"ok\"", b, now);
      unavailable += delta("cachet_metadata_fetches_total", "outcome=\"peer_unavailable\"", b, now);
    }
    System.out.printf(
        Locale.ROOT,
        "%5.0f s  listed%s  held%s  peer calls %,.0f (failed %,.0f)  fetches ok %.0f,"
            + " peer_unavailable %.0f  fetched %.1f MiB%s%n",
        elapsedMillis / 1000.0, listed, held, requests, failures, ok, unavailable, fetched / MIB,
        note);
  }

  /** Milliseconds from {@code from} to {@code to} (ns since the origin); infinite if never. */
  private static double since(long from, long to) {
    return to == ListingPoller.UNSEEN || from == ListingPoller.UNSEEN
        ? Double.POSITIVE_INFINITY
        : (to - from) / 1e6;
  }

  private static String seconds(double s) {
    return Double.isInfinite(s) ? "not reached" : String.format(Locale.ROOT, "%.2f s", s);
  }

  private static String millis(double ms) {
    return Double.isInfinite(ms) ? "not reached" : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  // ---------------------------------------------------------------- warm-up

  /**
   * One unmeasured exchange of the same shape before the measured one, for the next epoch (whose
   * committee is the same), so that the measured run sees JVMs whose JIT has compiled the paths it
   * measures (BLAKE2b, the H2 blob writes, the peer client, the JSON paths: the first 16 MiB a
   * fresh node hashed took seconds in the interpreter) rather than the nodes' first minute: every
   * node publishes {@code bytes} of random bytes and every virtual member announces a fresh blob
   * of its size through its host; the harness waits until every node holds every blob of it.
   */
  private static void warmUp(
      List<Node> nodes,
      long epoch,
      int bytes,
      List<Expected> measured,
      List<Announcements.Signer> virtualSigners,
      int smallPerNode,
      int timeoutSeconds)
      throws Exception {
    if (bytes <= 0) {
      System.out.println("warm-up: none");
      return;
    }
    long started = System.nanoTime();
    SplittableRandom random = new SplittableRandom(System.nanoTime());
    List<Expected> expected = new ArrayList<>();
    for (Expected x : measured) {
      byte[] blob = randomBytes(random, x.big() ? bytes : x.blob().length);
      expected.add(
          new Expected(
              x.announcer(),
              blob,
              Announcements.HEX.formatHex(Announcements.blobHash(blob)),
              x.host(),
              x.big()));
    }
    uploadVirtualBlobs(nodes, expected, smallPerNode, false);
    AtomicLongArray unused = new AtomicLongArray(expected.size());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> senders = new ArrayList<>();
    for (Node node : nodes) {
      int n = node.number() - 1;
      senders.add(
          daemon(
              "warm-up-" + node.number(),
              () -> {
                try {
                  publish(node, epoch, n, expected, started, unused, unused);
                  announce(node, epoch, n, expected, virtualSigners, smallPerNode, nodes.size(),
                      started, unused, unused);
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
    }
    senders.forEach(Thread::start);
    for (Thread t : senders) {
      t.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the warm-up failed", failure.get());
    }
    long deadline = started + timeoutSeconds * 1_000_000_000L;
    for (Node node : nodes) {
      while (true) {
        String listing = send(get(node.base() + "/api/v1/metadata/" + epoch), 200);
        int held = listing.split("\"held\"\\s*:\\s*true", -1).length - 1;
        if (held >= expected.size()) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "warm-up: node " + node.number() + " holds " + held + " of " + expected.size()
                  + " blobs of epoch " + epoch + " after " + timeoutSeconds + " s");
        }
        Thread.sleep(200);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "warm-up (not measured): the same exchange for epoch %d (own blobs of %s); every node held"
            + " all %d blobs after %.1f s%n",
        epoch, size(bytes), expected.size(), (System.nanoTime() - started) / 1e9);
  }

  // ---------------------------------------------------------------- publishing

  /**
   * Each virtual member's blob PUT to its host ({@code PUT /api/v1/blobs/{hash}}), the hosts in
   * parallel; answers the PUTs' latencies (ms).
   */
  private static double[] uploadVirtualBlobs(
      List<Node> nodes, List<Expected> expected, int smallPerNode, boolean report)
      throws Exception {
    double[] millis = new double[nodes.size() * smallPerNode];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> uploads = new ArrayList<>();
    long started = System.nanoTime();
    for (Node node : nodes) {
      int n = node.number() - 1;
      uploads.add(
          daemon(
              "upload-" + node.number(),
              () -> {
                try {
                  for (int k = 0; k < smallPerNode; k++) {
                    Expected x = expected.get(nodes.size() + n * smallPerNode + k);
                    long t = System.nanoTime();
                    send(
                        HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/blobs/" + x.hash()))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(x.blob()))
                            .build(),
                        201);
                    millis[n * smallPerNode + k] = (System.nanoTime() - t) / 1e6;
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
    }
    uploads.forEach(Thread::start);
    for (Thread t : uploads) {
      t.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("uploading the virtual members' blobs failed", failure.get());
    }
    if (report) {
      System.out.printf(
          Locale.ROOT,
          "virtual members' blobs uploaded to their hosts (not measured): %d in %.1f s%n",
          millis.length, (System.nanoTime() - started) / 1e9);
    }
    return millis;
  }

  /** Node {@code n}'s own publish: its big blob, {@code PUT /api/v1/admin/metadata/{epoch}}. */
  private static void publish(
      Node node,
      long epoch,
      int n,
      List<Expected> expected,
      long origin,
      AtomicLongArray announcedAt,
      AtomicLongArray publishedAt)
      throws Exception {
    Expected own = expected.get(n);
    announcedAt.set(n, System.nanoTime() - origin);
    String answer =
        send(
            admin(node, "/api/v1/admin/metadata/" + epoch)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(own.blob()))
                .build(),
            201);
    publishedAt.set(n, System.nanoTime() - origin);
    if (!group(JSON_KEY, answer).equals(own.announcer())
        || !group(JSON_HASH, answer).equals(own.hash())) {
      throw new IllegalStateException("node " + node.number() + " announced " + answer);
    }
  }

  /**
   * Node {@code n}'s virtual members' announcements, signed now and POSTed to it one after the
   * other (their blobs are on it already), while it publishes its own.
   */
  private static void announce(
      Node node,
      long epoch,
      int n,
      List<Expected> expected,
      List<Announcements.Signer> virtualSigners,
      int smallPerNode,
      int nodeCount,
      long origin,
      AtomicLongArray announcedAt,
      AtomicLongArray publishedAt)
      throws Exception {
    for (int k = 0; k < smallPerNode; k++) {
      int i = nodeCount + n * smallPerNode + k;
      Expected x = expected.get(i);
      Announcements.Signer signer = virtualSigners.get(n * smallPerNode + k);
      long timestamp = System.currentTimeMillis();
      String json =
          Announcements.json(
              signer, epoch, Announcements.HEX.parseHex(x.hash()), x.blob().length, timestamp);
      announcedAt.set(i, System.nanoTime() - origin);
      String taken =
          send(
              HttpRequest.newBuilder(
                      URI.create(node.base() + "/api/v1/peer/metadata/announcements"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              200);
      publishedAt.set(i, System.nanoTime() - origin);
      if (!taken.contains("\"superseded\":false")) {
        throw new IllegalStateException("node " + node.number() + " answered " + taken);
      }
    }
  }

  /**
   * CPU time used so far (user + system, ms) by each node's process (from {@code /proc/<pid>/stat},
   * in clock ticks of 10 ms) and, last, by this harness.
   */
  private static long[] cpuMillis(List<Node> nodes) {
    long[] out = new long[nodes.size() + 1];
    for (int n = 0; n < nodes.size(); n++) {
      try {
        String stat = Files.readString(Path.of("/proc/" + nodes.get(n).pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out[n] = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
      } catch (Exception e) {
        out[n] = -1;
      }
    }
    out[nodes.size()] =
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    return out;
  }

  // ---------------------------------------------------------------- HTTP

  private static String identity(Node node) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      HttpResponse<String> answer =
          HTTP.send(admin(node, "/api/v1/admin/node").GET().build(), HttpResponse.BodyHandlers.ofString());
      Matcher key = JSON_KEY.matcher(answer.body());
      if (answer.statusCode() == 200 && key.find()) {
        return key.group(1);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "node " + node.number() + " shows no identity key: " + answer.statusCode() + " "
                + answer.body());
      }
      Thread.sleep(500);
    }
  }

  private static HttpRequest.Builder admin(Node node, String path) {
    return HttpRequest.newBuilder(URI.create(node.base() + path))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + node.token());
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build();
  }

  private static String send(HttpRequest request, int expectedStatus) throws Exception {
    HttpResponse<String> answer;
    try {
      answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException closed) {
      // A pooled connection the node closed while idle ("header parser received no bytes"): the
      // request never reached it, so it is sent once more, on a new connection.
      answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
    if (answer.statusCode() != expectedStatus) {
      throw new IllegalStateException(
          request.method() + " " + request.uri() + " answered " + answer.statusCode() + " (expected "
              + expectedStatus + "): " + answer.body());
    }
    return answer.body();
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in " + text);
    }
    return m.group(1);
  }

  // ---------------------------------------------------------------- figures

  /** Sum over a metric's series (whose labels contain {@code labels}) of after minus before. */
  private static double delta(String name, String labels, String before, String after) {
    return metric(name, labels, after) - metric(name, labels, before);
  }

  private static double metric(String name, String labels, String text) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name)) {
        continue;
      }
      char next = line.length() > name.length() ? line.charAt(name.length()) : ' ';
      if ((next != '{' && next != ' ') || !line.contains(labels)) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      sum += Double.parseDouble(f[f.length - 1]);
    }
    return sum;
  }

  private static void printLatencies(
      String what, double[] ms, List<Expected> expected, int nodeCount) {
    double[] big = new double[nodeCount];
    double[] small = new double[ms.length - nodeCount];
    for (int i = 0; i < ms.length; i++) {
      if (expected.get(i).big()) {
        big[i] = ms[i];
      } else {
        small[i - nodeCount] = ms[i];
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s, %d announcements: p50 %s, p99 %s, max %s%n", what, ms.length,
        millis(percentile(ms, 0.5)), millis(percentile(ms, 0.99)), millis(percentile(ms, 1)));
    System.out.printf(
        Locale.ROOT,
        "  the %d publishes of %s: p50 %s, max %s; the %d virtual members' %s: p50 %s, p99 %s,"
            + " max %s%n",
        big.length, size(expected.get(0).blob().length), millis(percentile(big, 0.5)),
        millis(percentile(big, 1)), small.length, size(expected.get(nodeCount).blob().length),
        millis(percentile(small, 0.5)), millis(percentile(small, 0.99)),
        millis(percentile(small, 1)));
  }

  /** Nearest rank. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String size(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
  }

  private static byte[] randomBytes(SplittableRandom random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A daemon thread, so a stuck call never keeps the harness alive. */
  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }
}
