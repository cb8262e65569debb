package dev.cachet.committee.ejb;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeCodec;
import dev.cachet.committee.StoredCommitteeCorruptException;
import dev.cachet.persistence.CommitteeEntity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Optional;

/**
 * The committees' rows over JPA, inside a transaction its caller owns (the container's in the node,
 * the test's outside it): one row per epoch holding the committee's canonical bytes, never changed.
 */
public class JpaCommitteeRows {

  private final EntityManager em;
  private final Clock clock;

  public JpaCommitteeRows(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /**
   * @throws StoredCommitteeCorruptException if the epoch's row does not hold its committee
   */
  public Optional<Committee> find(long epoch) {
    return Optional.ofNullable(em.find(CommitteeEntity.class, epoch)).map(JpaCommitteeRows::decode);
  }

  /** Inserts the committee unless its epoch has a row; see {@link #insert}. */
  public boolean insertIfAbsent(Committee committee) {
    if (em.find(CommitteeEntity.class, committee.epoch()) != null) {
      return false;
    }
    insert(committee);
    return true;
  }

  /**
   * Inserts the committee's row and flushes it; fails on the primary key if the epoch has one (a
   * node that stored it since this transaction looked).
   */
  public void insert(Committee committee) {
    em.persist(
        new CommitteeEntity(committee.epoch(), CommitteeCodec.encode(committee), clock.instant()));
    em.flush();
  }

  private static Committee decode(CommitteeEntity row) {
    Committee committee;
    try {
      committee = CommitteeCodec.decode(row.getContent());
    } catch (IllegalArgumentException e) {
      throw new StoredCommitteeCorruptException(row.getEpoch(), e.getMessage());
    }
    if (committee.epoch() != row.getEpoch()) {
      throw new StoredCommitteeCorruptException(
          row.getEpoch(), "its bytes are the committee of epoch " + committee.epoch());
    }
    return committee;
  }
}
