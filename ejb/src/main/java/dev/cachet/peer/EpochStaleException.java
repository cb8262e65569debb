package dev.cachet.peer;

import dev.cachet.error.GoneException;

/** A peer message of an epoch older than the previous one: its protocol is over. */
public final class EpochStaleException extends GoneException {

  public EpochStaleException(long epoch, long current) {
    super(
        "EPOCH_STALE",
        "epoch "
            + epoch
            + " is over: this node is in epoch "
            + current
            + " and takes "
            + Math.max(0, current - 1)
            + " and later");
  }
}
