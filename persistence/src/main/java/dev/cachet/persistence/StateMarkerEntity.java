package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A durable "this was consumed" marker, written in the same transaction as its record. */
@Entity
@Table(name = "CACHET_STATE_MARKER")
public class StateMarkerEntity {

  @Id
  @Column(name = "MARKER", length = 200, nullable = false, updatable = false)
  private String marker;

  @Column(name = "RECORD_NAME", length = 200, nullable = false, updatable = false)
  private String record;

  @Convert(converter = UtcInstant.class)
  @Column(name = "CREATED_AT", nullable = false, updatable = false)
  private Instant createdAt;

  protected StateMarkerEntity() {}

  public StateMarkerEntity(String marker, String record, Instant createdAt) {
    this.marker = marker;
    this.record = record;
    this.createdAt = createdAt;
  }

  public String getMarker() {
    return marker;
  }

  public String getRecord() {
    return record;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
