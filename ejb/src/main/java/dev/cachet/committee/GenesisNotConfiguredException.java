package dev.cachet.committee;

import dev.cachet.error.InvalidRequestException;

/**
 * This node is a member of the committee but its genesis was not configured: it counts slots from
 * its own first start, and members must count the same slots.
 */
public final class GenesisNotConfiguredException extends InvalidRequestException {

  public GenesisNotConfiguredException() {
    super(
        "GENESIS_NOT_CONFIGURED",
        "this node is a member of the committee, so cachet.chain.genesis-time must be configured:"
            + " committee members must count the same slots");
  }
}
