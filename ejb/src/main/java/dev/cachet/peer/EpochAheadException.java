package dev.cachet.peer;

import dev.cachet.error.InvalidRequestException;

/** A peer message of an epoch beyond the next one. */
public final class EpochAheadException extends InvalidRequestException {

  public EpochAheadException(long epoch, long current) {
    super(
        "EPOCH_AHEAD",
        "epoch "
            + epoch
            + " is beyond the next: this node is in epoch "
            + current
            + " and takes up to "
            + (current + 1));
  }
}
