package dev.cachet.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restarts at the worst moments, found by the simulation: every honest node dies just after one
 * step of the handoff became durable and before it acted on it, then restores. Each case failed
 * before its fix in {@link HandoffEngine#restore()}.
 */
class HandoffSimulationRestartTest {

  private static final int SEEDS = 12;

  @Test
  void dyingJustAfterKeepingItsReadySignalStillFreezes() {
    // Members below a third down all epoch, so every other member's signal is needed: before the
    // fix a restored node re-sent its signal but did not count it itself, and no one froze.
    assertThat(failures(Scenario.Kind.CRASHED, InMemoryHandoffStore.Write.OWN_READY)).isEmpty();
  }

  @Test
  void dyingJustAfterKeepingItsAttestationStillSendsAndCountsIt() {
    // Before the fix the restored node knew its attestation but not the statement it signed: it
    // sent the attestation with no statement (peers failed on it) and never counted it.
    assertThat(failures(Scenario.Kind.HONEST, InMemoryHandoffStore.Write.OWN_ATTESTATION))
        .isEmpty();
    assertThat(failures(Scenario.Kind.CRASHED, InMemoryHandoffStore.Write.OWN_ATTESTATION))
        .isEmpty();
  }

  @Test
  void dyingJustAfterAnyOtherStepStillCertifies() {
    for (InMemoryHandoffStore.Write step :
        List.of(
            InMemoryHandoffStore.Write.FREEZE,
            InMemoryHandoffStore.Write.ATTESTATION,
            InMemoryHandoffStore.Write.CERTIFICATE)) {
      assertThat(failures(Scenario.Kind.CRASHED, step)).as("%s", step).isEmpty();
    }
  }

  private static List<String> failures(Scenario.Kind kind, InMemoryHandoffStore.Write step) {
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      Scenario scenario = Scenario.draw(seed, kind).everyNodeDyingJustAfter(step);
      failures.addAll(HandoffSimulation.run(scenario).failures());
    }
    return failures;
  }
}
