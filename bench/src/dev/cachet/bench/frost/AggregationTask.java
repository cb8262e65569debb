package dev.cachet.bench.frost;

import dev.cachet.frost.Coordinator;
import dev.cachet.frost.Signature;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * One worker of the aggregation throughput run: waits for the start signal, then aggregates its own
 * prepared sessions and returns how many signatures it produced and the CPU time it used.
 */
final class AggregationTask implements Callable<AggregationTask.Result> {

  /** Signatures aggregated and the worker thread's CPU time. */
  record Result(int signatures, long cpuNanos) {}

  private final Coordinator coordinator;
  private final List<PreparedSession.AggregationInput> sessions;
  private final CountDownLatch start;

  AggregationTask(
      Coordinator coordinator,
      List<PreparedSession.AggregationInput> sessions,
      CountDownLatch start) {
    this.coordinator = coordinator;
    this.sessions = sessions;
    this.start = start;
  }

  @Override
  public Result call() throws InterruptedException {
    start.await();
    long cpu0 = Stopwatch.cpuNanos();
    int signatures = 0;
    for (PreparedSession.AggregationInput input : sessions) {
      List<Signature> out = coordinator.aggregate(input.signingPackage(), input.shares());
      signatures += out.size();
    }
    return new Result(signatures, Stopwatch.cpuNanos() - cpu0);
  }
}
