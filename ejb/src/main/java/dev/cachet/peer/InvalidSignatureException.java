package dev.cachet.peer;

import dev.cachet.error.InvalidRequestException;

/** A peer message whose signature is not its signer's over its bytes. */
public final class InvalidSignatureException extends InvalidRequestException {

  public InvalidSignatureException(String what) {
    super("INVALID_SIGNATURE", "the signature of " + what + " does not verify");
  }
}
