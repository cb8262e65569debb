package dev.cachet.clock;

import java.time.Instant;
import java.util.Objects;

/** What makes two nodes count the same slots: the genesis time and the slot duration. */
public record ChainParameters(Instant genesis, long secondsPerSlot) {

  public ChainParameters {
    Objects.requireNonNull(genesis, "genesis");
    if (secondsPerSlot < 1) {
      throw new IllegalArgumentException("cachet.chain.seconds-per-slot must be at least 1");
    }
  }
}
