package dev.cachet.handoff.ejb;

import dev.cachet.handoff.HandoffEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The handoff barrier as the handoff's tick last saw it, for readiness. A holder of its own, so a
 * readiness probe that comes while the application starts never asks the handoff bean itself
 * (Payara takes a singleton started on demand from a request thread, before the startup sequence
 * reached it, for a dependency cycle and fails the deployment).
 */
@ApplicationScoped
public class BarrierStatus {

  private volatile HandoffEngine.Barrier barrier;

  void update(HandoffEngine.Barrier barrier) {
    this.barrier = barrier;
  }

  /** Empty until the handoff has ticked with the node's identity. */
  public Optional<HandoffEngine.Barrier> barrier() {
    return Optional.ofNullable(barrier);
  }
}
