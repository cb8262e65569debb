package dev.cachet.committee;

import dev.cachet.node.IdentityKey;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The node's committees: set once per epoch, read by every protocol. A committee found is kept in
 * memory (it never changes); an epoch without one is asked of the store again each time, since
 * another node on the same database may set it.
 */
public final class Committees implements CommitteeDirectory {

  /** What setting a committee did. */
  public enum Outcome {
    CREATED,
    UNCHANGED
  }

  private final CommitteeStore store;
  private final Epochs epochs;
  private final boolean genesisConfigured;
  private final Supplier<Optional<IdentityKey>> self;
  private final ConcurrentHashMap<Long, Committee> known = new ConcurrentHashMap<>();

  /**
   * @param genesisConfigured whether the operator configured {@code cachet.chain.genesis-time}
   * @param self this node's identity key, once it is loaded
   */
  public Committees(
      CommitteeStore store,
      Epochs epochs,
      boolean genesisConfigured,
      Supplier<Optional<IdentityKey>> self) {
    this.store = store;
    this.epochs = epochs;
    this.genesisConfigured = genesisConfigured;
    this.self = self;
  }

  public Epochs epochs() {
    return epochs;
  }

  /**
   * Sets the committee of its epoch; the identical committee again changes nothing.
   *
   * @throws GenesisNotConfiguredException if this node is a member and its genesis is not
   *     configured
   * @throws CommitteeExistsException if the epoch has a different committee
   */
  public Outcome set(Committee committee) {
    if (!genesisConfigured && self.get().map(committee::contains).orElse(false)) {
      throw new GenesisNotConfiguredException();
    }
    if (store.insertIfAbsent(committee)) {
      known.put(committee.epoch(), committee);
      return Outcome.CREATED;
    }
    Committee existing = find(committee.epoch()).orElseThrow();
    if (!existing.equals(committee)) {
      throw new CommitteeExistsException(committee.epoch());
    }
    return Outcome.UNCHANGED;
  }

  @Override
  public Optional<Committee> find(long epoch) {
    Committee cached = known.get(epoch);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Committee> stored = store.find(epoch);
    stored.ifPresent(c -> known.put(epoch, c));
    return stored;
  }

  /**
   * @throws CommitteeNotFoundException if the epoch has none
   */
  public Committee get(long epoch) {
    return find(epoch).orElseThrow(() -> new CommitteeNotFoundException(epoch));
  }

  @Override
  public long currentEpoch() {
    return epochs.currentEpoch();
  }

  /**
   * @throws CommitteeNotFoundException if the current epoch has none
   */
  public Committee current() {
    return get(currentEpoch());
  }
}
