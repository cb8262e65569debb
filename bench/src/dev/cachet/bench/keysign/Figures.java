package dev.cachet.bench.keysign;

import java.util.Locale;
import java.util.Map;

/**
 * What one configuration (mode, batch size) measured on its own fresh chain.
 *
 * @param seconds from the first digest's first POST until the last nonce was seen signed on every
 *     node (the timeout if not all were)
 * @param sessions sessions that signed, summed over the coordinators ({@code
 *     cachet_keysign_sessions_signed_total} of the chain)
 * @param calls peer calls by kind, summed over the nodes ({@code cachet_keysign_peer_calls_total}
 *     before and after)
 * @param aborts aborted sessions of the chain by cause, summed over the nodes
 * @param p50 submission (a nonce's first POST sent) to signed on every node, ms; likewise p99, max
 * @param firstNodeP50 submission to signed on the first node that showed it, ms
 * @param postingSeconds from the first POST sent until the last returned
 * @param nodeCpuMillis per node, CPU ms used from just before the first POST until the peer-call
 *     counters stood still after the last signature, of which {@code jitCpuMillis} and {@code
 *     gcCpuMillis} (all nodes) in JIT compiler and GC threads; {@code harnessCpuMillis} likewise this
 *     harness, {@code otherCpuMillis} every other process of the machine ({@code /proc/stat}'s busy
 *     time less the nodes' and the harness's), over {@code cpuSeconds} of wall time
 */
record Figures(
    int order,
    String mode,
    int batch,
    long chain,
    int nonces,
    int signedEverywhere,
    String failure,
    double seconds,
    long sessions,
    Map<String, Long> calls,
    Map<String, Long> aborts,
    double p50,
    double p99,
    double max,
    double firstNodeP50,
    double postingSeconds,
    double postP50,
    double postP99,
    double maxLagMillis,
    long posts,
    long retried,
    long polls,
    int answered200,
    long[] nodeCpuMillis,
    long jitCpuMillis,
    long gcCpuMillis,
    long harnessCpuMillis,
    long otherCpuMillis,
    double cpuSeconds) {

  boolean complete() {
    return failure == null;
  }

  double rate() {
    return signedEverywhere / seconds;
  }

  long callsTotal() {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  double callsPerDigest() {
    return (double) callsTotal() / Math.max(1, signedEverywhere);
  }

  double callsPerDigest(String kind) {
    return (double) calls.getOrDefault(kind, 0L) / Math.max(1, signedEverywhere);
  }

  double digestsPerSession() {
    return sessions == 0 ? Double.NaN : (double) signedEverywhere / sessions;
  }

  long nodeCpuTotal() {
    long total = 0;
    for (long c : nodeCpuMillis) {
      total += Math.max(0, c);
    }
    return total;
  }

  String label() {
    return String.format(Locale.ROOT, "%s, batch %d", mode, batch);
  }
}
