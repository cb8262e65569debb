package dev.cachet.state;

import java.util.List;
import java.util.Optional;

/**
 * What a capability needs of the vault to keep its own records: read one, change one with a pure
 * function, and list what is stored. The vault implements it; so does the bean that hosts it.
 */
public interface StateRecords {

  /** The record's plaintext (a copy), empty if there is none. */
  Optional<byte[]> read(String name);

  /** Applies {@code update} and persists the result if it changed (see {@link StateVault}). */
  UpdateOutcome update(String name, StateUpdate update);

  /** Metadata of every stored record, never plaintext. */
  List<RecordInfo> list();

  /**
   * The record's plaintext if storage holds a newer generation than this node has in memory (it was
   * written by another node on the same database); it is loaded now. Empty if memory is current.
   */
  Optional<byte[]> refresh(String name, long storedGeneration);
}
