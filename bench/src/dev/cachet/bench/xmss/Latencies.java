package dev.cachet.bench.xmss;

import java.util.Arrays;

/** Percentiles of measured durations, in milliseconds. */
final class Latencies {

  private final long[] nanos;
  private int count;

  Latencies(int capacity) {
    nanos = new long[capacity];
  }

  void add(long duration) {
    nanos[count++] = duration;
  }

  double percentileMillis(double p) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, i))] / 1e6;
  }

  String summary() {
    return String.format(
        "p50 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)",
        percentileMillis(50), percentileMillis(99), percentileMillis(100), count);
  }
}
