package dev.cachet.peer;

import dev.cachet.error.ForbiddenException;
import dev.cachet.node.IdentityKey;

/** A peer message signed by a node that is not a member of the committees it may speak in. */
public final class NotAMemberException extends ForbiddenException {

  public NotAMemberException(IdentityKey signer, String committees) {
    super("NOT_A_MEMBER", signer + " is not a member of " + committees);
  }
}
