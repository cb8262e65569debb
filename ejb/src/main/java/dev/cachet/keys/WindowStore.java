package dev.cachet.keys;

import dev.cachet.xmss.StoredWindowShape;
import java.util.Optional;

/**
 * Where each key's latest prepared window is kept so that a restart (or another node on the same
 * database) does not recompute it. Node-private: windows are public tree nodes, but they are the
 * node's cache, not metadata its peers fetch, so they never enter the blob store. One window per
 * key, by the key's public root.
 */
public interface WindowStore {

  /** Keeps {@code window} as its key's window, unless one with a newer bottom tree is kept. */
  void keep(StoredWindowShape shape, byte[] window);

  /** The window kept for the key whose public root is {@code rootHex}, if any. */
  Optional<byte[]> fetch(String rootHex);

  /** Forgets the window of the key whose public root is {@code rootHex} (a retired key). */
  void delete(String rootHex);
}
