package dev.cachet.keys.ejb;

import dev.cachet.persistence.KeyWindowEntity;
import dev.cachet.xmss.StoredWindowShape;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Optional;

/**
 * The window store's rows over JPA, inside a transaction its caller owns (the container's in the
 * node, the test's outside it). A window replaces the stored one under its row lock, and only if
 * its newest tree is at least as new: two nodes preparing the same key never move it backwards.
 */
public class JpaKeyWindows {

  private final EntityManager em;
  private final Clock clock;

  public JpaKeyWindows(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  public void keep(StoredWindowShape shape, byte[] window) {
    KeyWindowEntity row =
        em.find(KeyWindowEntity.class, shape.rootHex(), LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      row = new KeyWindowEntity(shape.rootHex());
      row.store(shape.newestTree(), window.clone(), clock.instant());
      em.persist(row);
    } else if (row.getNewestTree() <= shape.newestTree()) {
      row.store(shape.newestTree(), window.clone(), clock.instant());
    }
  }

  public Optional<byte[]> fetch(String rootHex) {
    return Optional.ofNullable(em.find(KeyWindowEntity.class, rootHex))
        .map(row -> row.getContent().clone());
  }

  public void delete(String rootHex) {
    em.createQuery("DELETE FROM KeyWindowEntity w WHERE w.keyRoot = :root")
        .setParameter("root", rootHex)
        .executeUpdate();
  }
}
