package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Persistence shape of one epoch's committee: its canonical bytes (docs/protocol.md, "Committee").
 * The primary key is the epoch, so a second committee for it (from this node or another sharing the
 * database) fails on the key; a row is never changed.
 */
@Entity
@Table(name = "CACHET_COMMITTEE")
public class CommitteeEntity {

  /**
   * A wrapper, not a {@code long}: EclipseLink takes a primitive id of 0 for "no id yet" and
   * refuses to persist it, and epoch 0 is the chain's first.
   */
  @Id
  @Column(name = "EPOCH", nullable = false, updatable = false)
  private Long epoch;

  @Lob
  @Column(name = "CONTENT", nullable = false, updatable = false)
  private byte[] content;

  @Convert(converter = UtcInstant.class)
  @Column(name = "CREATED_AT", nullable = false, updatable = false)
  private Instant createdAt;

  protected CommitteeEntity() {}

  public CommitteeEntity(long epoch, byte[] content, Instant createdAt) {
    this.epoch = epoch;
    this.content = content;
    this.createdAt = createdAt;
  }

  public long getEpoch() {
    return epoch;
  }

  public byte[] getContent() {
    return content;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
