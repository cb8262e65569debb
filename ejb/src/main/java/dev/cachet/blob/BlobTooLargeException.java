package dev.cachet.blob;

import dev.cachet.error.TooLargeException;

/** A blob body over {@code cachet.blob.max-size}; nothing was stored. */
public class BlobTooLargeException extends TooLargeException {

  public BlobTooLargeException(long maxSize) {
    super("BLOB_TOO_LARGE", "a blob is at most " + maxSize + " bytes (cachet.blob.max-size)");
  }
}
