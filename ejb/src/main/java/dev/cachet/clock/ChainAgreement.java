package dev.cachet.clock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Decides the slot clock of a node whose database may be shared with other nodes: all of them must
 * count the same slots, or two clocks would judge one watermark. The database's chain, once stored,
 * is the chain. A node adopts it, and refuses to start if its own configuration names another
 * genesis or slot duration. The first node stores the configured genesis, or the one a 0.1.0 node
 * kept in its data directory, or its own first start.
 */
public final class ChainAgreement {

  private ChainAgreement() {}

  /** The outcome: the chain to count with, and whether it must be stored as the database's. */
  public record Decision(ChainParameters chain, boolean store) {}

  /**
   * @param stored the database's chain, if it has one
   * @param configuredGenesis {@code cachet.chain.genesis-time}, if set
   * @param secondsPerSlot {@code cachet.chain.seconds-per-slot} as this node runs with it
   * @param legacyGenesis the genesis a 0.1.0 node kept in its data directory, if any
   * @param now the node's start
   * @throws IllegalStateException if the configuration contradicts the stored chain
   */
  public static Decision decide(
      Optional<ChainParameters> stored,
      Optional<String> configuredGenesis,
      long secondsPerSlot,
      Optional<Instant> legacyGenesis,
      Instant now) {
    Optional<Instant> configured = configuredGenesis.filter(g -> !g.isBlank()).map(Genesis::parse);
    if (stored.isPresent()) {
      ChainParameters chain = stored.get();
      if (configured.isPresent() && !configured.get().equals(chain.genesis())) {
        throw new IllegalStateException(
            "cachet.chain.genesis-time is "
                + configured.get()
                + " but the database's chain began at "
                + chain.genesis()
                + ": nodes on one database must count the same slots (unset it to adopt the"
                + " database's)");
      }
      if (secondsPerSlot != chain.secondsPerSlot()) {
        throw new IllegalStateException(
            "cachet.chain.seconds-per-slot is "
                + secondsPerSlot
                + " but the database's chain has "
                + chain.secondsPerSlot()
                + " seconds per slot: nodes on one database must count the same slots");
      }
      return new Decision(chain, false);
    }
    Instant genesis =
        configured.or(() -> legacyGenesis).orElse(now.truncatedTo(ChronoUnit.SECONDS));
    return new Decision(new ChainParameters(genesis, secondsPerSlot), true);
  }
}
