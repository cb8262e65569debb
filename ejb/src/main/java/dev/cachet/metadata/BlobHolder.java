package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;

/** This node's blobs, as the metadata exchange sees them. */
public interface BlobHolder {

  boolean holds(BlobHash hash);

  /** Keeps {@code content}, whose hash the caller has checked is {@code hash}. */
  void store(BlobHash hash, byte[] content);
}
