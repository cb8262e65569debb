package dev.cachet.blob;

import java.time.Instant;
import java.util.Objects;

/** What is known of a stored blob without its content. */
public record BlobInfo(BlobHash hash, long size, Instant storedAt) {

  public BlobInfo {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(storedAt, "storedAt");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
