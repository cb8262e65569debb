package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Persistence shape of one vault record: the encoded envelope plus, in plain columns, what the
 * admin view and the rollback check need without decrypting (generation, key id, provider, size).
 */
@Entity
@Table(name = "CACHET_STATE_RECORD")
public class StateRecordEntity {

  @Id
  @Column(name = "NAME", length = 200, nullable = false, updatable = false)
  private String name;

  @Column(name = "GENERATION", nullable = false)
  private long generation;

  @Column(name = "KEY_ID", length = 128, nullable = false)
  private String keyId;

  @Column(name = "PROVIDER", length = 128, nullable = false)
  private String provider;

  @Column(name = "SIZE_BYTES", nullable = false)
  private long size;

  @Convert(converter = UtcInstant.class)
  @Column(name = "UPDATED_AT", nullable = false)
  private Instant updatedAt;

  @Lob
  @Column(name = "ENVELOPE", nullable = false)
  private byte[] envelope;

  protected StateRecordEntity() {}

  public StateRecordEntity(String name) {
    this.name = name;
  }

  /** Replaces the stored envelope and its plain columns. */
  public void store(
      long generation, String keyId, String provider, byte[] envelope, Instant updatedAt) {
    this.generation = generation;
    this.keyId = keyId;
    this.provider = provider;
    this.envelope = envelope;
    this.size = envelope.length;
    this.updatedAt = updatedAt;
  }

  public String getName() {
    return name;
  }

  public long getGeneration() {
    return generation;
  }

  public String getKeyId() {
    return keyId;
  }

  public String getProvider() {
    return provider;
  }

  public long getSize() {
    return size;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public byte[] getEnvelope() {
    return envelope;
  }
}
