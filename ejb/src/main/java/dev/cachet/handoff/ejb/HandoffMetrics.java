package dev.cachet.handoff.ejb;

import dev.cachet.handoff.HandoffEngine;
import dev.cachet.handoff.HandoffObserver;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The handoff's metrics: the latest frozen and certified epochs, the members excluded from the last
 * freeze, the ready stake of the current epoch's leading snapshot, attestations accepted and
 * refused by cause, refused certificates, and the barrier's waiting (ticks spent waiting).
 */
final class HandoffMetrics implements HandoffObserver {

  private final MetricRegistry registry;
  private final AtomicLong frozen = new AtomicLong(-1);
  private final AtomicLong certified = new AtomicLong(-1);

  HandoffMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  void register(HandoffEngine engine, LongSupplier currentEpoch) {
    registry.gauge("cachet.handoff.frozen.epoch", frozen, AtomicLong::get);
    registry.gauge("cachet.handoff.certified.epoch", certified, AtomicLong::get);
    registry.gauge(
        "cachet.handoff.excluded.members",
        engine,
        e -> e.view(currentEpoch.getAsLong()).excluded().size());
    registry.gauge(
        "cachet.handoff.ready.stake",
        engine,
        e ->
            e.view(currentEpoch.getAsLong()).readyStake().values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0));
  }

  @Override
  public void frozen(long epoch, int items) {
    frozen.accumulateAndGet(epoch, Math::max);
  }

  @Override
  public void attestationAccepted() {
    registry.counter("cachet.handoff.signatures.accepted").inc();
  }

  @Override
  public void attestationRefused(String cause) {
    registry.counter("cachet.handoff.signatures.rejected", new Tag("cause", cause)).inc();
  }

  @Override
  public void certified(long epoch) {
    certified.accumulateAndGet(epoch, Math::max);
  }

  @Override
  public void certificateRefused() {
    registry.counter("cachet.handoff.certificates.refused").inc();
  }

  @Override
  public void barrierWaiting() {
    registry.counter("cachet.handoff.barrier.waits").inc();
  }
}
