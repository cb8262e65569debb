package dev.cachet.state;

import dev.cachet.error.TooLargeException;

/** A record or envelope larger than the vault accepts; checked before decoding. */
public class StateTooLargeException extends TooLargeException {

  public StateTooLargeException(long size, long max) {
    super("STATE_TOO_LARGE", "state of " + size + " bytes exceeds the limit of " + max + " bytes");
  }
}
