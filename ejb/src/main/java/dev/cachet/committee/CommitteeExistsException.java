package dev.cachet.committee;

import dev.cachet.error.ConflictException;

/** The epoch already has a different committee: history is not rewritten. */
public final class CommitteeExistsException extends ConflictException {

  public CommitteeExistsException(long epoch) {
    super(
        "COMMITTEE_EXISTS",
        "epoch " + epoch + " already has a different committee; a committee is never replaced");
  }
}
