package dev.cachet.web.peer;

import dev.cachet.peer.ejb.PeerStatusBean;
import java.time.Instant;
import java.util.List;

/**
 * A peer as {@code GET /api/v1/admin/peers} shows it: who it is, where, in which epochs, and how it
 * has answered this node lately (times are ISO-8601, absent if it never happened).
 */
public record PeerDescription(
    String name,
    String identityKey,
    String url,
    List<Long> epochs,
    String lastSuccess,
    String lastFailure,
    String lastFailureCause,
    int consecutiveFailures,
    String circuit,
    long requests,
    long failures) {

  static PeerDescription of(PeerStatusBean.PeerReport report) {
    var state = report.state();
    return new PeerDescription(
        report.member().name(),
        report.member().identityKey().hex(),
        report.member().url().toString(),
        report.epochs(),
        state.lastSuccess().map(Instant::toString).orElse(null),
        state.lastFailure().map(Instant::toString).orElse(null),
        state.lastFailureCause().orElse(null),
        state.consecutiveFailures(),
        state.circuit().name(),
        state.requests(),
        state.failures());
  }

  /** The answer: every peer of the current and next committee. */
  public record Peers(List<PeerDescription> peers) {

    static Peers of(List<PeerStatusBean.PeerReport> reports) {
      return new Peers(reports.stream().map(PeerDescription::of).toList());
    }
  }
}
