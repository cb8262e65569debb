package dev.cachet.web.health;

import dev.cachet.handoff.HandoffEngine;
import dev.cachet.handoff.ejb.BarrierStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The prepare-then-start barrier: a member of the current epoch is ready for its committee duties
 * only once it holds a verified handoff certificate of the epoch before (when that epoch had a
 * committee). Up when the node is in no committee now; up too until the handoff first ticked (the
 * identity not loaded: the state-key check reports that). Read from {@link BarrierStatus}, never
 * from the handoff bean: a probe during startup must not start it.
 */
@Readiness
@ApplicationScoped
public class HandoffReadiness implements HealthCheck {

  @Inject private BarrierStatus status;

  @Override
  public HealthCheckResponse call() {
    Optional<HandoffEngine.Barrier> barrier = status.barrier();
    boolean passed = barrier.map(HandoffEngine.Barrier::passed).orElse(true);
    var response = HandoffReadiness.named(passed);
    barrier.ifPresent(
        b -> {
          response.withData("epoch", b.epoch());
          b.waitingFor().ifPresent(w -> response.withData("waitingFor", w));
        });
    return response.build();
  }

  private static org.eclipse.microprofile.health.HealthCheckResponseBuilder named(boolean up) {
    return HealthCheckResponse.named("handoff-barrier").status(up);
  }
}
