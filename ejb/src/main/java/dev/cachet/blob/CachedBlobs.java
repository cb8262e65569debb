package dev.cachet.blob;

import java.util.Optional;

/**
 * The blobs held in memory, read without touching storage: what a hot read path may serve with no
 * transaction, lock or I/O. Implementations are thread-safe.
 */
public interface CachedBlobs {

  /** The blob if it is cached; empty means "take the full read path", not "unknown". */
  Optional<Blob> cached(BlobHash hash);
}
