package dev.cachet.keysign;

import dev.cachet.error.InvalidRequestException;

/** A keysign request or message that is malformed (400, with its own code). */
public final class InvalidKeysignException extends InvalidRequestException {

  public InvalidKeysignException(String code, String message) {
    super(code, message);
  }

  public InvalidKeysignException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
