package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Persistence shape of one keysign session this node released signature shares in: written once,
 * before the shares leave the node, never changed.
 */
@Entity
@Table(name = "CACHET_KEYSIGN_RELEASE")
@NamedQuery(
    name = "KeysignReleaseEntity.count",
    query = "SELECT COUNT(r) FROM KeysignReleaseEntity r WHERE r.chainId = :chainId")
public class KeysignReleaseEntity {

  @Id
  @Column(name = "SESSION_TAG", nullable = false, updatable = false, length = 32)
  private String sessionTag;

  @Column(name = "KEY_ID", nullable = false, updatable = false, length = 64)
  private String keyId;

  @Column(name = "CHAIN_ID", nullable = false, updatable = false)
  private long chainId;

  @Column(name = "BATCH", nullable = false, updatable = false)
  private long batch;

  @Column(name = "ATTEMPT", nullable = false, updatable = false)
  private long attempt;

  @Column(name = "COORDINATOR", nullable = false, updatable = false, length = 64)
  private String coordinator;

  @Lob
  @Column(name = "ITEMS", nullable = false, updatable = false)
  private byte[] items;

  @Convert(converter = UtcInstant.class)
  @Column(name = "CREATED_AT", nullable = false, updatable = false)
  private Instant createdAt;

  protected KeysignReleaseEntity() {}

  public KeysignReleaseEntity(
      String sessionTag,
      String keyId,
      long chainId,
      long batch,
      long attempt,
      String coordinator,
      byte[] items,
      Instant createdAt) {
    this.sessionTag = sessionTag;
    this.keyId = keyId;
    this.chainId = chainId;
    this.batch = batch;
    this.attempt = attempt;
    this.coordinator = coordinator;
    this.items = items;
    this.createdAt = createdAt;
  }
}
