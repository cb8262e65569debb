package dev.cachet.committee;

import dev.cachet.clock.SlotClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Epochs of {@code slotsPerEpoch} slots from genesis: epoch {@code e} is slots {@code e * n} to
 * {@code (e + 1) * n - 1}.
 */
public final class Epochs {

  private final SlotClock slots;
  private final long slotsPerEpoch;

  public Epochs(SlotClock slots, long slotsPerEpoch) {
    if (slotsPerEpoch < 1) {
      throw new IllegalArgumentException(
          "cachet.chain.slots-per-epoch must be at least 1 (an epoch has a slot), not "
              + slotsPerEpoch);
    }
    this.slots = slots;
    this.slotsPerEpoch = slotsPerEpoch;
  }

  /** The slot clock the epochs are counted on. */
  public SlotClock slotClock() {
    return slots;
  }

  public long slotsPerEpoch() {
    return slotsPerEpoch;
  }

  public long epochOf(long slot) {
    return Math.floorDiv(slot, slotsPerEpoch);
  }

  public long currentEpoch() {
    return epochOf(slots.currentSlot());
  }

  public long firstSlot(long epoch) {
    return Math.multiplyExact(epoch, slotsPerEpoch);
  }

  public Instant startOf(long epoch) {
    return slots.startOf(firstSlot(epoch));
  }

  public Duration duration() {
    return slots.slotDuration().multipliedBy(slotsPerEpoch);
  }

  /**
   * How far into epoch {@code epoch} the instant {@code at} is, from 0 (its start) to 1 (its end).
   */
  public double fractionAt(long epoch, Instant at) {
    Duration into = Duration.between(startOf(epoch), at);
    return (double) into.toMillis() / duration().toMillis();
  }
}
