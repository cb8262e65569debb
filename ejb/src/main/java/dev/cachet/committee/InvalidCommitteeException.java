package dev.cachet.committee;

import dev.cachet.error.InvalidRequestException;

/** A committee that cannot be: no members, too many, a key twice, a stake or URL not valid. */
public final class InvalidCommitteeException extends InvalidRequestException {

  public InvalidCommitteeException(String message) {
    super("INVALID_COMMITTEE", message);
  }
}
