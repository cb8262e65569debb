package dev.cachet.state;

import dev.cachet.error.ConflictException;

/** A durable marker ("this was consumed") is recorded already: the operation must not repeat. */
public class MarkerExistsException extends ConflictException {

  public MarkerExistsException(String marker) {
    super("MARKER_EXISTS", "'" + marker + "' was consumed already");
  }
}
