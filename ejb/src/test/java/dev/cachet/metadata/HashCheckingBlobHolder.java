package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A node's blobs in memory. It fails the test, at once, if anything is stored under a hash that is
 * not the Blake2b-256 of its bytes, or if a hash's bytes would change.
 */
final class HashCheckingBlobHolder implements BlobHolder {

  private final Map<BlobHash, byte[]> blobs = new HashMap<>();

  @Override
  public boolean holds(BlobHash hash) {
    return blobs.containsKey(hash);
  }

  @Override
  public void store(BlobHash hash, byte[] content) {
    BlobHash actual = BlobHash.of(content);
    if (!actual.equals(hash)) {
      throw new AssertionError(
          "stored " + content.length + " bytes hashing to " + actual + " under " + hash);
    }
    blobs.putIfAbsent(hash, content.clone());
  }

  /** The bytes of {@code hash}, a copy, as the node's blob endpoint would serve them. */
  Optional<byte[]> get(BlobHash hash) {
    return Optional.ofNullable(blobs.get(hash)).map(byte[]::clone);
  }

  int size() {
    return blobs.size();
  }
}
