package dev.cachet.bench.xmss;

import dev.cachet.xmss.GeneratedKey;
import dev.cachet.xmss.PreparedWindow;
import dev.cachet.xmss.RetainedLevels;
import dev.cachet.xmss.XmssKeys;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssSecretSeeds;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * XMSS^MT preparation, signing and memory figures in one run (see bench/README.md). Prints a table;
 * every figure is measured in this run on this machine, except the 8 MiB full-retention reference,
 * which is arithmetic.
 */
public final class XmssBench {

  // Per leaf: PRF calls (wots_seed 1 + 67 secrets + 67 x 15 x 2 chain keys/masks + 66 x 3
  // L-tree keys/masks), F calls (67 x 15), H calls (66 L-tree nodes), and one streamed block (the
  // first block of PRF(wots_seed, .)). Per inner tree node: 3 PRF and 1 H.
  static final long PRF_PER_LEAF = 1 + 67 + 67 * 15 * 2 + 66 * 3;
  static final long F_PER_LEAF = 67 * 15;
  static final long H_PER_LEAF = 66;
  static final long STREAMED_PER_LEAF = 1;
  static final long PRF_PER_NODE = 3;
  static final long H_PER_NODE = 1;

  /** Compressions of each call: PRF 1 (after the cached midstate), F 2, H 3. */
  static final long COMPRESSIONS_PER_LEAF =
      PRF_PER_LEAF + 2 * F_PER_LEAF + 3 * H_PER_LEAF + STREAMED_PER_LEAF;

  static final long CALLS_PER_LEAF = PRF_PER_LEAF + F_PER_LEAF + H_PER_LEAF;

  private final List<String> lines = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    new XmssBench().run(Path.of(args.length > 0 ? args[0] : "bench/target/xmss-results.txt"));
  }

  private void run(Path results) throws IOException {
    XmssParameters parameters =
        XmssParameters.named(env("BENCH_PARAMS", XmssParameters.PRODUCTION.name()));
    int bcHeight = Integer.parseInt(env("BENCH_BC_HEIGHT", "10"));
    int signs = Integer.parseInt(env("BENCH_SIGNS", "2048"));
    int coldSigns = Integer.parseInt(env("BENCH_COLD_SIGNS", "100"));
    int keysForMemory = Integer.parseInt(env("BENCH_MEMORY_KEYS", "16"));
    long leaves = parameters.leavesPerTree();

    line(
        "XMSS^MT benchmark — %s (bottom trees of %,d leaves), retained levels %s",
        parameters.name(), leaves, RetainedLevels.DEFAULT);
    line(
        "machine: %d cores, %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
    line("load average at start: %s", loadAverage());

    ExecutorService pool = Executors.newFixedThreadPool(2);
    Executor direct = Runnable::run;
    try {
      // (2) raw SHA-256 rates of the JDK digest and the floors they imply
      Rates one = Rates.measure(1, pool);
      Rates two = Rates.measure(2, pool);
      long nodes = leaves - 1;
      long compressions = leaves * COMPRESSIONS_PER_LEAF + nodes * (PRF_PER_NODE + 3 * H_PER_NODE);
      long calls = leaves * CALLS_PER_LEAF + nodes * (PRF_PER_NODE + H_PER_NODE);
      line("");
      line("SHA-256 (JDK MessageDigest), ns per call          1 thread   per thread, 2 busy");
      line("  compression, 64-byte blocks streamed           %8.1f   %8.1f", one.block, two.block);
      line(
          "  one-block hash (55-byte message)               %8.1f   %8.1f",
          one.oneBlock, two.oneBlock);
      line("  PRF: cloned 64-byte midstate + 32 bytes        %8.1f   %8.1f", one.prf, two.prf);
      line("  F: 96 bytes (2 compressions)                   %8.1f   %8.1f", one.f, two.f);
      line("  H: 128 bytes (3 compressions)                  %8.1f   %8.1f", one.h, two.h);
      line(
          "tree of %,d leaves: %,d compressions in %,d SHA-256 calls", leaves, compressions, calls);
      double[] floorBlock = {compressions * one.block / 1e9, compressions * two.block / 2e9};
      double[] floorCall = {calls * one.oneBlock / 1e9, calls * two.oneBlock / 2e9};
      double[] floorApi = {one.tree(leaves) / 1e9, two.tree(leaves) / 2e9};
      line("hash-rate floors for that tree                     1 thread  2 threads");
      line(
          "  A  compression rate (no per-call cost)          %7.2f s  %7.2f s",
          floorBlock[0], floorBlock[1]);
      line(
          "  B  one-block hashes x SHA-256 calls             %7.2f s  %7.2f s",
          floorCall[0], floorCall[1]);
      line(
          "  C  each call at its measured JDK-digest cost    %7.2f s  %7.2f s",
          floorApi[0], floorApi[1]);

      // (1) preparing one bottom tree, 1 and 2 threads
      XmssSecretSeeds seeds = XmssSecretSeeds.generate(new SecureRandom());
      long start = System.nanoTime();
      GeneratedKey key = XmssKeys.generate(parameters, seeds, 0, pool);
      double keygen = seconds(start);
      line("");
      line(
          "key generation (%,d leaves: top tree + first bottom tree), 2 threads: %.2f s",
          XmssKeys.leavesToGenerate(parameters, 0, RetainedLevels.DEFAULT), keygen);
      PreparedWindow window = key.window();
      start = System.nanoTime();
      long cpuStart = processCpuNanos();
      PreparedWindow next1 = window.prepareNext(direct);
      double prepare1 = seconds(start);
      double cpu1 = (processCpuNanos() - cpuStart) / 1e9;
      start = System.nanoTime();
      cpuStart = processCpuNanos();
      PreparedWindow next2 = window.prepareNext(pool);
      double prepare2 = seconds(start);
      double cpu2 = (processCpuNanos() - cpuStart) / 1e9;
      if (!next1.bottomTrees().equals(next2.bottomTrees())) {
        throw new IllegalStateException("the two preparations differ");
      }
      line("prepare next bottom tree (%,d leaf computations):", window.leavesToPrepareNext());
      line(
          "  1 thread  %6.2f s  (%.3f ms/leaf) = %.2fx floor A, %.2fx floor B, %.2fx floor C",
          prepare1,
          prepare1 * 1e3 / leaves,
          prepare1 / floorBlock[0],
          prepare1 / floorCall[0],
          prepare1 / floorApi[0]);
      line(
          "  2 threads %6.2f s  (%.3f ms/leaf) = %.2fx floor A, %.2fx floor B, %.2fx floor C"
              + "  (goal <= 1.25x)",
          prepare2,
          prepare2 * 1e3 / leaves,
          prepare2 / floorBlock[1],
          prepare2 / floorCall[1],
          prepare2 / floorApi[1]);
      line(
          "  process CPU: 1 thread %.2f s, 2 threads %.2f s = %.2f cores busy on average"
              + " (load now %s)",
          cpu1, cpu2, cpu2 / prepare2, loadAverage());

      // (3) BouncyCastle for the same work
      BouncyCastleBaseline.secondsForTree(Math.max(2, bcHeight - 2)); // warm-up
      double bcPart = BouncyCastleBaseline.secondsForTree(bcHeight);
      double bcScaled = bcPart * (leaves / (double) (1L << bcHeight));
      line(
          "BouncyCastle XMSS tree of 2^%d leaves: %.2f s, scaled to %,d leaves: %.1f s",
          bcHeight, bcPart, leaves, bcScaled);
      line(
          "  ours is %.1fx faster on 1 thread, %.1fx on 2 threads (goal >= 5x)",
          bcScaled / prepare1, bcScaled / prepare2);

      WindowFigures figures = new WindowFigures(this::line);
      figures.signing(next2, signs, coldSigns);
      figures.memory(next2, seeds, keysForMemory);
    } finally {
      pool.shutdownNow();
    }
    line("");
    line("load average at end: %s", loadAverage());
    Files.createDirectories(results.getParent());
    Files.write(results, lines);
    System.out.println("(saved to " + results + ")");
  }

  /** Measured per-call costs on each of {@code threads} busy threads, in nanoseconds. */
  private record Rates(double block, double oneBlock, double prf, double f, double h) {

    static Rates measure(int threads, ExecutorService pool) {
      long millis = 1000;
      return new Rates(
          HashRate.streamedBlock(threads, millis, pool),
          HashRate.oneBlockHash(threads, millis, pool),
          HashRate.prfFromMidstate(threads, millis, pool),
          HashRate.hashOf(96, threads, millis, pool),
          HashRate.hashOf(128, threads, millis, pool));
    }

    /** Nanoseconds for a tree of {@code leaves} leaves with every call at its measured cost. */
    double tree(long leaves) {
      double leaf =
          PRF_PER_LEAF * prf + F_PER_LEAF * f + H_PER_LEAF * h + STREAMED_PER_LEAF * block;
      return leaves * leaf + (leaves - 1) * (PRF_PER_NODE * prf + H_PER_NODE * h);
    }
  }

  void line(String format, Object... args) {
    String text = String.format(format, args);
    System.out.println(text);
    lines.add(text);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  /** CPU time of this JVM (all threads, GC and JIT included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
