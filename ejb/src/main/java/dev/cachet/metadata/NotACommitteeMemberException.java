package dev.cachet.metadata;

import dev.cachet.error.ConflictException;

/**
 * This node publishes metadata for an epoch in whose committee, and in the next one's, it is not:
 * its state conflicts with the request (409), unlike a peer's message from a non-member (403).
 */
public final class NotACommitteeMemberException extends ConflictException {

  public NotACommitteeMemberException(long epoch) {
    super(
        "NOT_A_MEMBER",
        "this node is a member of neither the committee of epoch "
            + epoch
            + " nor that of epoch "
            + (epoch + 1));
  }
}
