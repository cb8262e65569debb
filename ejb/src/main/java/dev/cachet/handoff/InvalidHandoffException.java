package dev.cachet.handoff;

import dev.cachet.error.InvalidRequestException;

/** A handoff message or certificate that cannot be what it claims. */
public final class InvalidHandoffException extends InvalidRequestException {

  public InvalidHandoffException(String code, String message) {
    super(code, message);
  }
}
