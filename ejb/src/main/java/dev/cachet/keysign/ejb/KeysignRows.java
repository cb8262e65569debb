package dev.cachet.keysign.ejb;

import dev.cachet.keysign.KeysignStore.ChainRecord;
import dev.cachet.keysign.TxDigest;
import dev.cachet.persistence.KeysignChainEntity;
import dev.cachet.persistence.KeysignDigestEntity;
import dev.cachet.persistence.KeysignReleaseEntity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keysign's rows over JPA, inside a transaction its caller owns (the container's in the node,
 * the test's outside it): a chain's binding and pending range, each nonce's digest and signature,
 * and the sessions this node released shares in (written once).
 */
public final class KeysignRows {

  /** A stored digest row: the digest and the signature's RFC 9591 encoding, if signed. */
  public record DigestRow(long nonce, TxDigest digest, Optional<byte[]> signature) {}

  private final EntityManager em;
  private final Clock clock;

  public KeysignRows(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  public void saveChain(ChainRecord c) {
    Instant now = clock.instant();
    KeysignChainEntity row = em.find(KeysignChainEntity.class, c.chainId());
    if (row == null) {
      row = new KeysignChainEntity(c.chainId());
      row.set(c.keyId(), c.batchSize(), c.low(), c.high(), now);
      em.persist(row);
    } else {
      row.set(c.keyId(), c.batchSize(), c.low(), c.high(), now);
    }
    em.flush();
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
    Instant now = clock.instant();
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
    em.flush();
  }

  public void prune(long chainId, long low) {
    em.createNamedQuery("KeysignDigestEntity.prune")
        .setParameter("chainId", chainId)
        .setParameter("low", low)
        .executeUpdate();
  }

  /** The chain's digests from {@code low} up, in nonce order. */
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

  /** Inserts a release record and flushes; fails on the tag if it exists. */
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
            tag, keyId, chainId, batch, attempt, coordinator, items, clock.instant()));
    em.flush();
  }

  public long releases(long chainId) {
    return em.createNamedQuery("KeysignReleaseEntity.count", Long.class)
        .setParameter("chainId", chainId)
        .getSingleResult();
  }
}
