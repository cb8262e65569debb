package dev.cachet.frost;

/**
 * A signing package (the messages and the commitment list of RFC 9591 §5.2) that a participant or
 * the coordinator refuses. The code says which rule it breaks.
 */
public final class InvalidSigningPackageException extends InvalidFrostInputException {

  private InvalidSigningPackageException(String code, String message) {
    super(code, message);
  }

  static InvalidSigningPackageException unsorted(ParticipantId previous, ParticipantId next) {
    return new InvalidSigningPackageException(
        "FROST_COMMITMENTS_UNSORTED",
        "the commitment list must be sorted by identifier: "
            + next.value()
            + " follows "
            + previous.value());
  }

  static InvalidSigningPackageException duplicate(ParticipantId id) {
    return new InvalidSigningPackageException(
        "FROST_DUPLICATE_IDENTIFIER",
        "participant " + id.value() + " appears more than once in the commitment list");
  }

  static InvalidSigningPackageException tooFewSigners(int signers, int minSigners) {
    return new InvalidSigningPackageException(
        "FROST_TOO_FEW_SIGNERS",
        "the commitment list names " + signers + " signers; the group needs " + minSigners);
  }

  static InvalidSigningPackageException notASigner(ParticipantId id) {
    return new InvalidSigningPackageException(
        "FROST_SIGNER_NOT_IN_PACKAGE",
        "participant " + id.value() + " is not in the commitment list");
  }

  static InvalidSigningPackageException commitmentMismatch(ParticipantId id) {
    return new InvalidSigningPackageException(
        "FROST_COMMITMENT_MISMATCH",
        "the commitments listed for participant "
            + id.value()
            + " are not the ones it made in round one");
  }

  static InvalidSigningPackageException batchLength(int expected, int actual) {
    return new InvalidSigningPackageException(
        "FROST_BATCH_LENGTH_MISMATCH",
        "expected commitments for " + expected + " messages, got " + actual);
  }

  static InvalidSigningPackageException suiteMismatch(Ciphersuite expected, Ciphersuite actual) {
    return new InvalidSigningPackageException(
        "FROST_SUITE_MISMATCH",
        "expected ciphersuite " + expected.name() + ", got " + actual.name());
  }

  static InvalidSigningPackageException identityCommitment() {
    return new InvalidSigningPackageException(
        "FROST_GROUP_COMMITMENT_IDENTITY",
        "the commitments add up to the identity element; the session must be restarted");
  }
}
