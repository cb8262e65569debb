package dev.cachet.blob;

import java.util.Objects;

/** The answer to a store request: the blob's id and size, and whether this request stored it. */
public record StoredBlob(BlobHash hash, long size, boolean created) {

  public StoredBlob {
    Objects.requireNonNull(hash, "hash");
  }
}
