package dev.cachet.blob.ejb;

import dev.cachet.blob.Blob;
import dev.cachet.blob.BlobHash;
import dev.cachet.blob.BlobInfo;
import dev.cachet.blob.BlobRepository;
import dev.cachet.blob.BlobTotals;
import dev.cachet.persistence.BlobEntity;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * JPA storage of blobs. Each call runs in its own transaction, so an insert is durable on return.
 */
@Stateless
@LocalBean
public class JpaBlobRepository implements BlobRepository {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  @Override
  public Optional<Blob> find(BlobHash hash) {
    return Optional.ofNullable(em.find(BlobEntity.class, hash.hex()))
        .map(row -> Blob.stored(hash, row.getContent()));
  }

  @Override
  public Optional<BlobInfo> findInfo(BlobHash hash) {
    return em.createQuery(
            "SELECT b.hash, b.size, b.storedAt FROM BlobEntity b WHERE b.hash = :hash",
            Object[].class)
        .setParameter("hash", hash.hex())
        .getResultStream()
        .findFirst()
        .map(JpaBlobRepository::info);
  }

  @Override
  public boolean insertIfAbsent(Blob blob, Instant storedAt) {
    if (em.find(BlobEntity.class, blob.hash().hex()) != null) {
      return false;
    }
    em.persist(new BlobEntity(blob.hash().hex(), blob.bytes(), storedAt));
    em.flush();
    return true;
  }

  @Override
  public List<BlobInfo> list(Optional<BlobHash> after, int limit) {
    TypedQuery<Object[]> query =
        em.createQuery(
                "SELECT b.hash, b.size, b.storedAt FROM BlobEntity b"
                    + " WHERE b.hash > :after ORDER BY b.hash",
                Object[].class)
            .setParameter("after", after.map(BlobHash::hex).orElse(""))
            .setMaxResults(limit);
    return query.getResultList().stream().map(JpaBlobRepository::info).toList();
  }

  @Override
  public BlobTotals totals() {
    Object[] row =
        em.createQuery(
                "SELECT COUNT(b), COALESCE(SUM(b.size), 0) FROM BlobEntity b", Object[].class)
            .getSingleResult();
    return new BlobTotals(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  private static BlobInfo info(Object[] row) {
    return new BlobInfo(
        BlobHash.parse((String) row[0]), ((Number) row[1]).longValue(), (Instant) row[2]);
  }
}
