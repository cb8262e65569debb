package dev.cachet.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.clock.SlotClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Epochs of n slots from genesis, on a clock the test sets. */
class EpochsTest {

  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

  private static Epochs at(Instant now, long slotsPerEpoch) {
    return new Epochs(
        new SlotClock(GENESIS, Duration.ofSeconds(4), Clock.fixed(now, ZoneOffset.UTC)),
        slotsPerEpoch);
  }

  @Test
  void countsEpochsOfTheConfiguredSlots() {
    Epochs epochs = at(GENESIS.plusSeconds(4 * 1201), 32);
    assertThat(epochs.slotClock().currentSlot()).isEqualTo(1201);
    assertThat(epochs.currentEpoch()).isEqualTo(37);
    assertThat(epochs.epochOf(31)).isZero();
    assertThat(epochs.epochOf(32)).isEqualTo(1);
    assertThat(epochs.firstSlot(37)).isEqualTo(1184);
    assertThat(epochs.startOf(1)).isEqualTo(GENESIS.plusSeconds(128));
    assertThat(epochs.duration()).isEqualTo(Duration.ofSeconds(128));
    assertThat(at(GENESIS.minusSeconds(60), 32).currentEpoch()).as("before genesis").isZero();
    assertThat(at(GENESIS.plusSeconds(4 * 5), 1).currentEpoch()).isEqualTo(5);
  }

  @Test
  void refusesAnEpochWithoutSlotsNamingTheConfiguration() {
    for (long bad : new long[] {0, -32}) {
      assertThatThrownBy(() -> at(GENESIS, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cachet.chain.slots-per-epoch must be at least 1")
          .hasMessageEndingWith("not " + bad);
    }
  }
}
