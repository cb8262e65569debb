package dev.cachet.keysign.ejb;

import dev.cachet.keysign.DigestBook;
import dev.cachet.keysign.KeysignStore.ChainRecord;
import dev.cachet.keysign.TxDigest;
import dev.cachet.persistence.KeysignChainEntity;
import dev.cachet.persistence.KeysignDigestEntity;
import dev.cachet.persistence.KeysignReleaseEntity;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keysign's rows over JPA, each call a container transaction of its own, committed when it
 * returns. Signatures are not decoded here: the engine decodes (and so checks) what it loads.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaKeysignRecords {

  /** A stored digest row: the digest and the signature's RFC 9591 encoding, if signed. */
  public record DigestRow(long nonce, TxDigest digest, Optional<byte[]> signature) {}

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  public void saveChain(ChainRecord c) {
    KeysignChainEntity row = em.find(KeysignChainEntity.class, c.chainId());
    if (row == null) {
      row = new KeysignChainEntity(c.chainId());
      row.set(c.keyId(), c.batchSize(), c.low(), c.high(), Instant.now());
      em.persist(row);
    } else {
      row.set(c.keyId(), c.batchSize(), c.low(), c.high(), Instant.now());
    }
  }

  public List<ChainRecord> chains() {
    return em
        .createNamedQuery("KeysignChainEntity.all", KeysignChainEntity.class)
        .getResultList()
        .stream()
        .map(
            r ->
                new ChainRecord(
                    r.getChainId(), r.getKeyId(), r.getBatchSize(), r.getLow(), r.getHigh()))
        .toList();
  }

  /** Writes each nonce's digest and signature (null: none), inserting or replacing its row. */
  public void saveDigests(long chainId, Map<Long, byte[][]> digestAndSignature) {
    Instant now = Instant.now();
    digestAndSignature.forEach(
        (nonce, pair) -> {
          KeysignDigestEntity row =
              em.find(KeysignDigestEntity.class, KeysignDigestEntity.key(chainId, nonce));
          if (row == null) {
            row = new KeysignDigestEntity(chainId, nonce);
            row.set(pair[0], pair[1], now);
            em.persist(row);
          } else {
            row.set(pair[0], pair[1], now);
          }
        });
  }

  public void prune(long chainId, long low) {
    em.createNamedQuery("KeysignDigestEntity.prune")
        .setParameter("chainId", chainId)
        .setParameter("low", low)
        .executeUpdate();
  }

  public List<DigestRow> digests(long chainId, long low) {
    return em
        .createNamedQuery("KeysignDigestEntity.byChain", KeysignDigestEntity.class)
        .setParameter("chainId", chainId)
        .setParameter("low", low)
        .getResultList()
        .stream()
        .map(
            r ->
                new DigestRow(
                    r.getNonce(),
                    TxDigest.of(r.getDigest()),
                    Optional.ofNullable(r.getSignature())))
        .toList();
  }

  public void insertRelease(
      String tag,
      String keyId,
      long chainId,
      long batch,
      long attempt,
      String coordinator,
      byte[] items) {
    em.persist(
        new KeysignReleaseEntity(
            tag, keyId, chainId, batch, attempt, coordinator, items, Instant.now()));
    em.flush();
  }

  public long releases(long chainId) {
    return em.createNamedQuery("KeysignReleaseEntity.count", Long.class)
        .setParameter("chainId", chainId)
        .getSingleResult();
  }

  /** Only for the engine's load: entries in nonce order. */
  static Map<Long, DigestBook.Entry> entries(
      List<DigestRow> rows,
      java.util.function.Function<byte[], dev.cachet.frost.Signature> decode) {
    Map<Long, DigestBook.Entry> out = new LinkedHashMap<>();
    for (DigestRow r : rows) {
      out.put(r.nonce(), new DigestBook.Entry(r.digest(), r.signature().map(decode)));
    }
    return out;
  }
}
