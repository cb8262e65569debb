package dev.cachet.state;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage of state records: the port the vault needs, implemented over JPA by its bean.
 * {@link #write} is the database half of the write guard: it holds the record's row lock for the
 * whole transaction, so nodes sharing a database serialise their writes to a record too.
 */
public interface StateStore {

  /** Every stored record. */
  List<StoredRecord> loadAll();

  /** The stored record named {@code name}. */
  Optional<StoredRecord> load(String name);

  /**
   * One write transaction: locks the row of {@code name} (pessimistically; an absent row is
   * inserted), calls {@code sealer} with the envelope stored under that lock, inserts {@code
   * marker} if one is given, stores the sealed envelope and commits. If anything throws, the
   * transaction is rolled back: no marker, no envelope.
   *
   * @return the record as committed, or empty if the sealer decided there was nothing to write
   * @throws MarkerExistsException if the marker was recorded before
   */
  Optional<StoredRecord> write(String name, Optional<String> marker, Sealer sealer);

  /** Whether {@code marker} is recorded. */
  boolean markerExists(String marker);

  /** Decides, under the row lock, the envelope to store. */
  @FunctionalInterface
  interface Sealer {

    /**
     * @param locked the row as the lock found it, empty for a new record
     * @return the envelope to store, or empty to write nothing
     */
    Optional<Envelope> seal(Optional<Locked> locked);
  }

  /**
   * A locked row: its generation and key id as stored beside the envelope, and the envelope itself,
   * decoded only when asked for (most writes need only the generation). Opening the envelope
   * authenticates its own generation and key id.
   */
  interface Locked {

    long generation();

    String keyId();

    Envelope envelope();
  }
}
