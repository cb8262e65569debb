package dev.cachet.state;

import dev.cachet.error.ConflictException;

/**
 * A record is older in the database than this node has seen it: the database looks restored from an
 * older backup. Using it could repeat a signature, so it is refused until the operator accepts the
 * rollback deliberately.
 */
public class StateRollbackException extends ConflictException {

  public StateRollbackException(String record, long stored, long highWater) {
    super(
        "STATE_ROLLBACK",
        "state record '"
            + record
            + "' is at generation "
            + stored
            + (stored == 0 ? " (absent)" : "")
            + " in the database but this node wrote generation "
            + highWater
            + ": the database looks restored from an older backup. If that is deliberate, restart"
            + " once with cachet.state.accept-rollback=true to accept the stored generations.");
  }
}
