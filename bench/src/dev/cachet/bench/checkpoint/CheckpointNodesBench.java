package dev.cachet.bench.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 15's benchmark on four Payara Micro nodes on loopback (driven by {@code
 * bench/checkpoint-nodes.sh}, which starts and restarts the nodes): the validators' time from the
 * checkpoint proposal's arrival to their attestation being sent, and one block's execution time,
 * as each node reports them for its job of a slot ({@code GET /api/v1/checkpoint/slots/{slot}}:
 * {@code attestationMicros}, {@code executionMicros}), with the nodes executing blocks pipelined
 * (each as it arrives) in some phases and only on the checkpoint proposal (the synchronous way) in
 * others. Commands:
 *
 * <ul>
 *   <li>{@code genesis FILE}: writes the genesis accounts file every node reads;
 *   <li>{@code setup NODE…}: each node generates its validator's XMSS^MT attestation and proposal
 *       keys, and every node gets the committee of the four with their checkpoint duties;
 *   <li>{@code phase NODE…}: one phase on the nodes as started (mode {@code bench.mode}): fills the
 *       pools, warms up, measures {@code bench.measured} slots, prints its figures and saves its
 *       samples to {@code phase-N.tsv} in {@code bench.work};
 *   <li>{@code report}: the figures pooled per mode over every phase's samples, and the goals.
 * </ul>
 *
 * <p>A node is {@code http,peer,tokenFile,pid}. Transactions: each phase's senders are accounts
 * no phase used before, so their nonces start at 0. The pools are filled before the warm-up,
 * because one transaction through {@code POST /api/v1/checkpoint/txs} costs the nodes four HTTP
 * requests (the POST and its relay to the three others): on two cores they take 50 to 70 a second,
 * while 8 blocks of 100 per slot take them faster than that. By default ({@code bench.fill=relay})
 * the harness's feeder relays them to every node, 1,000 a message, as a committee member does
 * ({@link CheckpointNodesFeeder}). With {@code bench.fill=post} they are posted one by one, nonces
 * from 1 first (none applies, so no slot takes them meanwhile), the nonce-0 ones last.
 */
public final class CheckpointNodesBench {

  static final HexFormat HEX = HexFormat.of();

  static final Path WORK = Path.of(System.getProperty("bench.work", "."));
  static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);
  static final int BLOCKS = Integer.getInteger("bench.blocks", 8);
  static final int TXS = Integer.getInteger("bench.txs", 100);
  static final int MEASURED = Integer.getInteger("bench.measured", 12);
  static final int WARMUP = Integer.getInteger("bench.warmup", 10);
  static final int SENDERS = Integer.getInteger("bench.senders", 250);
  static final int SUBMIT_THREADS = Integer.getInteger("bench.submitThreads", 8);
  static final int XMSS_HEIGHT = Integer.getInteger("bench.xmssHeight", 20);
  static final int XMSS_LAYERS = Integer.getInteger("bench.xmssLayers", 2);
  static final long GENESIS = Long.getLong("bench.genesis", 0L); // epoch seconds
  static final long SLOT_MILLIS = Long.getLong("bench.slotMillis", 2_000L);
  static final long SLOTS_PER_EPOCH = Long.getLong("bench.slotsPerEpoch", 3_600L);
  static final int PHASE = Integer.getInteger("bench.phase", 1);
  static final String MODE = System.getProperty("bench.mode", "pipelined");
  static final long CLK_TCK = Long.getLong("bench.clkTck", 100L);
  static final String FILL = System.getProperty("bench.fill", "relay");
  static final int FEEDER_PORT = Integer.getInteger("bench.feederPort", 18899);
  static final long BALANCE = 1_000_000_000L;

  private CheckpointNodesBench() {}

  public static void main(String[] args) throws Exception {
    List<CheckpointNodeClient> nodes = new ArrayList<>();
    if (args[0].equals("setup") || args[0].equals("phase")) {
      for (int i = 1; i < args.length; i++) {
        nodes.add(CheckpointNodeClient.parse(i, args[i]));
      }
    }
    int status =
        switch (args[0]) {
          case "genesis" -> genesis(Path.of(args[1]));
          case "setup" -> setup(nodes);
          case "phase" -> phase(nodes);
          case "report" -> CheckpointNodesReport.report(WORK);
          default -> throw new IllegalArgumentException("genesis, setup, phase or report");
        };
    System.out.flush();
    System.exit(status);
  }

  // ---------------------------------------------------------------- genesis and setup

  static byte[] accountId(int i) {
    byte[] id = new byte[32];
    id[0] = (byte) 0xac;
    ByteBuffer.wrap(id, 28, 4).putInt(i);
    return id;
  }

  static String account(int i) {
    return HEX.formatHex(accountId(i));
  }

  /** A transfer of 1 from account {@code from} to account {@code to}, the sender's nonce. */
  record Tx(int from, int to, long nonce) {
    static Tx of(int sender, long nonce) {
      return new Tx(
          sender, (int) ((sender + 1 + (nonce * 37 + sender) % (ACCOUNTS - 1)) % ACCOUNTS), nonce);
    }

    String json() {
      return "{\"from\":\""
          + account(from)
          + "\",\"to\":\""
          + account(to)
          + "\",\"amount\":1,\"nonce\":"
          + nonce
          + "}";
    }

    /** As the node encodes it: from, to, amount, nonce (docs/protocol.md §12). */
    byte[] encode() {
      return ByteBuffer.allocate(80)
          .put(accountId(from))
          .put(accountId(to))
          .putLong(1)
          .putLong(nonce)
          .array();
    }
  }

  private static int genesis(Path file) throws IOException {
    StringBuilder json = new StringBuilder("{\"accounts\":[");
    for (int i = 0; i < ACCOUNTS; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(account(i))
          .append("\",\"balance\":")
          .append(BALANCE)
          .append('}');
    }
    Files.writeString(file, json.append("]}").toString(), StandardCharsets.UTF_8);
    return 0;
  }

  private static int setup(List<CheckpointNodeClient> nodes) throws Exception {
    List<String> identities = new ArrayList<>();
    for (CheckpointNodeClient node : nodes) {
      identities.add(
          CheckpointNodeClient.string(node.adminGet("/api/v1/admin/node"), "identityKey"));
    }
    long started = System.nanoTime();
    for (CheckpointNodeClient node : nodes) {
      for (String role : List.of("attestation", "proposal")) {
        node.admin(
            "POST",
            "/api/v1/admin/keys",
            "{\"validatorIndex\":"
                + validatorIndex(node)
                + ",\"role\":\""
                + role
                + "\",\"height\":"
                + XMSS_HEIGHT
                + ",\"layers\":"
                + XMSS_LAYERS
                + ",\"activationSlot\":0}",
            201,
            202);
      }
    }
    StringBuilder members = new StringBuilder("{\"members\":[");
    for (CheckpointNodeClient node : nodes) {
      String attestation = awaitActive(node, "attestation");
      String proposal = awaitActive(node, "proposal");
      members
          .append(node.number == 1 ? "" : ",")
          .append("{\"name\":\"node-")
          .append(node.number)
          .append("\",\"identityKey\":\"")
          .append(identities.get(node.number - 1))
          .append("\",\"stake\":1,\"url\":\"")
          .append(node.peerBase)
          .append("\",\"validatorIndex\":")
          .append(validatorIndex(node))
          .append(",\"attestationKey\":\"")
          .append(attestation)
          .append("\",\"proposalKey\":\"")
          .append(proposal)
          .append("\"}");
    }
    String nodesOnly = members.toString() + "]}";
    String withFeeder = nodesOnly;
    if (FILL.equals("relay")) {
      CheckpointNodesFeeder feeder = CheckpointNodesFeeder.create(WORK.resolve("feeder.key"));
      withFeeder =
          members
              + ",{\"name\":\"bench-feeder\",\"identityKey\":\""
              + feeder.identityKey
              + "\",\"stake\":1,\"url\":\"http://127.0.0.1:"
              + FEEDER_PORT
              + "\"}]}";
    }
    // The run's epoch: the committee of the four. The next: the same, with the feeder if it
    // relays (a node takes a relay from a member of its current epoch's committee or the next's).
    long epoch = currentSlot() / SLOTS_PER_EPOCH;
    for (CheckpointNodeClient node : nodes) {
      node.admin("PUT", "/api/v1/admin/committees/" + epoch, nodesOnly, 200, 201);
      node.admin("PUT", "/api/v1/admin/committees/" + (epoch + 1), withFeeder, 200, 201);
    }
    Files.writeString(WORK.resolve("epoch.txt"), Long.toString(epoch));
    Files.write(WORK.resolve("identities.txt"), identities, StandardCharsets.US_ASCII);
    System.out.printf(
        Locale.ROOT,
        "setup: %d nodes, each with XMSS^MT attestation and proposal keys of h = %d, d = %d"
            + " (generated by the node, active in %.1f s); the committee of the %d (stake 1 each,"
            + " checkpoint duties, validator indexes 101..%d) set for epoch %d (slots %d..%d, the"
            + " run's) and %d on every node%s%n",
        nodes.size(),
        XMSS_HEIGHT,
        XMSS_LAYERS,
        (System.nanoTime() - started) / 1e9,
        nodes.size(),
        100 + nodes.size(),
        epoch,
        epoch * SLOTS_PER_EPOCH,
        (epoch + 1) * SLOTS_PER_EPOCH - 1,
        epoch + 1,
        FILL.equals("relay")
            ? ", in epoch " + (epoch + 1) + " with the transaction feeder as a fifth member"
                + " (stake 1, no duty)"
            : "");
    return 0;
  }

  private static long validatorIndex(CheckpointNodeClient node) {
    return 100 + node.number;
  }

  /** Waits (up to 10 min) until the key is ACTIVE; its public key. */
  private static String awaitActive(CheckpointNodeClient node, String role) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    String path = "/api/v1/keys/" + validatorIndex(node) + "/" + role;
    while (true) {
      HttpResponse<String> key = node.get(path);
      if (key.statusCode() == 200
          && "ACTIVE".equals(CheckpointNodeClient.string(key.body(), "state"))) {
        return CheckpointNodeClient.string(key.body(), "publicKey");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "node " + node.number + ": " + path + " not ACTIVE: " + key.body());
      }
      Thread.sleep(250);
    }
  }

  // ---------------------------------------------------------------- the slot clock

  static long slotStart(long slot) {
    return GENESIS * 1000 + slot * SLOT_MILLIS;
  }

  static long currentSlot() {
    return (System.currentTimeMillis() - GENESIS * 1000) / SLOT_MILLIS;
  }

  static void sleepUntil(long millis) throws InterruptedException {
    long wait = millis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  // ---------------------------------------------------------------- a phase

  private static int phase(List<CheckpointNodeClient> nodes) throws Exception {
    List<String> identities = Files.readAllLines(WORK.resolve("identities.txt"));
    for (CheckpointNodeClient node : nodes) {
      String key = CheckpointNodeClient.string(node.adminGet("/api/v1/admin/node"), "identityKey");
      if (!key.equals(identities.get(node.number - 1))) {
        throw new IllegalStateException("node " + node.number + " has another identity: " + key);
      }
    }
    for (CheckpointNodeClient node : nodes) {
      awaitCheckpointService(node);
    }
    int perSlot = BLOCKS * TXS;
    int firstSender = (PHASE - 1) * SENDERS;
    if (firstSender + SENDERS > ACCOUNTS) {
      throw new IllegalStateException(
          "phase " + PHASE + " needs senders " + firstSender + ".." + (firstSender + SENDERS - 1)
              + " but there are " + ACCOUNTS + " accounts (lower BENCH_SENDERS)");
    }
    // The slot they open in (partly), the warm-up, the measured slots and two more for slack.
    long needed = (long) (WARMUP + MEASURED + 3) * perSlot;
    int rounds = (int) ((needed + SENDERS - 1) / SENDERS);
    boolean relay = FILL.equals("relay");
    // Relayed, they fill every pool within seconds: nonces from 0, in nonce order (round by
    // round over the senders), so every block takes the next 100 at the head of the pool. Posted
    // one by one they take minutes: nonces from 1 first, which no slot can take, then the
    // nonce-0 ones open them (the senders opened first get ahead, so a block can come short when
    // a group of senders runs out: such slots are reported and left out).
    List<Tx> fill = new ArrayList<>();
    for (int r = relay ? 0 : 1; r <= rounds; r++) {
      for (int a = firstSender; a < firstSender + SENDERS; a++) {
        fill.add(Tx.of(a, r));
      }
    }
    List<Tx> gates = new ArrayList<>();
    for (int a = firstSender; !relay && a < firstSender + SENDERS; a++) {
      gates.add(Tx.of(a, 0));
    }
    CheckpointNodesFeeder feeder =
        relay ? CheckpointNodesFeeder.load(WORK.resolve("feeder.key")) : null;
    long up = currentSlot();
    System.out.printf(
        Locale.ROOT, "%nphase %d (%s): nodes up at slot %d; pools: %s%n", PHASE, MODE, up,
        pools(nodes));
    long epoch = Long.parseLong(Files.readString(WORK.resolve("epoch.txt")).strip());
    if (up / SLOTS_PER_EPOCH != epoch) {
      throw new IllegalStateException(
          "slot " + up + " is past the run's epoch " + epoch + ": raise BENCH_SLOTS_PER_EPOCH");
    }
    long fillFrom = currentSlot();
    Submitted filled = relay ? feeder.relayToAll(nodes, fill, epoch) : submit(nodes, fill);
    System.out.printf(
        Locale.ROOT,
        "  filled the pools: %,d transactions (senders %d..%d, nonces %d..%d%s) in %.1f s"
            + " (%,.0f/s), slots %d..%d: %s%n",
        fill.size(),
        firstSender,
        firstSender + SENDERS - 1,
        relay ? 0 : 1,
        rounds,
        relay ? "" : ", none applicable yet",
        filled.seconds(),
        fill.size() / filled.seconds(),
        fillFrom,
        currentSlot(),
        relay
            ? "relayed by the feeder to each node, "
                + CheckpointNodesFeeder.MAX_TXS
                + " a relay ("
                + filled.retried()
                + " relays sent again)"
            : "POST /api/v1/checkpoint/txs, "
                + SUBMIT_THREADS
                + " threads round robin over the nodes, each relayed by that node to the others ("
                + filled.retried()
                + " retried, "
                + filled.refused()
                + " refused)");
    long opened;
    if (relay) {
      opened = fillFrom;
      System.out.println("  pools: " + pools(nodes));
    } else {
      System.out.println("  pools after the relays: " + awaitPools(nodes, fill.size()));
      Submitted gated = submit(nodes, gates);
      opened = currentSlot();
      System.out.printf(
          Locale.ROOT,
          "  opened them: %d nonce-0 transactions in %.1f s at slot %d%n",
          gates.size(),
          gated.seconds(),
          opened);
    }
    long first = opened + WARMUP + 1;
    long last = first + MEASURED - 1;
    System.out.printf(
        Locale.ROOT,
        "  warm-up slots %d..%d, measured slots %d..%d%n", opened + 1, first - 1, first, last);
    if (last / SLOTS_PER_EPOCH != epoch) {
      throw new IllegalStateException(
          "slot " + last + " is past the run's epoch " + epoch + ": raise BENCH_SLOTS_PER_EPOCH");
    }

    // Just before the first measured slot (the slot before is idle by then): pools, CPU, metrics.
    sleepUntil(slotStart(first) - SLOT_MILLIS / 4);
    String before = pools(nodes);
    Snapshot start = Snapshot.take(nodes);
    sleepUntil(slotStart(last + 1) + SLOT_MILLIS / 4); // the last measured job disposed
    Snapshot end = Snapshot.take(nodes);
    System.out.printf(
        Locale.ROOT,
        "  pools before the measured slots: %s (%d slots need %,d)%n",
        before,
        MEASURED,
        (long) MEASURED * perSlot);
    CheckpointNodesSamples samples =
        CheckpointNodesSamples.read(nodes, identities, opened + 1, first, last);
    samples.print(System.out, start, end, nodes);
    samples.save(WORK.resolve("phase-" + PHASE + ".tsv"));
    samples.saveMeta(WORK.resolve("phase-" + PHASE + ".meta"));
    return samples.validMeasured() == 0 ? 2 : 0;
  }

  private static void awaitCheckpointService(CheckpointNodeClient node) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      HttpResponse<String> status = node.get("/api/v1/checkpoint");
      if (status.statusCode() == 200) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "node " + node.number + ": the checkpoint service is not there: "
                + status.statusCode() + " " + status.body());
      }
      Thread.sleep(250);
    }
  }

  /** Each node's pool size, e.g. {@code 1: 17000, 2: 17000, …}. */
  static String pools(List<CheckpointNodeClient> nodes) throws Exception {
    StringBuilder out = new StringBuilder();
    for (CheckpointNodeClient node : nodes) {
      out.append(node.number == 1 ? "" : ", ")
          .append("node ")
          .append(node.number)
          .append(' ')
          .append(poolOf(node));
    }
    return out.toString();
  }

  private static long poolOf(CheckpointNodeClient node) throws Exception {
    Long n = CheckpointNodeClient.number(node.read("/api/v1/checkpoint"), "poolTransactions");
    return n == null ? -1 : n;
  }

  /** Waits (up to 60 s) until every pool holds {@code count}, or stopped growing for 5 s. */
  private static String awaitPools(List<CheckpointNodeClient> nodes, long count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long lastTotal = -1;
    long stillSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long min = Long.MAX_VALUE;
      long total = 0;
      for (CheckpointNodeClient node : nodes) {
        long p = poolOf(node);
        min = Math.min(min, p);
        total += p;
      }
      if (min >= count) {
        break;
      }
      if (total != lastTotal) {
        lastTotal = total;
        stillSince = System.nanoTime();
      } else if (System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(5)) {
        break;
      }
      Thread.sleep(250);
    }
    return pools(nodes);
  }

  record Submitted(double seconds, long retried, long refused) {}

  /**
   * POSTs every transaction ({@code POST /api/v1/checkpoint/txs}, 202 expected) to the nodes in
   * turn, with {@code bench.submitThreads} threads; a 503 or an I/O failure is tried again (up to
   * 50 times, 100 ms apart), anything else counted as refused.
   */
  static Submitted submit(List<CheckpointNodeClient> nodes, List<Tx> txs) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong retried = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<String> firstRefusals = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(SUBMIT_THREADS);
    long started = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < SUBMIT_THREADS; t++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < txs.size(); i = next.getAndIncrement()) {
                    CheckpointNodeClient node = nodes.get(i % nodes.size());
                    for (int attempt = 0; ; attempt++) {
                      int status;
                      String body;
                      try {
                        HttpResponse<String> r = node.post("/api/v1/checkpoint/txs", txs.get(i).json());
                        status = r.statusCode();
                        body = r.body();
                      } catch (IOException e) {
                        status = -1;
                        body = e.toString();
                      }
                      if (status == 202) {
                        break;
                      }
                      if ((status == 503 || status == -1) && attempt < 50) {
                        retried.incrementAndGet();
                        Thread.sleep(100);
                        continue;
                      }
                      refused.incrementAndGet();
                      if (firstRefusals.size() < 3) {
                        firstRefusals.add("node " + node.number + ": " + status + " " + body);
                      }
                      break;
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String r : firstRefusals) {
      System.out.println("  refused: " + r);
    }
    return new Submitted((System.nanoTime() - started) / 1e9, retried.get(), refused.get());
  }

  // ---------------------------------------------------------------- CPU and metrics

  /** The CPU ticks of the machine, the nodes and the harness, and the nodes' metrics, at once. */
  record Snapshot(
      long nanos,
      long machineBusy,
      long machineTotal,
      long[] nodeTicks,
      long harnessTicks,
      List<String> metrics) {

    static Snapshot take(List<CheckpointNodeClient> nodes) throws Exception {
      long[] machine = CheckpointNodeClient.machineTicks();
      long[] ticks = new long[nodes.size()];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = nodes.get(i).cpuTicks();
      }
      long harness = CheckpointNodeClient.processTicks(ProcessHandle.current().pid());
      long nanos = System.nanoTime();
      List<String> metrics = new ArrayList<>();
      for (CheckpointNodeClient node : nodes) {
        metrics.add(node.read("/metrics"));
      }
      return new Snapshot(nanos, machine[0], machine[1], ticks, harness, metrics);
    }
  }

  /** Cores used over {@code ticks} clock ticks in {@code nanos}. */
  static double cores(long ticks, long nanos) {
    return ticks * (1e9 / CLK_TCK) / nanos;
  }

  static Map<String, Double> metricDelta(
      Snapshot start, Snapshot end, int node, String name, String... filter) {
    Map<String, Double> out = new TreeMap<>();
    for (String suffix : List.of("_count", "_sum")) {
      double a = CheckpointNodeClient.metric(start.metrics().get(node), name + suffix, filter);
      double b = CheckpointNodeClient.metric(end.metrics().get(node), name + suffix, filter);
      out.put(suffix, b - a);
    }
    return out;
  }

  static void writeLines(Path file, List<String> lines) {
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
