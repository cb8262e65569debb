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
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signing load over loopback HTTP: 16 clients spread over 8 validators' attestation keys (h = 32,
 * d = 2), each client signing increasing slots of its key, once with no preparation running and
 * once while the node generates a ninth key (a top tree and a bottom tree of 65,536 leaves each,
 * on the one preparation thread). Prints signatures/s, p50/p99 latency, the p99 ratio, the
 * generation time alone and under load, and the node's resident memory with 8 prepared keys.
 */
public final class SignLoad {

  private static final int KEYS = 8;
  private static final int CLIENTS = 16;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static String base;
  private static String token;

  public static void main(String[] args) throws Exception {
    base = args[0];
    token = Files.readString(Path.of(args[1])).strip();
    long pid = Long.parseLong(args[2]);
    int seconds = Integer.parseInt(args[3]);

    long start = System.nanoTime();
    generate(1);
    awaitActive(1);
    double generationAlone = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "key generation (h = 32, d = 2), alone: %.1f s%n", generationAlone);
    for (int v = 2; v <= KEYS; v++) {
      generate(v);
    }
    for (int v = 2; v <= KEYS; v++) {
      awaitActive(v);
    }
    awaitNoPreparation();
    long rss = rssBytes(pid);
    System.out.printf(
        Locale.ROOT, "node resident memory with %d prepared keys: %.1f MiB%n", KEYS, rss / 1048576.0);

    long current = currentSlot();
    AtomicLong[] next = new AtomicLong[KEYS + 1];
    for (int v = 1; v <= KEYS; v++) {
      next[v] = new AtomicLong(current + 10);
    }
    load(next, Math.min(10, seconds), "warm-up");
    Result quiet = load(next, seconds, "no preparation running");

    long generationStart = System.nanoTime();
    generate(KEYS + 1);
    Thread watcher =
        new Thread(
            () -> {
              awaitActive(KEYS + 1);
              System.out.printf(
                  Locale.ROOT,
                  "key generation under load: %.1f s%n",
                  (System.nanoTime() - generationStart) / 1e9);
            });
    watcher.start();
    Result busy = load(next, seconds, "while a key is generated");
    boolean stillRunning = watcher.isAlive();
    watcher.join();

    System.out.println();
    System.out.println("| phase | signatures/s | refused (409) | p50 ms | p99 ms | max ms |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    quiet.row("no preparation running");
    busy.row("while a 2 x 65,536-leaf generation runs");
    System.out.printf(
        Locale.ROOT,
        "%np99 while preparing / p99 quiet: %.2f (goal <= 1.5): %s%n",
        busy.p99() / quiet.p99(),
        busy.p99() / quiet.p99() <= 1.5 ? "MET" : "NOT MET");
    if (stillRunning) {
      System.out.println("(the generation outlasted the measured load phase, as intended)");
    } else {
      System.out.println("WARNING: the generation ended before the load phase did");
    }
  }

  record Result(long signed, long refused, double seconds, long[] nanos) {
    double p99() {
      return percentile(0.99);
    }

    double percentile(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      return nanos[(int) Math.min(nanos.length - 1, Math.floor(p * nanos.length))] / 1e6;
    }

    void row(String phase) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %d | %.2f | %.2f | %.2f |%n",
          phase,
          signed / seconds,
          refused,
          percentile(0.50),
          p99(),
          nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6);
    }
  }

  private static Result load(AtomicLong[] next, int seconds, String phase) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<long[]> latencies = new ArrayList<>();
    AtomicLong refused = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int validator = 1 + c % KEYS;
      long[] mine = new long[4_000_000];
      int[] count = new int[1];
      Random random = new Random(c);
      Thread thread =
          new Thread(
              () -> {
                byte[] message = new byte[32];
                try {
                  while (System.nanoTime() < end) {
                    random.nextBytes(message);
                    long slot = next[validator].getAndIncrement();
                    long t0 = System.nanoTime();
                    int status = attest(validator, slot, HexFormat.of().formatHex(message));
                    long took = System.nanoTime() - t0;
                    if (status == 200) {
                      mine[count[0]++] = took;
                    } else if (status == 409) {
                      refused.incrementAndGet(); // the other client of this key signed higher
                    } else {
                      throw new IllegalStateException("status " + status + " at slot " + slot);
                    }
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
                synchronized (latencies) {
                  latencies.add(Arrays.copyOf(mine, count[0]));
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
    double elapsed = (System.nanoTime() - t0) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException(phase + ": " + failures.get(0), failures.get(0));
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(
        Locale.ROOT, "%s: %d signatures in %.1f s%n", phase, all.length, elapsed);
    return new Result(all.length, refused.get(), elapsed, all);
  }

  private static int attest(int validator, long slot, String message) throws Exception {
    return send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/validators/" + validator + "/attestations"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"slot\":" + slot + ",\"message\":\"" + message + "\"}"))
                .build())
        .statusCode();
  }

  private static void generate(int validator) throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/keys"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"validatorIndex\":" + validator + ",\"role\":\"ATTESTATION\"}"))
                .build());
    if (answer.statusCode() != 202) {
      throw new IllegalStateException("generate: " + answer.statusCode() + " " + answer.body());
    }
  }

  private static void awaitActive(int validator) {
    await(() -> field(get("/api/v1/keys/" + validator + "/attestation"), "state").equals("ACTIVE"));
  }

  private static void awaitNoPreparation() {
    await(() -> !get("/api/v1/keys").contains("\"preparing\":true"));
  }

  private static long currentSlot() {
    return Long.parseLong(field(get("/api/v1/chain"), "currentSlot"));
  }

  private static void await(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static String get(String path) {
    try {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
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
}
