package dev.cachet.bench.frost;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Times one operation as the median over rounds of the mean per operation, in thread CPU time (what
 * the operation costs, even on a machine shared with other work) and in wall time.
 */
final class Stopwatch {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One timed operation; {@code i} is its index among all operations of the measurement. */
  interface Operation {
    void run(int i) throws Exception;
  }

  /** Median CPU and wall time per operation, in microseconds. */
  record Timing(double cpuMicros, double wallMicros) {}

  private Stopwatch() {}

  static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported()
        ? THREADS.getCurrentThreadCpuTime()
        : System.nanoTime();
  }

  /** Runs {@code rounds * perRound} operations, indices 0 to rounds * perRound - 1. */
  static Timing time(int rounds, int perRound, Operation operation) throws Exception {
    double[] cpu = new double[rounds];
    double[] wall = new double[rounds];
    int i = 0;
    for (int r = 0; r < rounds; r++) {
      long cpu0 = cpuNanos();
      long wall0 = System.nanoTime();
      for (int k = 0; k < perRound; k++) {
        operation.run(i++);
      }
      cpu[r] = (cpuNanos() - cpu0) / 1_000.0 / perRound;
      wall[r] = (System.nanoTime() - wall0) / 1_000.0 / perRound;
    }
    return new Timing(median(cpu), median(wall));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
