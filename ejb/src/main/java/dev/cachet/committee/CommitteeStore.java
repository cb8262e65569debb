package dev.cachet.committee;

import java.util.Optional;

/** Where committees are kept: durable, one per epoch, never replaced. */
public interface CommitteeStore {

  Optional<Committee> find(long epoch);

  /**
   * Stores {@code committee} unless its epoch has one already.
   *
   * @return whether it was stored (false: the epoch had a committee, which is unchanged)
   */
  boolean insertIfAbsent(Committee committee);
}
