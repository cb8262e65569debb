package dev.cachet.handoff.ejb;

import dev.cachet.committee.Epochs;
import dev.cachet.handoff.HandoffEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The handoff barrier as the handoff's tick last saw it, for readiness. A holder of its own, so a
 * readiness probe that comes while the application starts never asks the handoff bean itself
 * (Payara takes a singleton started on demand from a request thread, before the startup sequence
 * reached it, for a dependency cycle and fails the deployment).
 *
 * <p>A barrier seen in an epoch that has ended says nothing of the current one: from an epoch's
 * start until the next tick checks it (at most one exchange cadence), the barrier is down for that
 * reason. Without this a member reported ready in a new epoch on its last epoch's passed barrier
 * before it held the new one's certificate (HandoffIT caught it 200 ms into an epoch).
 */
@ApplicationScoped
public class BarrierStatus {

  private record Seen(HandoffEngine.Barrier barrier, Epochs epochs) {}

  private volatile Seen seen;

  void update(HandoffEngine.Barrier barrier, Epochs epochs) {
    this.seen = new Seen(barrier, epochs);
  }

  /**
   * Empty until the handoff has ticked with the node's identity; down, waiting for the next tick,
   * if the barrier last seen is of an earlier epoch than the current one.
   */
  public Optional<HandoffEngine.Barrier> barrier() {
    Seen last = seen;
    if (last == null) {
      return Optional.empty();
    }
    long current = last.epochs().currentEpoch();
    if (last.barrier().epoch() == current) {
      return Optional.of(last.barrier());
    }
    return Optional.of(
        new HandoffEngine.Barrier(
            current,
            false,
            Optional.of("epoch " + current + " began: its barrier is checked at the next tick")));
  }
}
