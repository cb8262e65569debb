package dev.cachet.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The slot clock every node on this database counts with: one row (id 1), written by the first node
 * that starts and never changed afterwards.
 */
@Entity
@Table(name = "CACHET_CHAIN")
public class ChainEntity {

  /** The id of the one row. */
  public static final int ID = 1;

  @Id
  @Column(name = "ID", nullable = false, updatable = false)
  private int id;

  @Convert(converter = UtcInstant.class)
  @Column(name = "GENESIS_TIME", nullable = false, updatable = false)
  private Instant genesisTime;

  @Column(name = "SECONDS_PER_SLOT", nullable = false, updatable = false)
  private long secondsPerSlot;

  protected ChainEntity() {}

  public ChainEntity(Instant genesisTime, long secondsPerSlot) {
    this.id = ID;
    this.genesisTime = genesisTime;
    this.secondsPerSlot = secondsPerSlot;
  }

  public Instant getGenesisTime() {
    return genesisTime;
  }

  public long getSecondsPerSlot() {
    return secondsPerSlot;
  }
}
