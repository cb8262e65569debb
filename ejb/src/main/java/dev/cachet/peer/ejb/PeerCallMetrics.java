package dev.cachet.peer.ejb;

import dev.cachet.node.IdentityKey;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Per peer: requests, failures and latency of the calls made to it. */
public final class PeerCallMetrics {

  private final MetricRegistry registry;

  public PeerCallMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  public void call(IdentityKey peer, boolean ok, long nanos) {
    Tag tag = new Tag("peer", peer.hex().substring(0, 16));
    registry.counter("cachet.peer.requests", tag).inc();
    if (!ok) {
      registry.counter("cachet.peer.failures", tag).inc();
    }
    registry.timer("cachet.peer.latency", tag).update(Duration.ofNanos(nanos));
  }

  public void malformed(IdentityKey peer) {
    registry.counter("cachet.peer.malformed", new Tag("peer", peer.hex().substring(0, 16))).inc();
  }
}
