package dev.cachet.persistence;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Persistence shape of one content-addressed blob. The primary key is the blob's hash, so a second
 * insert of the same bytes (from this node or another sharing the database) fails on the key.
 */
@Entity
@Table(name = "CACHET_BLOB")
public class BlobEntity {

  @Id
  @Column(name = "HASH", length = 64, nullable = false, updatable = false)
  private String hash;

  @Column(name = "SIZE_BYTES", nullable = false, updatable = false)
  private long size;

  @Convert(converter = UtcInstant.class)
  @Column(name = "STORED_AT", nullable = false, updatable = false)
  private Instant storedAt;

  @Lob
  @Basic(fetch = FetchType.LAZY)
  @Column(name = "CONTENT", nullable = false, updatable = false)
  private byte[] content;

  protected BlobEntity() {}

  public BlobEntity(String hash, byte[] content, Instant storedAt) {
    this.hash = hash;
    this.size = content.length;
    this.content = content;
    this.storedAt = storedAt;
  }

  public String getHash() {
    return hash;
  }

  public long getSize() {
    return size;
  }

  public Instant getStoredAt() {
    return storedAt;
  }

  public byte[] getContent() {
    return content;
  }
}
