package dev.cachet.keys;

import dev.cachet.error.ConflictException;

/** The validator already has a live key of that role; retire it first. */
public class KeyExistsException extends ConflictException {

  public KeyExistsException(ValidatorKeyId id, KeyState state) {
    super(
        "KEY_EXISTS",
        "the "
            + id
            + " exists already ("
            + state
            + "); retire it (DELETE) before creating another one");
  }
}
