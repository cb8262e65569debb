package dev.cachet.keys;

import java.util.Optional;

/**
 * Where prepared windows are kept so that a restart does not recompute them: their bytes are public
 * tree nodes, stored content-addressed (the node's blob store).
 */
public interface WindowStore {

  /** Stores an encoded window; returns its content hash (lowercase hex). */
  String store(byte[] window);

  /** The bytes stored under {@code hash}, if any. */
  Optional<byte[]> fetch(String hash);
}
