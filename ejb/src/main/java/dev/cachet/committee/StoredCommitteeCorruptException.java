package dev.cachet.committee;

import dev.cachet.error.CorruptStateException;

/**
 * The stored committee of an epoch does not decode, or decodes to another epoch: the node cannot
 * trust it, and leaves the row as it is for the operator to examine.
 */
public final class StoredCommitteeCorruptException extends CorruptStateException {

  public StoredCommitteeCorruptException(long epoch, String why) {
    super("COMMITTEE_CORRUPT", "the stored committee of epoch " + epoch + " is corrupt: " + why);
  }
}
