package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** Persistence shape of a keysign chain: its key, batch size and pending range. */
@Entity
@Table(name = "CACHET_KEYSIGN_CHAIN")
@NamedQuery(
    name = "KeysignChainEntity.all",
    query = "SELECT c FROM KeysignChainEntity c ORDER BY c.chainId")
public class KeysignChainEntity {

  @Id
  @Column(name = "CHAIN_ID", nullable = false, updatable = false)
  private long chainId;

  @Column(name = "KEY_ID", nullable = false, length = 64)
  private String keyId;

  @Column(name = "BATCH_SIZE", nullable = false)
  private int batchSize;

  @Column(name = "LOW_NONCE", nullable = false)
  private long low;

  @Column(name = "HIGH_NONCE", nullable = false)
  private long high;

  @Convert(converter = UtcInstant.class)
  @Column(name = "UPDATED_AT", nullable = false)
  private Instant updatedAt;

  protected KeysignChainEntity() {}

  public KeysignChainEntity(long chainId) {
    this.chainId = chainId;
  }

  /** Sets every mutable field. */
  public void set(String keyId, int batchSize, long low, long high, Instant updatedAt) {
    this.keyId = keyId;
    this.batchSize = batchSize;
    this.low = low;
    this.high = high;
    this.updatedAt = updatedAt;
  }

  public long getChainId() {
    return chainId;
  }

  public String getKeyId() {
    return keyId;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public long getLow() {
    return low;
  }

  public long getHigh() {
    return high;
  }
}
