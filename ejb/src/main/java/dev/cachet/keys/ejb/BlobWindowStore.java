package dev.cachet.keys.ejb;

import dev.cachet.blob.BlobHash;
import dev.cachet.blob.BlobNotFoundException;
import dev.cachet.blob.ejb.BlobStoreBean;
import dev.cachet.keys.WindowStore;
import java.util.Optional;

/** Prepared windows in the node's blob store: public bytes under their Blake2b-256 hash. */
final class BlobWindowStore implements WindowStore {

  private final BlobStoreBean blobs;

  BlobWindowStore(BlobStoreBean blobs) {
    this.blobs = blobs;
  }

  @Override
  public String store(byte[] window) {
    return blobs.put(window).hash().hex();
  }

  @Override
  public Optional<byte[]> fetch(String hash) {
    try {
      return Optional.of(blobs.get(BlobHash.parse(hash)).bytes());
    } catch (BlobNotFoundException e) {
      return Optional.empty();
    }
  }
}
