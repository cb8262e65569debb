package dev.cachet.bench.keysign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Issue 14's benchmark for bench/keysign.sh: batched threshold keysign on a committee of nodes on
 * loopback (every node a member, stake 1 each), one 3-of-n key dealt by the first node, and per
 * measured configuration (mode, batch size) a fresh chain bound on every node with that batch size
 * and {@code nonces} digests offered to every node, at once or at a steady rate. Per configuration:
 * digests signed per second, peer round trips per digest (the nodes' {@code
 * cachet_keysign_peer_calls_total}, by kind), sessions, aborts, submission-to-signature latency,
 * the observer's own requests and each node's CPU time; then the batch-10-against-batch-1 ratios
 * against the issue's goals, and a probe of what one observer request costs a node.
 *
 * <pre>
 * KeysignBench NODE...   NODE = BASE_URL,PEER_BASE_URL,TOKEN_FILE,PID
 *   -Dbench.genesis=UNIX_SECONDS -Dbench.secondsPerSlot=1 -Dbench.slotsPerEpoch=3600
 *   -Dbench.nonces=500 -Dbench.batchSizes=1,5,10,20,50 -Dbench.modes=at-once,steady
 *   -Dbench.rate=50 -Dbench.timeoutSeconds=600 -Dbench.pollMillis=50 -Dbench.clientThreads=2
 *   -Dbench.steadyThreads=8
 *   -Dbench.threshold=3 -Dbench.warmupNonces=100
 *   -Dbench.warmupSeconds=240 -Dbench.warmupJit=0.25 -Dbench.repeat=true -Dbench.clkTck=100
 *   -Dbench.probeRequests=500 -Dbench.sessionTimeoutMillis=10000
 * </pre>
 */
public final class KeysignBench {

  private static final String KEY = "bench";
  private static final long WARMUP_CHAIN = 11;
  private static final long PROBE_CHAIN = 99;
  private static final long FIRST_CHAIN = 101;

  private final List<NodeClient> nodes;
  private final long genesisMillis = Long.getLong("bench.genesis") * 1000;
  private final long epochMillis =
      Long.getLong("bench.secondsPerSlot", 1) * Long.getLong("bench.slotsPerEpoch", 3600) * 1000;
  private final int nonces = Integer.getInteger("bench.nonces", 500);
  private final List<Integer> batchSizes =
      Arrays.stream(System.getProperty("bench.batchSizes", "1,5,10,20,50").split(","))
          .map(String::strip)
          .map(Integer::valueOf)
          .toList();
  private final List<String> modes =
      Arrays.stream(System.getProperty("bench.modes", "at-once,steady").split(","))
          .map(String::strip)
          .toList();
  private final double rate = Double.parseDouble(System.getProperty("bench.rate", "50"));
  private final long timeoutSeconds = Long.getLong("bench.timeoutSeconds", 600);
  private final long pollMillis = Long.getLong("bench.pollMillis", 50);
  private final int clientThreads = Integer.getInteger("bench.clientThreads", 2);
  private final int steadyThreads = Integer.getInteger("bench.steadyThreads", 8);
  private final int threshold = Integer.getInteger("bench.threshold", 3);
  private final int warmupNonces = Integer.getInteger("bench.warmupNonces", 100);
  private final long warmupSeconds = Long.getLong("bench.warmupSeconds", 240);
  private final double warmupJit =
      Double.parseDouble(System.getProperty("bench.warmupJit", "0.25"));
  private final boolean repeat = Boolean.parseBoolean(System.getProperty("bench.repeat", "true"));
  private final long clkTck = Long.getLong("bench.clkTck", 100);
  private final int probeRequests = Integer.getInteger("bench.probeRequests", 500);
  private final long sessionTimeoutMillis = Long.getLong("bench.sessionTimeoutMillis", 10000);

  private KeysignBench(List<NodeClient> nodes) {
    this.nodes = nodes;
  }

  public static void main(String[] args) throws Exception {
    List<NodeClient> nodes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String[] f = args[i].split(",", 4);
      nodes.add(
          new NodeClient(
              i + 1, f[0], f[1], Files.readString(Path.of(f[2])).strip(), Long.parseLong(f[3])));
    }
    System.exit(new KeysignBench(nodes).run() ? 0 : 1);
  }

  private boolean run() throws Exception {
    for (String mode : modes) {
      if (!mode.equals("at-once") && !mode.equals("steady")) {
        throw new IllegalArgumentException("a mode is at-once or steady, not " + mode);
      }
    }
    checkChain();
    List<String> identities = new ArrayList<>();
    for (NodeClient node : nodes) {
      identities.add(NodeClient.string(node.adminGet("/api/v1/admin/node"), "identityKey"));
    }
    long current = Math.floorDiv(System.currentTimeMillis() - genesisMillis, epochMillis);
    String committee = committeeJson(identities);
    for (NodeClient node : nodes) {
      for (long e = Math.max(0, current - 1); e <= current + 2; e++) {
        node.admin("PUT", "/api/v1/admin/committees/" + e, committee, 200, 201);
      }
    }
    String groupKey = dealAndImport(identities);
    System.out.printf(
        Locale.ROOT,
        "  committee of epochs %d to %d on every node: the %d nodes, stake 1 each (url = peer"
            + " listener); epochs of %,d s%n"
            + "  key \"%s\": %d-of-%d, dealt by node 1 (group key %s), each package imported by"
            + " its node; session timeout %,d ms%n"
            + "  per configuration: a fresh chain bound on every node with the batch size, pending"
            + " [0, %d) on every node, then nonce n's digest posted to every node, each node's"
            + " nonces in ascending order; at-once: as fast as the nodes answer, %d client threads"
            + " per node; steady: nonce n arrives n/%s s after the first (%,.1f s of arrivals) and"
            + " is posted then, %d client threads per node%n"
            + "  signed: each node's chain status polled every %d ms (a nonce counts as signed on a"
            + " node when a poll no longer lists it: up to one period late); latency from the"
            + " nonce's FIRST POST sent until it is signed on ALL %d nodes%n"
            + "  peer round trips: the sum over the nodes of cachet_keysign_peer_calls_total by kind"
            + " (commit = round one, sign = round two, signatures = delivery), read before and after"
            + " each configuration; CPU: each node's process from /proc/PID/stat%n",
        Math.max(0, current - 1),
        current + 2,
        nodes.size(),
        epochMillis / 1000,
        KEY,
        threshold,
        nodes.size(),
        groupKey,
        sessionTimeoutMillis,
        nonces,
        clientThreads,
        fmt(rate),
        nonces / rate,
        steadyThreads,
        pollMillis,
        nodes.size());

    warmUp();

    // ABBA: the sweep, then batch size 10 and the first batch size again, in reverse order, so a
    // drift (the nodes' JIT compiling for many minutes) shows and cancels in the goals' ratios.
    List<String[]> plan = new ArrayList<>();
    for (int b : batchSizes) {
      for (String m : modes) {
        plan.add(new String[] {m, Integer.toString(b)});
      }
    }
    int first = batchSizes.get(0);
    if (repeat) {
      List<Integer> again = new ArrayList<>();
      if (first != 10 && batchSizes.contains(10)) {
        again.add(10);
      }
      again.add(first);
      for (int b : again) {
        for (String m : modes) {
          plan.add(new String[] {m, Integer.toString(b)});
        }
      }
    }
    System.out.println(
        "  order of the runs: "
            + plan.stream().map(p -> p[0] + " " + p[1]).collect(Collectors.joining(", "))
            + (repeat
                ? " (batch sizes "
                    + (first != 10 && batchSizes.contains(10) ? "10 and " + first : first)
                    + " again at the end, so a drift shows and the goals' ratios pool it out)"
                : ""));
    System.out.println();
    List<Figures> all = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      String mode = plan.get(i)[0];
      int batch = Integer.parseInt(plan.get(i)[1]);
      log("configuration " + (i + 1) + "/" + plan.size() + ": " + mode + ", batch " + batch);
      Figures f = measure(i + 1, mode, batch, FIRST_CHAIN + i, nonces);
      all.add(f);
      report(f);
    }
    summary(all);
    Figures lastComplete = null;
    for (Figures f : all) {
      if (f.complete()) {
        lastComplete = f;
      }
    }
    if (probeRequests > 0) {
      probe(lastComplete);
    }
    boolean ok = all.stream().allMatch(Figures::complete);
    if (!ok) {
      System.out.println(
          "  FAILED: not every configuration had all its digests signed on every node: "
              + all.stream()
                  .filter(f -> !f.complete())
                  .map(f -> f.label() + " (" + f.failure() + ")")
                  .collect(Collectors.joining("; ")));
    }
    return ok;
  }

  /**
   * Unmeasured rounds of {@code warmupNonces} digests at batch size 10, then at batch size 1 (at
   * once, each on its own chain), until the nodes' JIT compiler threads used less than {@code
   * warmupJit} cores over a round, or {@code warmupSeconds} passed (at least one round).
   */
  private void warmUp() throws Exception {
    if (warmupNonces <= 0) {
      return;
    }
    long start = System.nanoTime();
    for (int round = 1; round <= 40; round++) {
      long jit = 0;
      long cpu = 0;
      double wall = 0;
      boolean complete = true;
      for (int b : new int[] {10, 1}) {
        long chain = WARMUP_CHAIN + 2L * (round - 1) + (b == 1 ? 1 : 0);
        Figures f = measure(0, "at-once", b, chain, warmupNonces);
        complete &= f.complete();
        jit += Math.max(0, f.jitCpuMillis());
        cpu += f.nodeCpuTotal();
        wall += f.cpuSeconds();
      }
      double cores = jit / 1000.0 / wall;
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "  warm-up round %d (not measured): %d digests at batch 10, then at batch 1, %s in %.1f"
              + " s; the nodes' JIT compiler threads used %.2f cores (%.0f%% of the nodes' CPU)%n",
          round,
          warmupNonces,
          complete ? "all signed" : "NOT all signed",
          wall,
          cores,
          100.0 * jit / Math.max(1, cpu));
      if (cores < warmupJit || elapsed >= warmupSeconds) {
        System.out.printf(
            Locale.ROOT,
            "  warm-up over after %.0f s: %s%n",
            elapsed,
            cores < warmupJit
                ? String.format(Locale.ROOT, "the JIT below %.2f cores", warmupJit)
                : String.format(
                    Locale.ROOT,
                    "%d s passed with the JIT still above %.2f cores (the repeated runs show the"
                        + " drift)",
                    warmupSeconds,
                    warmupJit));
        return;
      }
    }
  }

  // ---------------------------------------------------------------- one configuration

  private Figures measure(int order, String mode, int batch, long chain, int count)
      throws Exception {
    String binding = "{\"keyId\":\"" + KEY + "\",\"batchSize\":" + batch + "}";
    for (NodeClient node : nodes) {
      node.admin("PUT", "/api/v1/admin/keysign/chains/" + chain, binding, 201);
    }
    for (NodeClient node : nodes) {
      node.observer(
          "PUT", "/api/v1/keysign/" + chain + "/pending", "{\"low\":0,\"high\":" + count + "}", 200);
    }
    Map<String, Long> callsBefore = peerCalls();
    long[] cpuBefore = cpu();
    long[] threadsBefore = threadCpu();
    long harnessBefore = harnessCpu();
    long machineBefore = machineBusyMillis();
    long retriedBefore = retried();
    long cpuStart = System.nanoTime();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    List<SignedPoller> pollers = new ArrayList<>();
    List<Thread> polling = new ArrayList<>();
    for (NodeClient node : nodes) {
      SignedPoller p = new SignedPoller(node, chain, count, pollMillis, deadline);
      pollers.add(p);
      Thread t = new Thread(p, "poll-" + node.number);
      polling.add(t);
    }
    polling.forEach(Thread::start);
    Feeder feeder =
        mode.equals("steady")
            ? new Feeder(nodes, chain, count, steadyThreads, rate)
            : new Feeder(nodes, chain, count, clientThreads, 0);
    feeder.run();
    String failure = feeder.failure.get();
    if (failure != null) {
      pollers.forEach(p -> p.stop = true);
    }
    for (Thread t : polling) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 1000));
      if (t.isAlive()) {
        pollers.forEach(p -> p.stop = true);
        t.join();
      }
    }
    long polledTill = System.nanoTime();
    Map<String, Long> callsAfter = quietPeerCalls();
    long[] cpuAfter = cpu();
    long[] threadsAfter = threadCpu();
    long harnessAfter = harnessCpu();
    long machineAfter = machineBusyMillis();
    double cpuSeconds = (System.nanoTime() - cpuStart) / 1e9;
    long polls = pollers.stream().mapToLong(p -> p.polls).sum();
    long posts = feeder.posts.get();

    long first = Long.MAX_VALUE;
    for (int n = 0; n < count; n++) {
      first = Math.min(first, feeder.firstSent.get(n));
    }
    int signedEverywhere = 0;
    long last = Long.MIN_VALUE;
    List<Double> latencies = new ArrayList<>();
    List<Double> firstNode = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      long all = Long.MIN_VALUE;
      long any = Long.MAX_VALUE;
      boolean everywhere = true;
      for (SignedPoller p : pollers) {
        long at = p.signedAt[n];
        if (at < 0) {
          everywhere = false;
        } else {
          all = Math.max(all, at);
          any = Math.min(any, at);
        }
      }
      long sent = feeder.firstSent.get(n);
      if (any != Long.MAX_VALUE && sent != Long.MAX_VALUE) {
        firstNode.add((any - sent) / 1e6);
      }
      if (everywhere && sent != Long.MAX_VALUE) {
        signedEverywhere++;
        last = Math.max(last, all);
        latencies.add((all - sent) / 1e6);
      }
    }
    if (failure == null && signedEverywhere < count) {
      failure =
          String.format(
              Locale.ROOT,
              "%d of %d nonces signed on every node within %d s; pending per node: %s",
              signedEverywhere,
              count,
              timeoutSeconds,
              pollers.stream().map(p -> Long.toString(p.pendingCount)).toList());
    }
    double seconds =
        failure == null ? (last - first) / 1e9 : (polledTill - Math.min(first, polledTill)) / 1e9;
    if (failure != null) {
      // Nothing of this chain is needed any more: prune it, so its sessions stop.
      for (NodeClient node : nodes) {
        try {
          node.observer(
              "PUT",
              "/api/v1/keysign/" + chain + "/pending",
              "{\"low\":" + count + ",\"high\":" + count + "}",
              200);
        } catch (Exception e) {
          log("node " + node.number + ": could not prune chain " + chain + ": " + e);
        }
      }
    } else {
      String mismatch = spotCheck(chain, count);
      if (mismatch != null) {
        failure = mismatch;
      }
    }
    Map<String, Long> calls = new TreeMap<>();
    for (Map.Entry<String, Long> e : callsAfter.entrySet()) {
      calls.put(e.getKey(), e.getValue() - callsBefore.getOrDefault(e.getKey(), 0L));
    }
    String chainLabel = "chain=\"" + chain + "\"";
    Map<String, Long> aborts = new TreeMap<>();
    long sessions = 0;
    for (NodeClient node : nodes) {
      String metrics = node.read("/metrics");
      node.counters(metrics, "cachet_keysign_aborts_total", "cause", chainLabel)
          .forEach((k, v) -> aborts.merge(k, v, Long::sum));
      sessions +=
          node
              .counters(metrics, "cachet_keysign_sessions_signed_total", "chain", chainLabel)
              .values()
              .stream()
              .mapToLong(Long::longValue)
              .sum();
    }
    double[] lat = latencies.stream().mapToDouble(Double::doubleValue).toArray();
    double[] firstLat = firstNode.stream().mapToDouble(Double::doubleValue).toArray();
    double[] postMs = Arrays.stream(feeder.postNanos).filter(v -> v > 0).mapToDouble(v -> v / 1e6)
        .toArray();
    long[] nodeCpu = new long[nodes.size()];
    long ours = harnessAfter - harnessBefore;
    for (int i = 0; i < nodes.size(); i++) {
      nodeCpu[i] = cpuBefore[i] < 0 || cpuAfter[i] < 0 ? -1 : cpuAfter[i] - cpuBefore[i];
      ours += Math.max(0, nodeCpu[i]);
    }
    long others =
        machineBefore < 0 || machineAfter < 0 ? -1 : Math.max(0, machineAfter - machineBefore - ours);
    return new Figures(
        order,
        mode,
        batch,
        chain,
        count,
        signedEverywhere,
        failure,
        seconds,
        sessions,
        calls,
        aborts,
        Samples.percentile(lat, 50),
        Samples.percentile(lat, 99),
        Samples.max(lat),
        Samples.percentile(firstLat, 50),
        (feeder.endNanos - first) / 1e9,
        Samples.percentile(postMs, 50),
        Samples.percentile(postMs, 99),
        feeder.maxLagNanos / 1e6,
        posts,
        retried() - retriedBefore,
        polls,
        feeder.answered200.get(),
        nodeCpu,
        threadsBefore[0] < 0 || threadsAfter[0] < 0 ? -1 : threadsAfter[0] - threadsBefore[0],
        threadsBefore[1] < 0 || threadsAfter[1] < 0 ? -1 : threadsAfter[1] - threadsBefore[1],
        harnessAfter - harnessBefore,
        others,
        cpuSeconds);
  }

  /** Three nonces' signatures are the same on every node, 65 bytes, of the digest offered. */
  private String spotCheck(long chain, int count) throws Exception {
    for (int n : new int[] {0, count / 2, count - 1}) {
      String signature = null;
      for (NodeClient node : nodes) {
        String s = node.read("/api/v1/keysign/" + chain + "/signatures/" + n);
        String sig = NodeClient.string(s, "signature");
        if (!NodeClient.string(s, "digest").equals(Feeder.digest(chain, n)) || sig.length() != 130) {
          return "node " + node.number + " holds another digest or a malformed signature: " + s;
        }
        if (signature == null) {
          signature = sig;
        } else if (!signature.equals(sig)) {
          return "nonce " + n + " has different signatures on node 1 and node " + node.number;
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- output

  private void report(Figures f) {
    if (!f.complete()) {
      System.out.printf(
          Locale.ROOT,
          "  [%d] %s, chain %d: NOT FINISHED: %s%n",
          f.order(),
          f.label(),
          f.chain(),
          f.failure());
    }
    System.out.printf(
        Locale.ROOT,
        "  [%d] %s, chain %d: %d/%d signed on every node in %.2f s = %.1f digests/s%n"
            + "      sessions %d (%.1f digests each); peer calls %d = %.2f per digest (commit %.2f,"
            + " sign %.2f, signatures %.2f); aborts: %s%n"
            + "      first POST -> signed on all %d nodes: p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms"
            + " (on the first node: p50 %,.0f ms)%n"
            + "      observer: %d POSTs (%.0f per digest; %d answered 200) in %.2f s, %,.1f ms p50 /"
            + " %,.1f ms p99 each%s%s; %d polls (%.1f per digest)%n"
            + "      CPU s: nodes %s = %.1f (%.1f ms per digest; of it JIT compiler threads %s,"
            + " GC threads %s); harness %.1f, other processes %s: %.0f%% of %d cores over %.1f"
            + " s%n",
        f.order(),
        f.label(),
        f.chain(),
        f.signedEverywhere(),
        f.nonces(),
        f.seconds(),
        f.rate(),
        f.sessions(),
        f.digestsPerSession(),
        f.callsTotal(),
        f.callsPerDigest(),
        f.callsPerDigest("commit"),
        f.callsPerDigest("sign"),
        f.callsPerDigest("signatures"),
        f.aborts().isEmpty() || f.aborts().values().stream().allMatch(v -> v == 0)
            ? "none"
            : f.aborts().toString(),
        nodes.size(),
        f.p50(),
        f.p99(),
        f.max(),
        f.firstNodeP50(),
        f.posts(),
        (double) f.posts() / f.nonces(),
        f.answered200(),
        f.postingSeconds(),
        f.postP50(),
        f.postP99(),
        f.retried() > 0 ? " (" + f.retried() + " sent again after an I/O error)" : "",
        f.mode().equals("steady")
            ? String.format(
                Locale.ROOT, ", latest first POST %,.0f ms after its arrival", f.maxLagMillis())
            : "",
        f.polls(),
        (double) f.polls() / f.nonces(),
        Arrays.stream(f.nodeCpuMillis())
            .mapToObj(c -> c < 0 ? "?" : String.format(Locale.ROOT, "%.1f", c / 1000.0))
            .collect(Collectors.joining("/")),
        f.nodeCpuTotal() / 1000.0,
        (double) f.nodeCpuTotal() / Math.max(1, f.signedEverywhere()),
        seconds(f.jitCpuMillis()),
        seconds(f.gcCpuMillis()),
        f.harnessCpuMillis() / 1000.0,
        seconds(f.otherCpuMillis()),
        100.0 * (f.nodeCpuTotal() + f.harnessCpuMillis() + Math.max(0, f.otherCpuMillis()))
            / 1000.0
            / (f.cpuSeconds() * Runtime.getRuntime().availableProcessors()),
        Runtime.getRuntime().availableProcessors(),
        f.cpuSeconds());
  }

  private void summary(List<Figures> all) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "  Summary (%d nonces per configuration, %d-of-%d, %d nodes on loopback; latency: first"
            + " POST -> signed on all nodes; calls: peer round trips per digest, all nodes)%n",
        nonces,
        threshold,
        nodes.size(),
        nodes.size());
    String header =
        String.format(
            Locale.ROOT,
            "  %-3s %-8s %5s %10s %9s %7s %6s %6s %6s %8s %8s %9s %9s %9s %8s %6s %8s %s",
            "#",
            "mode",
            "batch",
            "digests/s",
            "calls/dg",
            "commit",
            "sign",
            "sigs",
            "dg/ses",
            "sessions",
            "aborts",
            "p50 ms",
            "p99 ms",
            "max ms",
            "CPU s",
            "JIT s",
            "other s",
            "");
    System.out.println(header.stripTrailing());
    for (Figures f : all) {
      long aborts = f.aborts().values().stream().mapToLong(Long::longValue).sum();
      System.out.println(
          String.format(
                  Locale.ROOT,
                  "  %-3d %-8s %5d %10.1f %9.2f %7.2f %6.2f %6.2f %6.1f %8d %8d %9.0f %9.0f %9.0f"
                      + " %8.1f %6.1f %8.1f %s",
                  f.order(),
                  f.mode(),
                  f.batch(),
                  f.rate(),
                  f.callsPerDigest(),
                  f.callsPerDigest("commit"),
                  f.callsPerDigest("sign"),
                  f.callsPerDigest("signatures"),
                  f.digestsPerSession(),
                  f.sessions(),
                  aborts,
                  f.p50(),
                  f.p99(),
                  f.max(),
                  f.nodeCpuTotal() / 1000.0,
                  f.jitCpuMillis() / 1000.0,
                  f.otherCpuMillis() / 1000.0,
                  f.complete() ? "" : "NOT FINISHED")
              .stripTrailing());
    }
    System.out.println(
        "  (CPU s: the 5 nodes together during the configuration; JIT s: of it, their JIT compiler"
            + " threads; other s: every other process on the machine meanwhile, this harness"
            + " excluded; dg/ses: digests per signing session)");
    System.out.println();
    int base = batchSizes.get(0);
    if (base != 1 || !batchSizes.contains(10)) {
      System.out.println(
          "  goals: not judged (the sweep must start with batch size 1 and hold batch size 10)");
      return;
    }
    System.out.println(
        "  Goals, batch size 10 against batch size 1: the mean of each one's runs (ABBA order, so a"
            + " linear drift cancels); pairs: first against first, last against last:");
    for (String mode : modes) {
      List<Figures> ones =
          all.stream().filter(f -> f.mode().equals(mode) && f.batch() == 1).toList();
      List<Figures> tens =
          all.stream().filter(f -> f.mode().equals(mode) && f.batch() == 10).toList();
      if (ones.isEmpty() || tens.isEmpty()) {
        continue;
      }
      boolean complete =
          ones.stream().allMatch(Figures::complete) && tens.stream().allMatch(Figures::complete);
      double rate1 = ones.stream().mapToDouble(Figures::rate).average().orElse(Double.NaN);
      double rate10 = tens.stream().mapToDouble(Figures::rate).average().orElse(Double.NaN);
      double calls1 = ones.stream().mapToDouble(Figures::callsPerDigest).average().orElse(0);
      double calls10 = tens.stream().mapToDouble(Figures::callsPerDigest).average().orElse(0);
      List<String> pairRates = new ArrayList<>();
      List<String> pairCalls = new ArrayList<>();
      for (int k = 0; k < Math.min(ones.size(), tens.size()); k++) {
        Figures one = ones.get(k);
        Figures ten = tens.get(k);
        pairRates.add(String.format(Locale.ROOT, "%.2fx", ten.rate() / one.rate()));
        pairCalls.add(
            String.format(Locale.ROOT, "%.2fx", one.callsPerDigest() / ten.callsPerDigest()));
      }
      System.out.printf(
          Locale.ROOT,
          "    %s: digests signed per second %.1f vs %.1f/s (batch 10: %s; batch 1: %s) = %.2fx"
              + " (pairs %s): goal >= 3x: %s%n"
              + "    %s: peer round trips per digest %.2f vs %.2f = %.2fx fewer (pairs %s): goal"
              + " >= 5x fewer: %s%n",
          mode,
          rate10,
          rate1,
          tens.stream()
              .map(f -> String.format(Locale.ROOT, "%.1f", f.rate()))
              .collect(Collectors.joining(", ")),
          ones.stream()
              .map(f -> String.format(Locale.ROOT, "%.1f", f.rate()))
              .collect(Collectors.joining(", ")),
          rate10 / rate1,
          String.join(", ", pairRates),
          complete && rate10 / rate1 >= 3 ? "MET" : "NOT MET",
          mode,
          calls10,
          calls1,
          calls1 / calls10,
          String.join(", ", pairCalls),
          complete && calls1 / calls10 >= 5 ? "MET" : "NOT MET");
      if (mode.equals("steady")) {
        System.out.printf(
            Locale.ROOT,
            "    (steady: digests arrive at %s/s, so no batch size signs faster than that over the"
                + " %,.1f s of arrivals: the rate ratio cannot pass %.1fx here)%n",
            fmt(rate),
            nonces / rate,
            rate / rate1);
      }
    }
  }

  /**
   * What one observer request costs a node, one at a time on node 1: a new digest stored on a chain
   * bound on node 1 only whose nonce 0 never comes (so no session starts), a digest signed already
   * (200 with its signature), and a chain status GET (the poll). Node 1's idle CPU, measured first,
   * is subtracted.
   */
  private void probe(Figures signedChain) throws Exception {
    NodeClient node = nodes.get(0);
    int n = probeRequests;
    node.admin(
        "PUT",
        "/api/v1/admin/keysign/chains/" + PROBE_CHAIN,
        "{\"keyId\":\"" + KEY + "\",\"batchSize\":10}",
        200,
        201);
    node.observer(
        "PUT",
        "/api/v1/keysign/" + PROBE_CHAIN + "/pending",
        "{\"low\":0,\"high\":" + (n + 1) + "}",
        200);
    long idleStart = System.nanoTime();
    long idleCpu = node.cpuMillis(clkTck);
    Thread.sleep(3000);
    double idlePerSecond =
        (node.cpuMillis(clkTck) - idleCpu) / ((System.nanoTime() - idleStart) / 1e9);
    List<String> lines = new ArrayList<>();
    lines.add(
        probeLine(
            node,
            "POST a new digest (stored; no session: nonce 0 never comes)",
            n,
            idlePerSecond,
            k ->
                node.json(
                    "POST",
                    "/api/v1/keysign/" + PROBE_CHAIN + "/digests",
                    "{\"nonce\":"
                        + (k + 1)
                        + ",\"digest\":\""
                        + Feeder.digest(PROBE_CHAIN, k + 1)
                        + "\"}"),
            202));
    if (signedChain != null) {
      long chain = signedChain.chain();
      int count = signedChain.nonces();
      lines.add(
          probeLine(
              node,
              "POST a digest signed already (200 with its signature)",
              n,
              idlePerSecond,
              k ->
                  node.json(
                      "POST",
                      "/api/v1/keysign/" + chain + "/digests",
                      "{\"nonce\":"
                          + (k % count)
                          + ",\"digest\":\""
                          + Feeder.digest(chain, k % count)
                          + "\"}"),
              200));
      lines.add(
          probeLine(
              node,
              "GET the chain status (the poll; " + count + " nonces, none pending)",
              n,
              idlePerSecond,
              k ->
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(node.base + "/api/v1/keysign/" + chain))
                      .timeout(Duration.ofSeconds(30))
                      .GET()
                      .build(),
              200));
    }
    node.observer(
        "PUT",
        "/api/v1/keysign/" + PROBE_CHAIN + "/pending",
        "{\"low\":" + (n + 1) + ",\"high\":" + (n + 1) + "}",
        200);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "  What one observer request costs node 1 (%d requests one after another; its idle CPU,"
            + " %.1f ms/s, subtracted):%n",
        n,
        idlePerSecond);
    lines.forEach(System.out::println);
  }

  private interface RequestOf {
    java.net.http.HttpRequest of(int k);
  }

  private String probeLine(
      NodeClient node, String what, int n, double idlePerSecond, RequestOf request, int status)
      throws Exception {
    String connection = null;
    long cpu = node.cpuMillis(clkTck);
    long harness = harnessCpu();
    long start = System.nanoTime();
    for (int k = 0; k < n; k++) {
      java.net.http.HttpResponse<String> r = node.send(request.of(k));
      if (r.statusCode() != status) {
        throw new IllegalStateException(what + ": answered " + r.statusCode() + ": " + r.body());
      }
      if (connection == null) {
        connection = r.headers().firstValue("connection").orElse("(none)");
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double nodeCpu = node.cpuMillis(clkTck) - cpu - idlePerSecond * wall;
    double harnessCpu = harnessCpu() - harness;
    return String.format(
        Locale.ROOT,
        "    %-66s node CPU %5.2f ms, wall %5.2f ms, harness CPU %5.2f ms per request;"
            + " Connection: %s",
        what,
        nodeCpu / n,
        wall * 1000 / n,
        harnessCpu / n,
        connection);
  }

  // ---------------------------------------------------------------- setup and readings

  private String dealAndImport(List<String> identities) throws Exception {
    String members =
        identities.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(","));
    String dealing =
        nodes
            .get(0)
            .admin(
                "POST",
                "/api/v1/admin/keysign/dealings",
                "{\"keyId\":\"" + KEY + "\",\"threshold\":" + threshold + ",\"members\":["
                    + members + "]}",
                201);
    Map<String, String> packages = new HashMap<>();
    for (String p : NodeClient.objects(dealing, "packages")) {
      packages.put(NodeClient.string(p, "identityKey"), NodeClient.string(p, "keyPackage"));
    }
    for (int i = 0; i < nodes.size(); i++) {
      String own = packages.get(identities.get(i));
      if (own == null) {
        throw new IllegalStateException("the dealing holds no package of node " + (i + 1));
      }
      nodes
          .get(i)
          .admin("PUT", "/api/v1/admin/keysign/keys/" + KEY, "{\"keyPackage\":\"" + own + "\"}", 201);
    }
    return NodeClient.string(dealing, "groupPublicKey");
  }

  /** The peer calls of every node, by kind, summed. */
  private Map<String, Long> peerCalls() throws Exception {
    Map<String, Long> sums = new TreeMap<>();
    for (NodeClient node : nodes) {
      node.counters(node.read("/metrics"), "cachet_keysign_peer_calls_total", "kind")
          .forEach((k, v) -> sums.merge(k, v, Long::sum));
    }
    return sums;
  }

  /** The peer calls once they stand still for 300 ms (the last deliveries), at most 5 s. */
  private Map<String, Long> quietPeerCalls() throws Exception {
    Map<String, Long> last = peerCalls();
    long until = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < until) {
      Thread.sleep(300);
      Map<String, Long> now = peerCalls();
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  /**
   * The machine's busy CPU time so far, ms, all cores ({@code /proc/stat}: user, nice, system,
   * irq, softirq, steal); -1 if it cannot be read.
   */
  private long machineBusyMillis() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long ticks = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        ticks += Long.parseLong(f[i]);
      }
      return ticks * 1000 / clkTck;
    } catch (Exception e) {
      return -1;
    }
  }

  /** JIT compiler and GC threads' CPU ms of all nodes together; -1 where unreadable. */
  private long[] threadCpu() {
    long[] sum = new long[2];
    for (NodeClient node : nodes) {
      long[] t = node.threadCpuMillis(clkTck);
      for (int k = 0; k < 2; k++) {
        sum[k] = sum[k] < 0 || t[k] < 0 ? -1 : sum[k] + t[k];
      }
    }
    return sum;
  }

  private long[] cpu() {
    long[] out = new long[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      out[i] = nodes.get(i).cpuMillis(clkTck);
    }
    return out;
  }

  private static long harnessCpu() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
  }

  private long retried() {
    return nodes.stream().mapToLong(n -> n.retried.get()).sum();
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

  private static String seconds(long millis) {
    return millis < 0 ? "?" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void log(String message) {
    System.err.println("[keysign] " + message);
  }
}
