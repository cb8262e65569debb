package dev.cachet.frost;

import dev.cachet.error.InvalidRequestException;

/**
 * Base of every refusal of FROST input: something a peer, a coordinator or a caller supplied
 * violates RFC 9591's validation rules or this package's encodings. Nothing was changed: in
 * particular, no nonce was consumed.
 */
public abstract class InvalidFrostInputException extends InvalidRequestException {

  protected InvalidFrostInputException(String code, String message) {
    super(code, message);
  }

  protected InvalidFrostInputException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
