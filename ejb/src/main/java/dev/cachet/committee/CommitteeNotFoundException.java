package dev.cachet.committee;

import dev.cachet.error.UnknownResourceException;

/** No committee is set for the epoch. */
public final class CommitteeNotFoundException extends UnknownResourceException {

  public CommitteeNotFoundException(long epoch) {
    super("COMMITTEE_NOT_FOUND", "no committee is set for epoch " + epoch);
  }
}
