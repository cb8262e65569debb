package dev.cachet.keys;

import dev.cachet.error.GoneException;

/** The operator retired the key: it signs nothing any more. */
public class KeyRetiredException extends GoneException {

  public KeyRetiredException(ValidatorKeyId id) {
    super("KEY_RETIRED", "the " + id + " was retired");
  }
}
