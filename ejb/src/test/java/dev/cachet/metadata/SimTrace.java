package dev.cachet.metadata;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What happened in a run, line by line: folded into a fingerprint (two runs of one seed must have
 * the same), the last lines kept to print when a run fails, and every line kept when asked.
 */
final class SimTrace {

  private static final int RECENT = 40;

  private final Deque<String> recent = new ArrayDeque<>();
  private final List<String> all;
  private long fingerprint = 17;
  private long lines;

  SimTrace(boolean keepAll) {
    this.all = keepAll ? new ArrayList<>() : null;
  }

  void record(String line) {
    fingerprint = fingerprint * 1_000_003 + line.hashCode();
    lines++;
    if (recent.size() == RECENT) {
      recent.removeFirst();
    }
    recent.addLast(line);
    if (all != null) {
      all.add(line);
    }
  }

  long fingerprint() {
    return fingerprint;
  }

  long lines() {
    return lines;
  }

  List<String> recent() {
    return List.copyOf(recent);
  }

  List<String> all() {
    return all == null ? List.of() : List.copyOf(all);
  }
}
