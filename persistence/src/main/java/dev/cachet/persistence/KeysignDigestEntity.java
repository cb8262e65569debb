package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Persistence shape of one nonce's digest on a keysign chain and, once signed, its signature; keyed
 * by {@code <chainId>/<nonce>}.
 */
@Entity
@Table(name = "CACHET_KEYSIGN_DIGEST")
@NamedQueries({
  @NamedQuery(
      name = "KeysignDigestEntity.byChain",
      query =
          "SELECT d FROM KeysignDigestEntity d WHERE d.chainId = :chainId AND d.nonce >= :low"
              + " ORDER BY d.nonce"),
  @NamedQuery(
      name = "KeysignDigestEntity.prune",
      query = "DELETE FROM KeysignDigestEntity d WHERE d.chainId = :chainId AND d.nonce < :low")
})
public class KeysignDigestEntity {

  @Id
  @Column(name = "RECORD_KEY", nullable = false, updatable = false, length = 48)
  private String recordKey;

  @Column(name = "CHAIN_ID", nullable = false, updatable = false)
  private long chainId;

  @Column(name = "NONCE", nullable = false, updatable = false)
  private long nonce;

  @Lob
  @Column(name = "DIGEST", nullable = false)
  private byte[] digest;

  @Lob
  @Column(name = "SIGNATURE")
  private byte[] signature;

  @Convert(converter = UtcInstant.class)
  @Column(name = "UPDATED_AT", nullable = false)
  private Instant updatedAt;

  protected KeysignDigestEntity() {}

  public KeysignDigestEntity(long chainId, long nonce) {
    this.recordKey = key(chainId, nonce);
    this.chainId = chainId;
    this.nonce = nonce;
  }

  public static String key(long chainId, long nonce) {
    return chainId + "/" + nonce;
  }

  /** Sets the digest and signature (null: none). */
  public void set(byte[] digest, byte[] signature, Instant updatedAt) {
    this.digest = digest;
    this.signature = signature;
    this.updatedAt = updatedAt;
  }

  public long getNonce() {
    return nonce;
  }

  public byte[] getDigest() {
    return digest;
  }

  public byte[] getSignature() {
    return signature;
  }
}
