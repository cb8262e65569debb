package dev.cachet.web.blob;

import dev.cachet.blob.StoredBlob;

/** {@code {"hash": "…", "size": N}}: the answer to a store request. */
public record BlobRef(String hash, long size) {

  static BlobRef of(StoredBlob stored) {
    return new BlobRef(stored.hash().hex(), stored.size());
  }
}
