package dev.cachet.state.ejb;

import dev.cachet.persistence.StateMarkerEntity;
import dev.cachet.persistence.StateRecordEntity;
import dev.cachet.state.Envelope;
import dev.cachet.state.EnvelopeCodec;
import dev.cachet.state.MarkerExistsException;
import dev.cachet.state.StaleRecordException;
import dev.cachet.state.StateStore;
import dev.cachet.state.StoredRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The vault's storage over JPA, inside a transaction its caller owns (the container's in the node,
 * the test's outside it). {@link #write} takes the record's row lock first ({@code SELECT … FOR
 * UPDATE}) and keeps it to the commit; the sealer, which resolves the key, runs under it.
 */
public class JpaStateRows {

  private final EntityManager em;
  private final Clock clock;

  public JpaStateRows(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  public List<StoredRecord> loadAll() {
    return em
        .createQuery("SELECT r FROM StateRecordEntity r ORDER BY r.name", StateRecordEntity.class)
        .getResultList()
        .stream()
        .map(JpaStateRows::stored)
        .toList();
  }

  public Optional<StoredRecord> load(String name) {
    return Optional.ofNullable(em.find(StateRecordEntity.class, name)).map(JpaStateRows::stored);
  }

  public boolean markerExists(String marker) {
    return em.find(StateMarkerEntity.class, marker) != null;
  }

  /** See {@link StateStore#write}. */
  public <S extends StateStore.Sealed> StateStore.Written<S> write(
      String name, Optional<String> marker, StateStore.Sealer<S> sealer) {
    StateRecordEntity row = em.find(StateRecordEntity.class, name, LockModeType.PESSIMISTIC_WRITE);
    Optional<StateStore.Locked> locked = Optional.ofNullable(row).map(LockedRow::new);
    S decision = sealer.seal(locked);
    Optional<Envelope> sealed = decision.envelope();
    if (sealed.isEmpty()) {
      return new StateStore.Written<>(decision, Optional.empty());
    }
    if (marker.isPresent()) {
      insertMarker(marker.get(), name);
    }
    StoredRecord stored = new StoredRecord(name, sealed.get(), clock.instant());
    persistEnvelope(row, stored);
    if (row == null) {
      // Only a new row can collide (another node inserting the same record first); an update of
      // the locked row cannot, and flushing it here would only add a round to the commit.
      try {
        em.flush();
      } catch (PersistenceException e) {
        throw new StaleRecordException();
      }
    }
    return new StateStore.Written<>(decision, Optional.of(stored));
  }

  private void insertMarker(String marker, String record) {
    if (markerExists(marker)) {
      throw new MarkerExistsException(marker);
    }
    em.persist(new StateMarkerEntity(marker, record, clock.instant()));
    em.flush();
  }

  /** Writes the sealed envelope into the row (new or locked). */
  protected void persistEnvelope(StateRecordEntity row, StoredRecord stored) {
    Envelope e = stored.envelope();
    StateRecordEntity target = row == null ? new StateRecordEntity(stored.name()) : row;
    target.store(
        e.generation(), e.keyId(), e.provider(), EnvelopeCodec.encode(e), stored.updatedAt());
    if (row == null) {
      em.persist(target);
    }
  }

  private static StoredRecord stored(StateRecordEntity row) {
    return new StoredRecord(
        row.getName(), EnvelopeCodec.decode(row.getEnvelope()), row.getUpdatedAt());
  }

  /** The locked entity as the vault sees it; the envelope is decoded on demand. */
  private record LockedRow(StateRecordEntity row) implements StateStore.Locked {
    @Override
    public long generation() {
      return row.getGeneration();
    }

    @Override
    public String keyId() {
      return row.getKeyId();
    }

    @Override
    public Envelope envelope() {
      return EnvelopeCodec.decode(row.getEnvelope());
    }
  }
}
