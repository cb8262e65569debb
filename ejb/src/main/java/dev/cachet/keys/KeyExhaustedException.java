package dev.cachet.keys;

import dev.cachet.error.GoneException;

/** The slot is past the key's lifetime: the key can never sign it. */
public class KeyExhaustedException extends GoneException {

  public KeyExhaustedException(ValidatorKeyId id, long slot, long lifetime) {
    super(
        "KEY_EXHAUSTED",
        "the "
            + id
            + " is exhausted: its lifetime is "
            + lifetime
            + " slots, slot "
            + slot
            + " is past it; generate a new key");
  }
}
