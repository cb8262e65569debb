package dev.cachet.bench.keysign;

import java.util.Arrays;

/** Order statistics of timings. */
final class Samples {

  private Samples() {}

  /** The nearest-rank percentile {@code p} (0 to 100); NaN for no values. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
