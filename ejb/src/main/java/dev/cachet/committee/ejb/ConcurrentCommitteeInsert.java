package dev.cachet.committee.ejb;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeStore;
import java.util.Optional;

/**
 * Lets two nodes sharing one database set the same epoch at once: both find no row, the loser's
 * insert then fails on the primary key and is rolled back; if the epoch's committee is then found
 * stored, the loser reports "the epoch had one" (and {@code Committees} compares it with its own)
 * instead of an error. Any other failure is passed on: a failure of the reading too (the database
 * went away) with the insert's failure attached.
 */
final class ConcurrentCommitteeInsert implements CommitteeStore {

  private final CommitteeStore rows;

  ConcurrentCommitteeInsert(CommitteeStore rows) {
    this.rows = rows;
  }

  @Override
  public Optional<Committee> find(long epoch) {
    return rows.find(epoch);
  }

  @Override
  public boolean insertIfAbsent(Committee committee) {
    try {
      return rows.insertIfAbsent(committee);
    } catch (RuntimeException lost) {
      Optional<Committee> stored;
      try {
        stored = rows.find(committee.epoch());
      } catch (RuntimeException again) {
        again.addSuppressed(lost);
        throw again;
      }
      if (stored.isPresent()) {
        return false;
      }
      throw lost;
    }
  }
}
