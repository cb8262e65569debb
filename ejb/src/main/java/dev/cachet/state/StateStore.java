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
   * inserted), asks {@code sealer} to decide under that lock, inserts {@code marker} if one is
   * given and the decision holds an envelope, stores that envelope and commits. If anything throws,
   * the transaction is rolled back: no marker, no envelope.
   *
   * @return the sealer's decision, with the record as committed if it held an envelope
   * @throws MarkerExistsException if the marker was recorded before
   */
  <S extends Sealed> Written<S> write(String name, Optional<String> marker, Sealer<S> sealer);

  /** Whether {@code marker} is recorded. */
  boolean markerExists(String marker);

  /** What a sealer decided under the row lock: at least the envelope to store, if any. */
  interface Sealed {

    /** The envelope to store; empty to write nothing. */
    Optional<Envelope> envelope();
  }

  /** Decides, under the row lock, what to store. */
  @FunctionalInterface
  interface Sealer<S extends Sealed> {

    /**
     * @param locked the row as the lock found it, empty for a new record
     */
    S seal(Optional<Locked> locked);
  }

  /** A write's outcome: the sealer's decision, and the record as committed if it stored one. */
  record Written<S extends Sealed>(S decision, Optional<StoredRecord> stored) {}

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
