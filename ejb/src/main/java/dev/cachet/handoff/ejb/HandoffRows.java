package dev.cachet.handoff.ejb;

import dev.cachet.persistence.HandoffEntity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The handoff's rows over JPA, inside a transaction its caller owns (the container's in the node,
 * the test's outside it): one row per record key, holding the record's wire JSON, never changed.
 */
public final class HandoffRows {

  private final EntityManager em;
  private final Clock clock;

  public HandoffRows(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  public Optional<byte[]> find(String key) {
    return Optional.ofNullable(em.find(HandoffEntity.class, key)).map(HandoffEntity::getContent);
  }

  /** Inserts the record and flushes; fails on the key if it exists. */
  public void insert(String key, long epoch, String kind, byte[] content) {
    em.persist(new HandoffEntity(key, epoch, kind, content, clock.instant()));
    em.flush();
  }

  public List<byte[]> byEpochAndKind(long epoch, String kind) {
    return em
        .createNamedQuery("HandoffEntity.byEpochAndKind", HandoffEntity.class)
        .setParameter("epoch", epoch)
        .setParameter("kind", kind)
        .getResultList()
        .stream()
        .map(HandoffEntity::getContent)
        .toList();
  }

  public OptionalLong latestEpoch(String kind) {
    Long latest =
        em.createNamedQuery("HandoffEntity.latestEpoch", Long.class)
            .setParameter("kind", kind)
            .getSingleResult();
    return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
  }
}
