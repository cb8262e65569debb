package dev.cachet.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.committee.Committee;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validity rules of a handoff certificate (docs/protocol.md, "Epoch handoff"), one case each,
 * over a committee of unequal stakes: 40, 21, 20 and 9, total 90, so a quorum is at least 61 and 60
 * is exactly two thirds.
 */
class CertificateCheckTest {

  private static final NodeIdentity A = Signers.identity(1);
  private static final NodeIdentity B = Signers.identity(2);
  private static final NodeIdentity C = Signers.identity(3);
  private static final NodeIdentity D = Signers.identity(4);

  /** A joiner: a member of epoch 8, not of 7. */
  private static final NodeIdentity E = Signers.identity(5);

  private static final Committee COMMITTEE =
      Signers.committee(7, Signers.stakes(A, 40, B, 21, C, 20, D, 9));
  private static final Committee NEXT =
      Signers.committee(8, Signers.stakes(B, 30, C, 20, D, 10, E, 5));

  private static HandoffStatement statement(long epoch, Committee next) {
    return new HandoffStatement(
        epoch,
        KeySet.hash(next),
        Signers.metadataOf(
            List.of(A.publicKey(), B.publicKey(), C.publicKey(), D.publicKey(), E.publicKey())));
  }

  private static final HandoffStatement STATEMENT = statement(7, NEXT);

  private static HandoffCertificate certificate(
      HandoffStatement statement, NodeIdentity... signers) {
    List<Attestation> attestations = new ArrayList<>();
    List<IdentityKey> keys = new ArrayList<>();
    for (NodeIdentity signer : signers) {
      attestations.add(Signers.attest(signer, statement));
      keys.add(signer.publicKey());
    }
    return new HandoffCertificate(
        statement, attestations, COMMITTEE.stakeOf(keys), COMMITTEE.totalStake());
  }

  private static CertificateCheck.Verdict verify(HandoffCertificate certificate) {
    return CertificateCheck.verify(certificate, COMMITTEE, NEXT);
  }

  @Test
  void theExamplesStakesAreWhatTheCasesAssume() {
    assertThat(COMMITTEE.totalStake()).isEqualTo(90);
    assertThat(COMMITTEE.quorum().quorumStake()).isEqualTo(61);
  }

  @Test
  void aCertificateOfAQuorumIsValid() {
    CertificateCheck.Verdict verdict = verify(certificate(STATEMENT, A, B, C, D));
    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.reason()).isEmpty();
    assertThat(verify(certificate(STATEMENT, D, B, A)).valid()).as("any order given").isTrue();
  }

  @Test
  void exactlyTwoThirdsOfTheStakeIsNotAQuorumAndOneUnitMoreIs() {
    CertificateCheck.Verdict twoThirds = verify(certificate(STATEMENT, A, C)); // 40 + 20 = 60
    assertThat(twoThirds.valid()).isFalse();
    assertThat(twoThirds.reason()).hasValueSatisfying(r -> assertThat(r).contains("60 of 90"));
    assertThat(verify(certificate(STATEMENT, A, B)).valid()).as("40 + 21 = 61").isTrue();
    assertThat(verify(certificate(STATEMENT, B, C, D)).valid()).as("21 + 20 + 9 = 50").isFalse();
  }

  @Test
  void aForgedSignatureIsInvalid() {
    HandoffCertificate honest = certificate(STATEMENT, A, B, C);
    List<Attestation> forged = new ArrayList<>(honest.signatures());
    Attestation a = forged.stream().filter(x -> x.signer().equals(A.publicKey())).findFirst().get();
    byte[] flipped = a.signature();
    flipped[10] ^= 1;
    forged.set(forged.indexOf(a), new Attestation(A.publicKey(), flipped));
    assertInvalid(
        new HandoffCertificate(STATEMENT, forged, 81, 90), "signature of " + A.publicKey());

    // B's genuine signature, claimed as A's.
    List<Attestation> misattributed = new ArrayList<>(honest.signatures());
    misattributed.set(
        misattributed.indexOf(a), new Attestation(A.publicKey(), B.sign(STATEMENT.signedBytes())));
    assertInvalid(new HandoffCertificate(STATEMENT, misattributed, 81, 90), "does not verify");

    // Signatures over other items do not verify over these.
    HandoffStatement otherItems =
        new HandoffStatement(7, KeySet.hash(NEXT), Signers.metadataOf(List.of(A.publicKey())));
    List<Attestation> overOther = certificate(otherItems, A, B, C).signatures();
    assertInvalid(new HandoffCertificate(STATEMENT, overOther, 81, 90), "does not verify");

    // A malformed signature is refused, not thrown on.
    List<Attestation> truncated = new ArrayList<>(honest.signatures());
    truncated.set(truncated.indexOf(a), new Attestation(A.publicKey(), new byte[63]));
    assertInvalid(new HandoffCertificate(STATEMENT, truncated, 81, 90), "does not verify");
  }

  @Test
  void aCertificateOfAnotherEpochIsInvalid() {
    // Signed correctly, but for epoch 8: not a certificate of epoch 7.
    assertInvalid(certificate(statement(8, NEXT), A, B, C, D), "epoch 8");

    // Epoch 7's signatures under a statement that claims epoch 8 do not verify, whatever the
    // committee.
    HandoffCertificate honest = certificate(STATEMENT, A, B, C, D);
    HandoffCertificate relabelled =
        new HandoffCertificate(statement(8, NEXT), honest.signatures(), 90, 90);
    Committee asIfEpoch8 = Signers.committee(8, Signers.stakes(A, 40, B, 21, C, 20, D, 9));
    Committee nextAsIf9 = Signers.committee(9, Signers.stakes(B, 30, C, 20, D, 10, E, 5));
    CertificateCheck.Verdict verdict = CertificateCheck.verify(relabelled, asIfEpoch8, nextAsIf9);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).hasValueSatisfying(r -> assertThat(r).contains("does not verify"));
  }

  @Test
  void aSignerTwiceIsInvalidEvenWhenTheOthersAreAQuorum() {
    HandoffCertificate honest = certificate(STATEMENT, A, B);
    List<Attestation> twice = new ArrayList<>(honest.signatures());
    twice.add(Signers.attest(A, STATEMENT));
    assertInvalid(new HandoffCertificate(STATEMENT, twice, 101, 90), "appears twice");

    // Counted twice, A and C would be 100: a quorum only by the duplicate.
    List<Attestation> inflated = new ArrayList<>(certificate(STATEMENT, A, C).signatures());
    inflated.add(Signers.attest(A, STATEMENT));
    assertInvalid(new HandoffCertificate(STATEMENT, inflated, 100, 90), "appears twice");
  }

  @Test
  void aNonMemberSignerIsInvalidEvenWhenTheMembersAreAQuorum() {
    List<Attestation> withOutsider = new ArrayList<>(certificate(STATEMENT, A, B).signatures());
    withOutsider.add(Signers.attest(E, STATEMENT)); // a member of 8, not of 7
    assertInvalid(
        new HandoffCertificate(STATEMENT, withOutsider, 61, 90),
        E.publicKey() + " is not a member of epoch 7");
  }

  @Test
  void aWrongNextKeySetIsInvalid() {
    // Signed by everyone, but naming a next committee without the joiner.
    Committee withoutJoiner = Signers.committee(8, Signers.stakes(B, 30, C, 20, D, 10));
    assertInvalid(certificate(statement(7, withoutJoiner), A, B, C, D), "nextCommitteeKeySetHash");
    // Against that committee, the honest certificate is the wrong one.
    CertificateCheck.Verdict verdict =
        CertificateCheck.verify(certificate(STATEMENT, A, B, C, D), COMMITTEE, withoutJoiner);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).hasValueSatisfying(r -> assertThat(r).contains("next"));
    // A next committee of another epoch is not the next committee.
    Committee sameKeysEpoch9 = Signers.committee(9, Signers.stakes(B, 30, C, 20, D, 10, E, 5));
    assertThat(
            CertificateCheck.verify(certificate(STATEMENT, A, B, C, D), COMMITTEE, sameKeysEpoch9)
                .valid())
        .isFalse();
  }

  @Test
  void theKeySetHashCoversTheKeysOnly() {
    // The same keys with other stakes, names and URLs: the same key set.
    Committee restaked = Signers.committee(8, Signers.stakes(E, 1, D, 2, C, 3, B, 4));
    assertThat(KeySet.hash(restaked)).isEqualTo(KeySet.hash(NEXT));
    assertThat(
            CertificateCheck.verify(certificate(STATEMENT, A, B, C, D), COMMITTEE, restaked)
                .valid())
        .isTrue();
  }

  @Test
  void theMintersStakeFiguresAreNotTrusted() {
    // A and C hold 60: claiming 61 does not make it a quorum.
    HandoffCertificate claimed =
        new HandoffCertificate(STATEMENT, certificate(STATEMENT, A, C).signatures(), 61, 90);
    assertInvalid(claimed, "60 of 90");
  }

  @Test
  void signaturesAreSortedBySigner() {
    HandoffCertificate certificate = certificate(STATEMENT, D, C, B, A);
    List<IdentityKey> signers = certificate.signatures().stream().map(Attestation::signer).toList();
    assertThat(signers).isSorted().hasSize(4);
    List<String> hex = signers.stream().map(IdentityKey::hex).toList();
    assertThat(hex).isSorted();
  }

  private static void assertInvalid(HandoffCertificate certificate, String reason) {
    CertificateCheck.Verdict verdict = verify(certificate);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).hasValueSatisfying(r -> assertThat(r).contains(reason));
  }
}
