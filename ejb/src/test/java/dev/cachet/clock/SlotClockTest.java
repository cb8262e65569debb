package dev.cachet.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlotClockTest {

  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

  private static SlotClock at(Instant now) {
    return new SlotClock(GENESIS, Duration.ofSeconds(4), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void countsWholeSlotsSinceGenesis() {
    assertThat(at(GENESIS).currentSlot()).isZero();
    assertThat(at(GENESIS.plusMillis(3_999)).currentSlot()).isZero();
    assertThat(at(GENESIS.plusSeconds(4)).currentSlot()).isEqualTo(1);
    assertThat(at(GENESIS.plusSeconds(4 * 1_000_003L + 2)).currentSlot()).isEqualTo(1_000_003L);
  }

  @Test
  void isAtSlotZeroBeforeGenesis() {
    assertThat(at(GENESIS.minusSeconds(100)).currentSlot()).isZero();
  }

  @Test
  void knowsWhenSlotsBeginAndHowLongUntilTheNext() {
    SlotClock clock = at(GENESIS.plusSeconds(9));
    assertThat(clock.startOf(2)).isEqualTo(GENESIS.plusSeconds(8));
    assertThat(clock.untilNextSlot()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void refusesSlotsWithoutDuration() {
    assertThatThrownBy(() -> new SlotClock(GENESIS, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
