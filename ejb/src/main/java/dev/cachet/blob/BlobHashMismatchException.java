package dev.cachet.blob;

import dev.cachet.error.InvalidRequestException;

/** Bytes pushed under a hash they do not hash to; nothing was stored. */
public class BlobHashMismatchException extends InvalidRequestException {

  public BlobHashMismatchException(BlobHash expected, BlobHash actual) {
    super(
        "HASH_MISMATCH",
        "the body hashes to " + actual + ", not to " + expected + "; nothing was stored");
  }
}
