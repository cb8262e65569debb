package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** Persistence shape of one published checkpoint: its wire JSON by slot, written once. */
@Entity
@Table(name = "CACHET_CHECKPOINT")
@NamedQuery(
    name = "CheckpointEntity.all",
    query = "SELECT c FROM CheckpointEntity c ORDER BY c.slot")
public class CheckpointEntity {

  @Id
  @Column(name = "SLOT", nullable = false, updatable = false)
  private long slot;

  @Lob
  @Column(name = "CONTENT", nullable = false, updatable = false)
  private byte[] content;

  @Convert(converter = UtcInstant.class)
  @Column(name = "CREATED_AT", nullable = false, updatable = false)
  private Instant createdAt;

  protected CheckpointEntity() {}

  public CheckpointEntity(long slot, byte[] content, Instant createdAt) {
    this.slot = slot;
    this.content = content;
    this.createdAt = createdAt;
  }

  public long getSlot() {
    return slot;
  }

  public byte[] getContent() {
    return content;
  }
}
