package dev.cachet.frost;

/**
 * A participant's secret key share that is not the point its group's verifiable secret sharing
 * commitment promises (RFC 9591 Appendix D.2, vss_verify): the participant must not use it.
 */
public final class InvalidKeyShareException extends InvalidFrostInputException {

  InvalidKeyShareException(ParticipantId id) {
    super(
        "FROST_KEY_SHARE_MISMATCH",
        "the key share of participant "
            + id.value()
            + " does not match the group's verifiable secret sharing commitment");
  }
}
