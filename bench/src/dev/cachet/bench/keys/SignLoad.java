package dev.cachet.bench.keys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signing load over loopback HTTP against one setup (one node, or several nodes on one database):
 * generates 8 validators' attestation keys (h = 32, d = 2) through the first node, waits until
 * every node has every key ACTIVE and no preparation runs, then runs 16 clients spread evenly over
 * the nodes, each signing increasing slots of its key (two clients per key, sharing the key's slot
 * sequence; with two nodes the two clients of a key sit on different nodes). Optionally (one node
 * only) a second phase runs while the node generates a ninth key. Appends the rows to a result
 * file; {@code report} prints the table of several setups and the goals.
 *
 * <pre>
 * SignLoad measure LABEL SECONDS RESULT_FILE GENERATION_PHASE(true|false) NODE...
 *   NODE = BASE_URL,ADMIN_TOKEN_FILE,PID
 * SignLoad report H2_RESULT PG_RESULT PG_PAIR_RESULT
 * </pre>
 */
public final class SignLoad {

  private static final int KEYS = 8;
  private static final int CLIENTS = 16;
  private static final double P99_GOAL_MS = 50;
  private static final double THROUGHPUT_GOAL = 1.5;
  private static final double PREPARATION_P99_GOAL = 1.5;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  record Node(String base, String token, long pid) {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "measure" -> measure(args);
      case "report" -> report(Arrays.copyOfRange(args, 1, args.length));
      default -> throw new IllegalArgumentException("measure or report, not " + args[0]);
    }
  }

  // ---------------------------------------------------------------- measure

  private static void measure(String[] args) throws Exception {
    String label = args[1];
    int seconds = Integer.parseInt(args[2]);
    Path resultFile = Path.of(args[3]);
    boolean generationPhase = Boolean.parseBoolean(args[4]);
    List<Node> nodes = new ArrayList<>();
    for (int i = 5; i < args.length; i++) {
      String[] parts = args[i].split(",", 3);
      nodes.add(
          new Node(
              parts[0], Files.readString(Path.of(parts[1])).strip(), Long.parseLong(parts[2])));
    }
    if (generationPhase && nodes.size() != 1) {
      throw new IllegalArgumentException("the generation phase is measured on one node only");
    }
    Node admin = nodes.get(0);
    System.out.printf(Locale.ROOT, "== %s ==%n", label);

    long start = System.nanoTime();
    int first = 1;
    if (generationPhase) { // as before: one key alone first, to compare with a generation under
      // load
      generate(admin, 1);
      awaitActive(nodes, 1);
      System.out.printf(
          Locale.ROOT, "key generation (h = 32, d = 2), alone: %.1f s%n", since(start));
      first = 2;
    }
    for (int v = first; v <= KEYS; v++) {
      generate(admin, v);
    }
    for (int v = first; v <= KEYS; v++) {
      awaitActive(List.of(admin), v);
    }
    double activeOnFirst = since(start);
    for (int v = 1; v <= KEYS; v++) {
      awaitActive(nodes, v);
    }
    double activeOnAll = since(start);
    for (Node node : nodes) {
      awaitNoPreparation(node);
    }
    for (Node node : nodes) {
      awaitReady(node);
    }
    double settled = since(start);
    System.out.printf(
        Locale.ROOT,
        "%d keys generated through %s: ACTIVE there after %.1f s%s, no preparation running after"
            + " %.1f s%n",
        KEYS,
        admin.base(),
        activeOnFirst,
        nodes.size() > 1
            ? String.format(
                Locale.ROOT, ", on all %d nodes after %.1f s", nodes.size(), activeOnAll)
            : "",
        settled);
    for (Node node : nodes) {
      System.out.printf(
          Locale.ROOT,
          "node %s resident memory with %d prepared keys: %.1f MiB%n",
          node.base(),
          KEYS,
          rssBytes(node.pid()) / 1048576.0);
    }

    long current = currentSlot(admin);
    AtomicLong[] next = new AtomicLong[KEYS + 1];
    for (int v = 1; v <= KEYS; v++) {
      next[v] = new AtomicLong(current + 10);
    }
    load(nodes, next, Math.min(10, seconds), "warm-up", false);
    Result quiet = load(nodes, next, seconds, "measured", false);
    List<String> rows = new ArrayList<>();
    rows.add(quiet.line(label + (nodes.size() > 1 ? ", every key on both" : "")));
    if (nodes.size() > 1) {
      // As a validator client sticks to one node of the pair: each node signs its own keys.
      Result split = load(nodes, next, seconds, "measured, each key on one node", true);
      rows.add(split.line(label + ", each key on one"));
    }

    if (generationPhase) {
      long generationStart = System.nanoTime();
      generate(admin, KEYS + 1);
      Thread watcher =
          new Thread(
              () -> {
                awaitActive(List.of(admin), KEYS + 1);
                System.out.printf(
                    Locale.ROOT, "key generation under load: %.1f s%n", since(generationStart));
              });
      watcher.start();
      Result busy = load(nodes, next, seconds, "while a key is generated", false);
      boolean stillRunning = watcher.isAlive();
      watcher.join();
      if (!stillRunning) {
        System.out.println("WARNING: the generation ended before the load phase did");
      }
      rows.add(busy.line(label + ", while a 2 x 65,536-leaf generation runs"));
    }
    Files.write(resultFile, rows);
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** One measured phase: what was signed (200) and refused (409), with the signed latencies. */
  record Result(long signed, long refused, double seconds, long[] nanos) {

    double percentile(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      return nanos[(int) Math.min(nanos.length - 1, Math.floor(p * nanos.length))] / 1e6;
    }

    String line(String label) {
      return String.join(
          "\t",
          label,
          Long.toString(signed),
          Long.toString(refused),
          fmt(seconds),
          fmt(percentile(0.50)),
          fmt(percentile(0.99)),
          fmt(nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6));
    }

    private static String fmt(double value) {
      return String.format(Locale.ROOT, "%.4f", value);
    }
  }

  /** A growable array of latencies, so 16 clients do not each hold a huge preallocated one. */
  private static final class Latencies {
    long[] values = new long[1 << 16];
    int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }

  /**
   * One load phase. With {@code keysSplit}, the two clients of a key use the same node (keys 1..4
   * on the first of two nodes, 5..8 on the second); otherwise they use different nodes.
   */
  private static Result load(
      List<Node> nodes, AtomicLong[] next, int seconds, String phase, boolean keysSplit)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<long[]> latencies = new ArrayList<>();
    AtomicLong refused = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int validator = 1 + c % KEYS;
      // Clients 0..7 on the first node, 8..15 on the second: each node serves all 8 keys, and the
      // two clients of a key (c and c + 8) share its slot sequence across the nodes.
      Node node =
          keysSplit
              ? nodes.get((validator - 1) * nodes.size() / KEYS)
              : nodes.get(c * nodes.size() / CLIENTS);
      Random random = new Random(c);
      Thread thread =
          new Thread(
              () -> {
                Latencies mine = new Latencies();
                byte[] message = new byte[32];
                try {
                  while (System.nanoTime() < end) {
                    random.nextBytes(message);
                    long slot = next[validator].getAndIncrement();
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer =
                        attest(node, validator, slot, HexFormat.of().formatHex(message));
                    long took = System.nanoTime() - t0;
                    int status = answer.statusCode();
                    if (status == 200) {
                      mine.add(took);
                    } else if (status == 409) {
                      refused.incrementAndGet(); // the other client of this key signed higher
                    } else {
                      throw new IllegalStateException(
                          node.base()
                              + " validator "
                              + validator
                              + " slot "
                              + slot
                              + ": status "
                              + status
                              + " "
                              + answer.body());
                    }
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
                synchronized (latencies) {
                  latencies.add(Arrays.copyOf(mine.values, mine.size));
                }
              },
              "client-" + c);
      threads.add(thread);
    }
    long t0 = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = since(t0);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(phase + ": " + failures.get(0), failures.get(0));
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%s: %d signatures, %d refused (409) in %.1f s%n",
        phase,
        all.length,
        refused.get(),
        elapsed);
    return new Result(all.length, refused.get(), elapsed, all);
  }

  private static HttpResponse<String> attest(Node node, int validator, long slot, String message)
      throws Exception {
    return send(
        HttpRequest.newBuilder(
                URI.create(node.base() + "/api/v1/validators/" + validator + "/attestations"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"slot\":" + slot + ",\"message\":\"" + message + "\"}"))
            .build());
  }

  private static void generate(Node node, int validator) throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/admin/keys"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + node.token())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"validatorIndex\":" + validator + ",\"role\":\"ATTESTATION\"}"))
                .build());
    if (answer.statusCode() != 202) {
      throw new IllegalStateException("generate: " + answer.statusCode() + " " + answer.body());
    }
  }

  /** Until the key is ACTIVE on every node (another node loads it at its next slot tick). */
  private static void awaitActive(List<Node> nodes, int validator) {
    for (Node node : nodes) {
      await(
          node.base() + " validator " + validator + " ACTIVE",
          () ->
              field(get(node, "/api/v1/keys/" + validator + "/attestation"), "state")
                  .map("ACTIVE"::equals)
                  .orElse(false));
    }
  }

  private static void awaitNoPreparation(Node node) {
    await(
        node.base() + " no preparation running",
        () -> !get(node, "/api/v1/keys").contains("\"preparing\":true"));
  }

  private static void awaitReady(Node node) {
    await(node.base() + " ready", () -> status(node, "/health/ready") == 200);
  }

  private static long currentSlot(Node node) {
    return Long.parseLong(
        field(get(node, "/api/v1/chain"), "currentSlot").orElseThrow(IllegalStateException::new));
  }

  private static void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static String get(Node node, String path) {
    try {
      return send(HttpRequest.newBuilder(URI.create(node.base() + path)).GET().build()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int status(Node node, String path) {
    try {
      return send(HttpRequest.newBuilder(URI.create(node.base() + path)).GET().build())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static long rssBytes(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- report

  /** A result row read back: label, counts, seconds and latencies in ms. */
  record Row(
      String label, long signed, long refused, double seconds, double p50, double p99, double max) {

    static Row parse(String line) {
      String[] f = line.split("\t");
      return new Row(
          f[0],
          Long.parseLong(f[1]),
          Long.parseLong(f[2]),
          Double.parseDouble(f[3]),
          Double.parseDouble(f[4]),
          Double.parseDouble(f[5]),
          Double.parseDouble(f[6]));
    }

    double rate() {
      return signed / seconds;
    }

    void print() {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %d | %.2f | %.2f | %.2f |%n",
          label,
          rate(),
          refused,
          p50,
          p99,
          max);
    }
  }

  private static void report(String[] files) throws Exception {
    List<List<Row>> setups = new ArrayList<>();
    for (String file : files) {
      setups.add(
          Files.readAllLines(Path.of(file)).stream()
              .filter(l -> !l.isBlank())
              .map(Row::parse)
              .toList());
    }
    System.out.println("| setup | signatures/s | refused (409) | p50 ms | p99 ms | max ms |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    setups.forEach(rows -> rows.forEach(Row::print));
    System.out.println();

    Row h2 = setups.get(0).get(0);
    Row pg = setups.get(1).get(0);
    Row pair = setups.get(2).get(0);
    Row pairSplit = setups.get(2).get(setups.get(2).size() - 1);
    ratio("PostgreSQL, one node / H2, one node (signatures/s)", pg.rate() / h2.rate());
    ratio(
        "PostgreSQL, two nodes, each key on one / PostgreSQL, one node (signatures/s)",
        pairSplit.rate() / pg.rate());
    ratio(
        "PostgreSQL, two nodes, every key on both / PostgreSQL, one node (signatures/s)",
        pair.rate() / pg.rate());
    for (Row row : List.of(h2, pg, pair, pairSplit)) {
      System.out.printf(
          Locale.ROOT,
          "p99 %s: %.2f ms (goal < %.0f ms): %s%n",
          row.label(),
          row.p99(),
          P99_GOAL_MS,
          row.p99() < P99_GOAL_MS ? "MET" : "NOT MET");
    }
    if (setups.get(0).size() > 1) {
      Row busy = setups.get(0).get(1);
      double r = busy.p99() / h2.p99();
      System.out.printf(
          Locale.ROOT,
          "p99 while a generation runs / p99 quiet, H2: %.2f (goal <= %.1f): %s%n",
          r,
          PREPARATION_P99_GOAL,
          r <= PREPARATION_P99_GOAL ? "MET" : "NOT MET");
    }
  }

  private static void ratio(String what, double value) {
    System.out.printf(
        Locale.ROOT,
        "%s: %.2f (goal >= %.1f): %s%n",
        what,
        value,
        THROUGHPUT_GOAL,
        value >= THROUGHPUT_GOAL ? "MET" : "NOT MET");
  }
}
