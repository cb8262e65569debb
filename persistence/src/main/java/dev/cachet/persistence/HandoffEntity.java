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
 * Persistence shape of one durable handoff record: its wire JSON, keyed by {@code
 * <epoch>/<kind>/<signer>} so a record is written once; never changed.
 */
@Entity
@Table(name = "CACHET_HANDOFF")
@NamedQueries({
  @NamedQuery(
      name = "HandoffEntity.byEpochAndKind",
      query =
          "SELECT h FROM HandoffEntity h WHERE h.epoch = :epoch AND h.kind = :kind"
              + " ORDER BY h.recordKey"),
  @NamedQuery(
      name = "HandoffEntity.latestEpoch",
      query = "SELECT MAX(h.epoch) FROM HandoffEntity h WHERE h.kind = :kind")
})
public class HandoffEntity {

  @Id
  @Column(name = "RECORD_KEY", nullable = false, updatable = false, length = 128)
  private String recordKey;

  @Column(name = "EPOCH", nullable = false, updatable = false)
  private long epoch;

  @Column(name = "KIND", nullable = false, updatable = false, length = 32)
  private String kind;

  @Lob
  @Column(name = "CONTENT", nullable = false, updatable = false)
  private byte[] content;

  @Convert(converter = UtcInstant.class)
  @Column(name = "CREATED_AT", nullable = false, updatable = false)
  private Instant createdAt;

  protected HandoffEntity() {}

  public HandoffEntity(
      String recordKey, long epoch, String kind, byte[] content, Instant createdAt) {
    this.recordKey = recordKey;
    this.epoch = epoch;
    this.kind = kind;
    this.content = content;
    this.createdAt = createdAt;
  }

  public String getRecordKey() {
    return recordKey;
  }

  public long getEpoch() {
    return epoch;
  }

  public String getKind() {
    return kind;
  }

  public byte[] getContent() {
    return content;
  }
}
