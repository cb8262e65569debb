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
 * Persistence shape of one validator key's stored prepared window: node-private (never served to
 * peers), one row per key, keyed by the key's public root, replaced by a window whose newest bottom
 * tree is at least as new.
 */
@Entity
@Table(name = "CACHET_KEY_WINDOW")
public class KeyWindowEntity {

  @Id
  @Column(name = "KEY_ROOT", length = 64, nullable = false, updatable = false)
  private String keyRoot;

  @Column(name = "NEWEST_TREE", nullable = false)
  private long newestTree;

  @Column(name = "SIZE_BYTES", nullable = false)
  private long size;

  @Convert(converter = UtcInstant.class)
  @Column(name = "STORED_AT", nullable = false)
  private Instant storedAt;

  @Lob
  @Basic(fetch = FetchType.LAZY)
  @Column(name = "CONTENT", nullable = false)
  private byte[] content;

  protected KeyWindowEntity() {}

  public KeyWindowEntity(String keyRoot) {
    this.keyRoot = keyRoot;
  }

  /** Replaces the stored window. */
  public void store(long newestTree, byte[] content, Instant storedAt) {
    this.newestTree = newestTree;
    this.content = content;
    this.size = content.length;
    this.storedAt = storedAt;
  }

  public String getKeyRoot() {
    return keyRoot;
  }

  public long getNewestTree() {
    return newestTree;
  }

  public byte[] getContent() {
    return content;
  }
}
