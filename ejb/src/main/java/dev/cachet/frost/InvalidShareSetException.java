package dev.cachet.frost;

/**
 * The signature shares handed to the coordinator do not match the signing package: a signer's share
 * is missing, a share comes from a participant that did not commit, a participant sent two, or a
 * participant's batch has the wrong number of shares. Nothing is aggregated.
 */
public final class InvalidShareSetException extends InvalidFrostInputException {

  private InvalidShareSetException(String code, String message) {
    super(code, message);
  }

  static InvalidShareSetException missing(ParticipantId id) {
    return new InvalidShareSetException(
        "FROST_SHARE_MISSING", "no signature shares from signer " + id.value());
  }

  static InvalidShareSetException fromNonSigner(ParticipantId id) {
    return new InvalidShareSetException(
        "FROST_SHARE_FROM_NON_SIGNER",
        "participant " + id.value() + " sent signature shares but is not in the commitment list");
  }

  static InvalidShareSetException duplicate(ParticipantId id) {
    return new InvalidShareSetException(
        "FROST_DUPLICATE_SHARE", "participant " + id.value() + " sent signature shares twice");
  }

  static InvalidShareSetException batchLength(ParticipantId id, int expected, int actual) {
    return new InvalidShareSetException(
        "FROST_BATCH_LENGTH_MISMATCH",
        "participant "
            + id.value()
            + " sent "
            + actual
            + " signature shares for "
            + expected
            + " messages");
  }
}
