package dev.cachet.checkpoint.ejb;

import dev.cachet.persistence.CheckpointEntity;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The published checkpoints over JPA, each call a container transaction of its own: an insert of a
 * slot held already (another node sharing the database adopted it) changes nothing.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaCheckpointRecords {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  public void insertIfAbsent(long slot, byte[] content) {
    if (em.find(CheckpointEntity.class, slot) == null) {
      em.persist(new CheckpointEntity(slot, content, Instant.now()));
    }
  }

  /** Every stored checkpoint's content, in slot order. */
  public List<byte[]> all() {
    return em
        .createNamedQuery("CheckpointEntity.all", CheckpointEntity.class)
        .getResultList()
        .stream()
        .map(CheckpointEntity::getContent)
        .toList();
  }
}
