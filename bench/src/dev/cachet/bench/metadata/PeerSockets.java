package dev.cachet.bench.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Samples, every {@code periodMillis}, how many established TCP connections on this machine have
 * a peer listener as their remote end ({@code /proc/net/tcp} and {@code tcp6}): the client side of
 * every node-to-node connection (pushes, relays, listing pulls, fetches). The harness itself talks
 * to the nodes' loopback listeners only, so it is not counted. An idle keep-alive connection counts
 * too, so this bounds the peer calls in flight from above.
 */
final class PeerSockets implements Runnable {

  record Sample(long at, int connections) {}

  private final Set<Integer> peerPorts;
  private final long origin;
  private final long periodMillis;
  final List<Sample> samples = new ArrayList<>();
  volatile boolean stop;

  PeerSockets(Set<Integer> peerPorts, long origin, long periodMillis) {
    this.peerPorts = peerPorts;
    this.origin = origin;
    this.periodMillis = periodMillis;
  }

  @Override
  public void run() {
    while (!stop) {
      int count = count(Path.of("/proc/net/tcp")) + count(Path.of("/proc/net/tcp6"));
      synchronized (samples) {
        samples.add(new Sample(System.nanoTime() - origin, count));
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The highest count sampled from {@code from} to {@code to} (ns since the origin). */
  int peak(long from, long to) {
    int peak = 0;
    synchronized (samples) {
      for (Sample s : samples) {
        if (s.at() >= from && s.at() <= to) {
          peak = Math.max(peak, s.connections());
        }
      }
    }
    return peak;
  }

  /** The mean count sampled from {@code from} to {@code to}. */
  double mean(long from, long to) {
    long sum = 0;
    int n = 0;
    synchronized (samples) {
      for (Sample s : samples) {
        if (s.at() >= from && s.at() <= to) {
          sum += s.connections();
          n++;
        }
      }
    }
    return n == 0 ? 0 : (double) sum / n;
  }

  private int count(Path table) {
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      return 0;
    }
    int count = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).trim().split("\\s+");
      if (f.length < 4 || !f[3].equals("01")) { // 01 = ESTABLISHED
        continue;
      }
      String remote = f[2];
      int port = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
      if (peerPorts.contains(port)) {
        count++;
      }
    }
    return count;
  }
}
