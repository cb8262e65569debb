package dev.cachet.keysign.ejb;

import dev.cachet.keysign.KeysignEngine;
import dev.cachet.keysign.KeysignObserver;
import dev.cachet.keysign.KeysignWire;
import dev.cachet.node.IdentityKey;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The keysign's metrics, per chain ({@code chain} tag): the next nonce ({@code low}) and digests
 * pending as gauges; batches and digests signed (stored here, from whichever coordinator), the
 * sessions this node coordinated that signed and their durations, aborts by cause, culprits per
 * participant, and the sessions this node released shares in. Each session's start, signatures and
 * abort is logged with its batch, attempt and coordinator.
 */
final class KeysignMetrics implements KeysignObserver {

  private static final Logger LOG = Logger.getLogger(KeysignMetrics.class.getName());

  private final MetricRegistry registry;
  private final Supplier<KeysignEngine> engine;
  private final Set<Long> registered = ConcurrentHashMap.newKeySet();

  KeysignMetrics(MetricRegistry registry, Supplier<KeysignEngine> engine) {
    this.registry = registry;
    this.engine = engine;
  }

  /** Registers the chain's gauges once. */
  void chain(long chainId) {
    if (!registered.add(chainId)) {
      return;
    }
    Tag chain = tag(chainId);
    registry.gauge("cachet.keysign.low", () -> engine.get().view(chainId).low(), chain);
    registry.gauge(
        "cachet.keysign.digests.pending", () -> engine.get().view(chainId).pendingCount(), chain);
  }

  private static Tag tag(long chainId) {
    return new Tag("chain", Long.toString(chainId));
  }

  @Override
  public void sessionStarted(KeysignWire.Session s, int digests) {
    chain(s.chainId());
    LOG.fine(() -> "keysign " + s + " coordinated by this node: " + digests + " digests");
  }

  @Override
  public void sessionSigned(KeysignWire.Session s, int digests, long durationMillis) {
    Tag chain = tag(s.chainId());
    registry.counter("cachet.keysign.sessions.signed", chain).inc();
    registry
        .timer("cachet.keysign.session.duration", chain)
        .update(Duration.ofMillis(durationMillis));
    LOG.info(
        () ->
            "keysign "
                + s
                + " (coordinator "
                + s.coordinator()
                + ") signed "
                + digests
                + " digests in "
                + durationMillis
                + " ms");
  }

  @Override
  public void sessionAborted(KeysignWire.Session s, Abort cause, String detail) {
    registry
        .counter(
            "cachet.keysign.aborts",
            tag(s.chainId()),
            new Tag("cause", cause.name().toLowerCase(Locale.ROOT)))
        .inc();
    LOG.info(
        () ->
            "keysign "
                + s
                + " (coordinator "
                + s.coordinator()
                + ") aborted: "
                + cause
                + ", "
                + detail);
  }

  @Override
  public void sessionAdopted(KeysignWire.Session s, int digests) {
    LOG.fine(() -> "keysign " + s + " took " + digests + " signatures a participant held already");
  }

  @Override
  public void culprit(long chainId, IdentityKey participant) {
    registry
        .counter("cachet.keysign.culprits", tag(chainId), new Tag("participant", participant.hex()))
        .inc();
    LOG.warning(
        "keysign chain " + chainId + ": participant " + participant + " sent invalid shares");
  }

  @Override
  public void sharesReleased(long chainId, int digests) {
    registry.counter("cachet.keysign.shares.released", tag(chainId)).inc();
  }

  @Override
  public void signaturesStored(long chainId, int digests) {
    registry.counter("cachet.keysign.batches.signed", tag(chainId)).inc();
    registry.counter("cachet.keysign.digests.signed", tag(chainId)).inc(digests);
  }
}
