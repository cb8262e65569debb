package dev.cachet.handoff.ejb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.clock.SlotClock;
import dev.cachet.committee.Epochs;
import dev.cachet.handoff.HandoffEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BarrierStatusTest {

  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

  /** Epochs of 10 one-second slots, seen at {@code seconds} after genesis. */
  private static Epochs at(long seconds) {
    return new Epochs(
        new SlotClock(
            GENESIS,
            Duration.ofSeconds(1),
            Clock.fixed(GENESIS.plusSeconds(seconds), ZoneOffset.UTC)),
        10);
  }

  private final BarrierStatus status = new BarrierStatus();

  @Test
  void nothingUntilTheFirstTick() {
    assertThat(status.barrier()).isEmpty();
  }

  @Test
  void aBarrierSeenInTheCurrentEpochIsShownAsItIs() {
    HandoffEngine.Barrier passed = new HandoffEngine.Barrier(5, true, Optional.empty());
    status.update(passed, waiting(6), at(59));

    assertThat(status.barrier()).contains(passed);
  }

  @Test
  void fromAnEpochsStartUntilTheNextTickTheNextEpochsBarrierAsLastSeenIsShown() {
    status.update(new HandoffEngine.Barrier(5, true, Optional.empty()), waiting(6), at(60));

    assertThat(status.barrier()).contains(waiting(6));
  }

  @Test
  void anEpochNoTickSawIsDown() {
    HandoffEngine.Barrier passed = new HandoffEngine.Barrier(5, true, Optional.empty());
    status.update(passed, new HandoffEngine.Barrier(6, true, Optional.empty()), at(70));

    HandoffEngine.Barrier shown = status.barrier().orElseThrow();
    assertThat(shown.epoch()).isEqualTo(7);
    assertThat(shown.passed()).isFalse();
    assertThat(shown.waitingFor()).hasValueSatisfying(w -> assertThat(w).contains("epoch 7"));
  }

  private static HandoffEngine.Barrier waiting(long epoch) {
    return new HandoffEngine.Barrier(
        epoch, false, Optional.of("the verified handoff certificate of epoch " + (epoch - 1)));
  }
}
