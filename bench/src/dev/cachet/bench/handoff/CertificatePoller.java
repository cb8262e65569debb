package dev.cachet.bench.handoff;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Polls one node, every {@code periodMillis} from the close of {@code epoch}, until it serves the
 * certificate of {@code epoch}: {@code GET /api/v1/handoff/certificates/{epoch}}, and while that is
 * 404 the node's view ({@code GET /api/v1/handoff/{epoch}}), to note when each phase was first
 * seen. Every time is milliseconds after the close, taken when the answer arrived.
 */
final class CertificatePoller implements Callable<CertificatePoller.Seen> {

  /**
   * What one node showed: when it first served the certificate (or -1), its body, when each phase
   * of its view was first seen, and the mean time between two polls (they take time themselves).
   */
  record Seen(
      int node,
      long certifiedMillis,
      String certificate,
      Map<String, Long> phases,
      double meanPeriodMillis) {}

  private final NodeClient node;
  private final long epoch;
  private final long closeMillis;
  private final long deadlineMillis;
  private final long periodMillis;

  CertificatePoller(
      NodeClient node, long epoch, long closeMillis, long deadlineMillis, long periodMillis) {
    this.node = node;
    this.epoch = epoch;
    this.closeMillis = closeMillis;
    this.deadlineMillis = deadlineMillis;
    this.periodMillis = periodMillis;
  }

  @Override
  public Seen call() throws InterruptedException {
    Map<String, Long> phases = new LinkedHashMap<>();
    String certificatePath = "/api/v1/handoff/certificates/" + epoch;
    String viewPath = "/api/v1/handoff/" + epoch;
    sleepUntil(closeMillis);
    int rounds = 0;
    while (System.currentTimeMillis() < deadlineMillis) {
      long round = System.currentTimeMillis();
      rounds++;
      try {
        HttpResponse<String> certificate = node.get(certificatePath);
        long at = System.currentTimeMillis() - closeMillis;
        if (certificate.statusCode() == 200) {
          return new Seen(node.number, at, certificate.body(), phases, meanPeriod(rounds));
        }
        HttpResponse<String> view = node.get(viewPath);
        if (view.statusCode() == 200) {
          phases.putIfAbsent(
              NodeClient.string(view.body(), "phase"), System.currentTimeMillis() - closeMillis);
        }
      } catch (IOException unanswered) {
        // a busy node: try again at the next period
      }
      sleepUntil(round + periodMillis);
    }
    return new Seen(node.number, -1, null, phases, meanPeriod(rounds));
  }

  private double meanPeriod(int rounds) {
    return rounds < 2
        ? periodMillis
        : (double) (System.currentTimeMillis() - closeMillis) / (rounds - 1);
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
