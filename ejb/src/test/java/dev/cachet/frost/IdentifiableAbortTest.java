package dev.cachet.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The coordinator verifies every share before aggregating (RFC 9591 §5.3) and names the signers
 * whose shares are invalid (§5.4); shares that do not fit the package are refused outright.
 */
class IdentifiableAbortTest {

  private final DealtKeys keys = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 3, 5, 77);
  private final Coordinator coordinator = new Coordinator(keys.group());
  private final List<Message> messages = Sessions.messages(3, 77);
  private final List<RoundOneState> states = Sessions.roundOne(keys, Sessions.ids(1, 3, 4), 3, 77);
  private final SigningPackage signingPackage =
      coordinator.signingPackage(messages, Sessions.commitments(states));
  private final List<SignatureShares> shares =
      states.stream().map(s -> s.sign(signingPackage)).toList();

  @Test
  void namesTheSignerWhoseShareIsCorrupted() {
    List<SignatureShares> tampered = new ArrayList<>(shares);
    tampered.set(1, corrupt(shares.get(1), 2));

    assertThatThrownBy(() -> coordinator.aggregate(signingPackage, tampered))
        .isInstanceOfSatisfying(
            InvalidSignatureShareException.class,
            e -> {
              assertThat(e.code()).isEqualTo("PEER_FAULT");
              assertThat(e.peers()).containsExactly("participant 3");
              assertThat(e.culprits()).containsExactly(new ParticipantId(3));
              assertThat(e.invalidShares()).isEqualTo(Map.of(new ParticipantId(3), List.of(2)));
            });
  }

  @Test
  void namesEveryMisbehavingSignerAndEveryBadMessage() {
    List<SignatureShares> tampered = new ArrayList<>(shares);
    tampered.set(0, corrupt(corrupt(shares.get(0), 0), 1));
    tampered.set(2, corrupt(shares.get(2), 1));

    assertThatThrownBy(() -> coordinator.aggregate(signingPackage, tampered))
        .isInstanceOfSatisfying(
            InvalidSignatureShareException.class,
            e ->
                assertThat(e.invalidShares())
                    .isEqualTo(
                        Map.of(
                            new ParticipantId(1), List.of(0, 1),
                            new ParticipantId(4), List.of(1))));
  }

  @Test
  void sharesCopiedFromAnotherSignerAreAttributedToTheCopier() {
    // Participant 4 sends participant 1's valid shares as its own.
    List<SignatureShares> swapped =
        List.of(
            shares.get(0),
            shares.get(1),
            new SignatureShares(new ParticipantId(4), shares.get(0).shares()));

    assertThatThrownBy(() -> coordinator.aggregate(signingPackage, swapped))
        .isInstanceOfSatisfying(
            InvalidSignatureShareException.class,
            e -> assertThat(e.culprits()).containsExactly(new ParticipantId(4)));
  }

  @Test
  void aShareForAnotherMessageOfTheBatchIsInvalid() {
    List<Scalar> reordered = new ArrayList<>(shares.get(2).shares());
    Collections.swap(reordered, 0, 2);
    List<SignatureShares> tampered =
        List.of(shares.get(0), shares.get(1), new SignatureShares(new ParticipantId(4), reordered));

    assertThatThrownBy(() -> coordinator.aggregate(signingPackage, tampered))
        .isInstanceOfSatisfying(
            InvalidSignatureShareException.class,
            e ->
                assertThat(e.invalidShares())
                    .isEqualTo(Map.of(new ParticipantId(4), List.of(0, 2))));
  }

  @Test
  void refusesWhenASignerInTheListSentNoShare() {
    assertShareSetCode(
        () -> coordinator.aggregate(signingPackage, shares.subList(0, 2)), "FROST_SHARE_MISSING");
  }

  @Test
  void refusesSharesFromAParticipantThatDidNotCommit() {
    List<SignatureShares> extra = new ArrayList<>(shares);
    extra.add(new SignatureShares(new ParticipantId(5), shares.get(0).shares()));
    assertShareSetCode(
        () -> coordinator.aggregate(signingPackage, extra), "FROST_SHARE_FROM_NON_SIGNER");
  }

  @Test
  void refusesTwoSetsOfSharesFromOneSigner() {
    List<SignatureShares> twice = new ArrayList<>(shares);
    twice.add(shares.get(0));
    assertShareSetCode(() -> coordinator.aggregate(signingPackage, twice), "FROST_DUPLICATE_SHARE");
  }

  @Test
  void refusesABatchOfSharesOfTheWrongLength() {
    List<SignatureShares> shortBatch =
        List.of(
            shares.get(0),
            shares.get(1),
            new SignatureShares(new ParticipantId(4), shares.get(2).shares().subList(0, 2)));
    assertShareSetCode(
        () -> coordinator.aggregate(signingPackage, shortBatch), "FROST_BATCH_LENGTH_MISMATCH");
  }

  @Test
  void aggregatesTheHonestShares() {
    List<Signature> signatures = coordinator.aggregate(signingPackage, shares);
    for (int k = 0; k < messages.size(); k++) {
      assertThat(keys.groupPublicKey().verify(messages.get(k), signatures.get(k))).isTrue();
    }
  }

  /** The same shares with the one of message {@code index} increased by one. */
  private static SignatureShares corrupt(SignatureShares original, int index) {
    List<Scalar> changed = new ArrayList<>(original.shares());
    Scalar share = changed.get(index);
    BigInteger order = share.suite().order();
    changed.set(index, Scalar.of(share.suite(), share.value().add(BigInteger.ONE).mod(order)));
    return new SignatureShares(original.id(), changed);
  }

  private static void assertShareSetCode(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidShareSetException.class)
        .extracting("code")
        .isEqualTo(code);
  }
}
