package dev.cachet.blob;

import dev.cachet.error.UnknownResourceException;

/** No blob is stored under the hash. */
public class BlobNotFoundException extends UnknownResourceException {

  public BlobNotFoundException(BlobHash hash) {
    super("BLOB_NOT_FOUND", "no blob is stored under " + hash);
  }
}
