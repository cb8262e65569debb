package dev.cachet.keys;

import dev.cachet.error.UnknownResourceException;

/** No key of that validator and role on this node. */
public class KeyNotFoundException extends UnknownResourceException {

  public KeyNotFoundException(ValidatorKeyId id) {
    super("KEY_NOT_FOUND", "this node holds no " + id);
  }
}
