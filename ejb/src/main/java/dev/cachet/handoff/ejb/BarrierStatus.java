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
 * <p>Each tick leaves the barrier of the current epoch and of the next (both are queries of
 * committees, which are never rewritten, and of certificates, which are kept forever): from an
 * epoch's start until the next tick, readiness shows the next epoch's barrier as the last tick saw
 * it, so a member is never ready in a new epoch on its last epoch's passed barrier (HandoffIT
 * caught that 200 ms into an epoch) and a node in no committee does not flap at each epoch's start.
 * Should no tick have run for a whole epoch, the barrier is down until one does.
 */
@ApplicationScoped
public class BarrierStatus {

  private record Seen(HandoffEngine.Barrier current, HandoffEngine.Barrier next, Epochs epochs) {}

  private volatile Seen seen;

  void update(HandoffEngine.Barrier current, HandoffEngine.Barrier next, Epochs epochs) {
    this.seen = new Seen(current, next, epochs);
  }

  /**
   * Empty until the handoff has ticked with the node's identity; else the barrier of the current
   * epoch as the last tick saw it.
   */
  public Optional<HandoffEngine.Barrier> barrier() {
    Seen last = seen;
    if (last == null) {
      return Optional.empty();
    }
    long epoch = last.epochs().currentEpoch();
    if (last.current().epoch() == epoch) {
      return Optional.of(last.current());
    }
    if (last.next().epoch() == epoch) {
      return Optional.of(last.next());
    }
    return Optional.of(
        new HandoffEngine.Barrier(
            epoch,
            false,
            Optional.of("epoch " + epoch + " began: its barrier is checked at the next tick")));
  }
}
