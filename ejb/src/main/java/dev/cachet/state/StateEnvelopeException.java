package dev.cachet.state;

import dev.cachet.error.CorruptStateException;

/**
 * Stored state that cannot be opened as it is: an unknown schema or algorithm, a malformed
 * envelope, or one that fails authentication. Corrupt stored state: nothing is overwritten, the
 * record stays as it was for the operator to examine, and the vault reports it until it opens
 * again.
 */
public class StateEnvelopeException extends CorruptStateException {

  public StateEnvelopeException(String code, String message) {
    super(code, message);
  }

  public StateEnvelopeException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }

  static StateEnvelopeException unknownSchema(int version) {
    return new StateEnvelopeException(
        "STATE_SCHEMA_UNKNOWN", "unknown state envelope schema version " + version);
  }

  static StateEnvelopeException unknownAlgorithm(String algorithm) {
    return new StateEnvelopeException(
        "STATE_ALGORITHM_UNKNOWN", "unknown state envelope algorithm '" + algorithm + "'");
  }

  static StateEnvelopeException malformed(String why) {
    return new StateEnvelopeException(
        "STATE_ENVELOPE_MALFORMED", "malformed state envelope: " + why);
  }

  static StateEnvelopeException authenticationFailed(String record, long generation) {
    return new StateEnvelopeException(
        "STATE_AUTHENTICATION_FAILED",
        "state record '"
            + record
            + "' generation "
            + generation
            + " failed authentication: it was altered, moved from another record, or rolled back");
  }
}
