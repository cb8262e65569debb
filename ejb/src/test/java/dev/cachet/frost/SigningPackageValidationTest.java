package dev.cachet.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The commitment list and identifier rules of RFC 9591 §4.3 and §5: sorted, distinct, non-zero
 * identifiers of the group, enough signers, and each signer's own commitments in it. Every refusal
 * is typed and leaves the signer's nonces unused.
 */
class SigningPackageValidationTest {

  private final DealtKeys keys = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 3, 5, 42);
  private final Coordinator coordinator = new Coordinator(keys.group());
  private final List<RoundOneState> states = Sessions.roundOne(keys, Sessions.ids(1, 2, 4), 2, 42);
  private final List<BatchCommitments> commitments = Sessions.commitments(states);
  private final List<Message> messages = Sessions.messages(2, 42);

  @Test
  void refusesIdentifierZero() {
    assertCode(
        () -> new ParticipantId(0), InvalidIdentifierException.class, "FROST_INVALID_IDENTIFIER");
    byte[] zero = new byte[32];
    assertCode(
        () -> ParticipantId.decode(Ciphersuites.SECP256K1_SHA256, zero),
        InvalidIdentifierException.class,
        "FROST_INVALID_IDENTIFIER");
  }

  @Test
  void refusesIdentifiersOutsideTheGroup() {
    BatchCommitments outsider = renamed(commitments.get(2), 6);
    List<BatchCommitments> list = List.of(commitments.get(0), commitments.get(1), outsider);

    assertCode(
        () -> coordinator.signingPackage(messages, list),
        InvalidIdentifierException.class,
        "FROST_INVALID_IDENTIFIER");
    SigningPackage forged = new SigningPackage(messages, list);
    assertCode(
        () -> states.get(0).sign(forged),
        InvalidIdentifierException.class,
        "FROST_INVALID_IDENTIFIER");
    assertThat(states.get(0).consumed()).isFalse();
    byte[] tooLarge = BigInteger.valueOf(ParticipantId.MAX + 1L).toByteArray();
    byte[] encoded = new byte[32];
    System.arraycopy(tooLarge, 0, encoded, 32 - tooLarge.length, tooLarge.length);
    assertCode(
        () -> ParticipantId.decode(Ciphersuites.SECP256K1_SHA256, encoded),
        InvalidIdentifierException.class,
        "FROST_INVALID_IDENTIFIER");
  }

  @Test
  void refusesAnUnsortedCommitmentList() {
    List<BatchCommitments> unsorted =
        List.of(commitments.get(1), commitments.get(0), commitments.get(2));

    assertPackageCode(() -> new SigningPackage(messages, unsorted), "FROST_COMMITMENTS_UNSORTED");
    // The coordinator sorts what it receives; a received package is never re-sorted.
    assertThat(coordinator.signingPackage(messages, unsorted).signers())
        .containsExactlyElementsOf(Sessions.ids(1, 2, 4));
  }

  @Test
  void refusesADuplicatedIdentifier() {
    List<BatchCommitments> twice =
        List.of(commitments.get(0), commitments.get(1), commitments.get(1));
    assertPackageCode(() -> new SigningPackage(messages, twice), "FROST_DUPLICATE_IDENTIFIER");
    assertPackageCode(
        () -> coordinator.signingPackage(messages, twice), "FROST_DUPLICATE_IDENTIFIER");
    // Another commitment under an identifier already listed is a duplicate too.
    BatchCommitments impostor = renamed(commitments.get(2), 2);
    assertPackageCode(
        () ->
            coordinator.signingPackage(
                messages, List.of(commitments.get(0), commitments.get(1), impostor)),
        "FROST_DUPLICATE_IDENTIFIER");
  }

  @Test
  void refusesFewerSignersThanTheThreshold() {
    List<BatchCommitments> two = commitments.subList(0, 2);
    assertPackageCode(() -> coordinator.signingPackage(messages, two), "FROST_TOO_FEW_SIGNERS");
    SigningPackage forged = new SigningPackage(messages, two);
    assertPackageCode(() -> states.get(0).sign(forged), "FROST_TOO_FEW_SIGNERS");
    assertPackageCode(() -> coordinator.aggregate(forged, List.of()), "FROST_TOO_FEW_SIGNERS");
    assertPackageCode(() -> new SigningPackage(messages, List.of()), "FROST_TOO_FEW_SIGNERS");
  }

  @Test
  void aSignerRefusesAListThatDoesNotNameIt() {
    RoundOneState third = Sessions.roundOne(keys, Sessions.ids(5), 2, 43).get(0);
    SigningPackage withoutFive = coordinator.signingPackage(messages, commitments);

    assertPackageCode(() -> third.sign(withoutFive), "FROST_SIGNER_NOT_IN_PACKAGE");
    assertThat(third.consumed()).isFalse();
  }

  @Test
  void aSignerRefusesAListWithOtherCommitmentsUnderItsIdentifier() {
    RoundOneState other = Sessions.roundOne(keys, Sessions.ids(1), 2, 44).get(0);
    List<BatchCommitments> replaced = new ArrayList<>(commitments);
    replaced.set(0, other.commitments());
    SigningPackage signingPackage = coordinator.signingPackage(messages, replaced);

    assertPackageCode(() -> states.get(0).sign(signingPackage), "FROST_COMMITMENT_MISMATCH");
    assertThat(states.get(0).consumed()).isFalse();
  }

  @Test
  void aSignerRefusesAPackageWithAnotherNumberOfMessages() {
    RoundOneState single = Sessions.roundOne(keys, Sessions.ids(1), 1, 45).get(0);
    List<RoundOneState> two = Sessions.roundOne(keys, Sessions.ids(2, 4), 1, 45);
    List<BatchCommitments> list = new ArrayList<>(Sessions.commitments(two));
    list.add(0, single.commitments());
    SigningPackage oneMessage = coordinator.signingPackage(messages.subList(0, 1), list);

    assertPackageCode(() -> states.get(0).sign(oneMessage), "FROST_BATCH_LENGTH_MISMATCH");
    assertThat(states.get(0).consumed()).isFalse();
    assertPackageCode(
        () -> coordinator.signingPackage(messages.subList(0, 1), commitments),
        "FROST_BATCH_LENGTH_MISMATCH");
  }

  @Test
  void refusesCommitmentsOfAnotherSuite() {
    DealtKeys p256 = Sessions.deal(Ciphersuites.P256_SHA256, 3, 5, 42);
    List<BatchCommitments> foreign =
        Sessions.commitments(Sessions.roundOne(p256, Sessions.ids(1, 2, 4), 2, 42));

    assertPackageCode(() -> coordinator.signingPackage(messages, foreign), "FROST_SUITE_MISMATCH");
    List<BatchCommitments> mixed = List.of(commitments.get(0), foreign.get(1), commitments.get(2));
    assertPackageCode(() -> new SigningPackage(messages, mixed), "FROST_SUITE_MISMATCH");
  }

  @Test
  void refusesEmptyAndOversizedBatches() {
    assertCode(
        () -> new SigningPackage(List.of(), commitments),
        InvalidParametersException.class,
        "FROST_INVALID_PARAMETERS");
    Signer signer = new Signer(keys.keyPackage(new ParticipantId(1)), Sessions.seeded(1));
    assertCode(
        () -> signer.commit(0), InvalidParametersException.class, "FROST_INVALID_PARAMETERS");
    assertCode(
        () -> signer.commit(SigningPackage.MAX_MESSAGES + 1),
        InvalidParametersException.class,
        "FROST_INVALID_PARAMETERS");
    assertCode(
        () -> Message.of(new byte[Message.MAX_LENGTH + 1]),
        InvalidParametersException.class,
        "FROST_INVALID_PARAMETERS");
  }

  private static BatchCommitments renamed(BatchCommitments c, int id) {
    return new BatchCommitments(new ParticipantId(id), c.commitments());
  }

  private static void assertPackageCode(ThrowingCallable call, String code) {
    assertCode(call, InvalidSigningPackageException.class, code);
  }

  private static void assertCode(
      ThrowingCallable call, Class<? extends Throwable> type, String code) {
    assertThatThrownBy(call).isInstanceOf(type).extracting("code").isEqualTo(code);
  }
}
