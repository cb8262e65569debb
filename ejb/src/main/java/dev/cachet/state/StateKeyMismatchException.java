package dev.cachet.state;

import dev.cachet.error.ConflictException;

/**
 * A record is encrypted under a key this node does not have. Names both key ids, never a key. The
 * record is left untouched: provide the old key as the decrypt-only previous key to load it (its
 * next write re-encrypts it under the current key).
 */
public class StateKeyMismatchException extends ConflictException {

  public StateKeyMismatchException(String record, String envelopeKeyId, String availableKeyIds) {
    super(
        "STATE_KEY_MISMATCH",
        "state record '"
            + record
            + "' is encrypted under key "
            + envelopeKeyId
            + " but this node has "
            + availableKeyIds
            + "; configure that key as the previous key (CACHET_STATE_PREVIOUS_KEY_HEX,"
            + " cachet.state.previous-key-file or cachet.state.previous-key-command)");
  }
}
