package dev.cachet.blob;

import dev.cachet.error.InvalidRequestException;

/** A blob id that is not 64 lowercase hex characters. */
public class InvalidBlobHashException extends InvalidRequestException {

  public InvalidBlobHashException() {
    super("INVALID_HASH", "a blob hash is 64 lowercase hex characters (Blake2b-256)");
  }
}
