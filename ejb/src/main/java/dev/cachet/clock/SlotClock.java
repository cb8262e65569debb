package dev.cachet.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Slot {@code s} is the interval {@code [genesis + s·duration, genesis + (s+1)·duration)}. Before
 * genesis the current slot is 0: nothing of the chain has happened yet, and a key activated at slot
 * 0 must be ready for it.
 */
public final class SlotClock {

  private final Instant genesis;
  private final Duration slotDuration;
  private final Clock clock;

  public SlotClock(Instant genesis, Duration slotDuration, Clock clock) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.slotDuration = Objects.requireNonNull(slotDuration, "slotDuration");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (slotDuration.isNegative() || slotDuration.isZero()) {
      throw new IllegalArgumentException("a slot lasts a positive time, not " + slotDuration);
    }
  }

  public Instant genesis() {
    return genesis;
  }

  public Duration slotDuration() {
    return slotDuration;
  }

  /** The slot the wall clock is in now. */
  public long currentSlot() {
    return slotAt(clock.instant());
  }

  /** The slot {@code time} falls in (0 before genesis). */
  public long slotAt(Instant time) {
    if (time.isBefore(genesis)) {
      return 0;
    }
    return Duration.between(genesis, time).toNanos() / slotDuration.toNanos();
  }

  /** When {@code slot} begins. */
  public Instant startOf(long slot) {
    return genesis.plus(slotDuration.multipliedBy(slot));
  }

  /** How long until the next slot begins. */
  public Duration untilNextSlot() {
    Instant now = clock.instant();
    Duration left = Duration.between(now, startOf(slotAt(now) + 1));
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public String toString() {
    return "SlotClock[genesis " + genesis + ", " + slotDuration.toMillis() + " ms per slot]";
  }
}
