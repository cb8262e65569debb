package dev.cachet.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.committee.Committee;
import dev.cachet.node.NodeIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The aggregator counts each member of the epoch once, by stake: a second attestation from a signer
 * replaces and adds nothing, non-members and bad signatures count nothing, the certificate exists
 * exactly from the attestation that crosses the quorum, and offering the accepted attestations to a
 * new aggregator (a restart) rebuilds the same certificate. Stakes 40, 21, 20, 9 (total 90, quorum
 * 61).
 */
class AggregatorTest {

  private static final NodeIdentity A = Signers.identity(1);
  private static final NodeIdentity B = Signers.identity(2);
  private static final NodeIdentity C = Signers.identity(3);
  private static final NodeIdentity D = Signers.identity(4);
  private static final NodeIdentity OUTSIDER = Signers.identity(5);

  private static final Committee COMMITTEE =
      Signers.committee(7, Signers.stakes(A, 40, B, 21, C, 20, D, 9));
  private static final Committee NEXT =
      Signers.committee(8, Signers.stakes(B, 1, C, 1, OUTSIDER, 1));

  private static final HandoffStatement S1 =
      new HandoffStatement(
          7, KeySet.hash(NEXT), Signers.metadataOf(List.of(A.publicKey(), B.publicKey())));

  /** The same epoch and next committee, other items: what an equivocating member might sign. */
  private static final HandoffStatement S2 =
      new HandoffStatement(7, KeySet.hash(NEXT), Signers.metadataOf(List.of(A.publicKey())));

  @Test
  void aSecondAttestationBySignerAddsAndReplacesNothing() {
    Aggregator aggregator = new Aggregator(COMMITTEE);
    assertThat(aggregator.offer(S1, Signers.attest(A, S1))).isEqualTo(Aggregator.Outcome.ACCEPTED);
    assertThat(aggregator.offer(S1, Signers.attest(A, S1)))
        .as("the same again")
        .isEqualTo(Aggregator.Outcome.DUPLICATE);
    assertThat(aggregator.offer(S2, Signers.attest(A, S2)))
        .as("a valid signature over another statement")
        .isEqualTo(Aggregator.Outcome.DUPLICATE);
    assertThat(aggregator.stakeFor(S1)).isEqualTo(40);
    assertThat(aggregator.stakeFor(S2)).isZero();
    assertThat(aggregator.accepted()).containsExactly(Map.entry(S1, Signers.attest(A, S1)));

    // B, C and D attest S2: with A's second signature it would be 90; without, 50.
    for (NodeIdentity member : List.of(B, C, D)) {
      assertThat(aggregator.offer(S2, Signers.attest(member, S2)))
          .isEqualTo(Aggregator.Outcome.ACCEPTED);
    }
    assertThat(aggregator.stakeFor(S2)).isEqualTo(50);
    assertThat(aggregator.stakeFor(S1)).isEqualTo(40);
    assertThat(aggregator.certificate()).isEmpty();
  }

  @Test
  void nonMembersBadSignaturesAndOtherEpochsCountNothing() {
    Aggregator aggregator = new Aggregator(COMMITTEE);
    assertThat(aggregator.offer(S1, Signers.attest(OUTSIDER, S1)))
        .isEqualTo(Aggregator.Outcome.NOT_A_MEMBER);

    Attestation forged = new Attestation(A.publicKey(), B.sign(S1.signedBytes()));
    assertThat(aggregator.offer(S1, forged)).isEqualTo(Aggregator.Outcome.INVALID_SIGNATURE);
    Attestation overOther = new Attestation(A.publicKey(), A.sign(S2.signedBytes()));
    assertThat(aggregator.offer(S1, overOther)).isEqualTo(Aggregator.Outcome.INVALID_SIGNATURE);
    assertThat(aggregator.offer(S1, new Attestation(A.publicKey(), new byte[0])))
        .isEqualTo(Aggregator.Outcome.INVALID_SIGNATURE);

    HandoffStatement epoch8 = new HandoffStatement(8, S1.nextCommitteeKeySetHash(), S1.items());
    assertThat(aggregator.offer(epoch8, Signers.attest(B, epoch8)))
        .isEqualTo(Aggregator.Outcome.WRONG_EPOCH);

    assertThat(aggregator.accepted()).isEmpty();
    assertThat(aggregator.stakeFor(S1)).isZero();
    // A forgery in A's name did not take A's place: A's own attestation still counts.
    assertThat(aggregator.offer(S1, Signers.attest(A, S1))).isEqualTo(Aggregator.Outcome.ACCEPTED);
    assertThat(aggregator.offer(epoch8, Signers.attest(B, epoch8)))
        .as("B's refused attestation of another epoch did not spend B's")
        .isEqualTo(Aggregator.Outcome.WRONG_EPOCH);
    assertThat(aggregator.offer(S1, Signers.attest(B, S1))).isEqualTo(Aggregator.Outcome.ACCEPTED);
    assertThat(aggregator.stakeFor(S1)).isEqualTo(61);
  }

  @Test
  void theCertificateAppearsExactlyWhenTheQuorumIsCrossed() {
    Aggregator aggregator = new Aggregator(COMMITTEE);
    aggregator.offer(S1, Signers.attest(A, S1));
    assertThat(aggregator.certificate()).as("40").isEmpty();
    aggregator.offer(S1, Signers.attest(C, S1));
    assertThat(aggregator.certificate()).as("60: exactly two thirds").isEmpty();
    aggregator.offer(S1, Signers.attest(OUTSIDER, S1));
    assertThat(aggregator.certificate()).as("an outsider adds nothing").isEmpty();
    aggregator.offer(S1, Signers.attest(D, S1));

    Optional<HandoffCertificate> certificate = aggregator.certificate();
    assertThat(certificate).as("69").isPresent();
    HandoffCertificate minted = certificate.get();
    assertThat(minted.statement()).isEqualTo(S1);
    assertThat(minted.signedStake()).isEqualTo(69);
    assertThat(minted.totalStake()).isEqualTo(90);
    assertThat(minted.signatures())
        .extracting(Attestation::signer)
        .containsExactlyInAnyOrder(A.publicKey(), C.publicKey(), D.publicKey())
        .isSorted();
    assertThat(CertificateCheck.verify(minted, COMMITTEE, NEXT).valid()).isTrue();
  }

  @Test
  void aRestartRebuildsTheSameCertificateFromTheAcceptedAttestations() {
    Aggregator before = new Aggregator(COMMITTEE);
    before.offer(S1, Signers.attest(B, S1));
    before.offer(S2, Signers.attest(D, S2)); // D equivocates later: its first is S2
    before.offer(S1, Signers.attest(D, S1));
    before.offer(S1, Signers.attest(OUTSIDER, S1));
    before.offer(S1, Signers.attest(A, S1));
    HandoffCertificate minted = before.certificate().orElseThrow(); // A + B = 61

    List<Map.Entry<HandoffStatement, Attestation>> durable = before.accepted();
    assertThat(durable).hasSize(3);

    Aggregator after = rebuilt(durable);
    assertThat(after.certificate()).contains(minted);
    assertThat(after.stakeFor(S2)).isEqualTo(9);
    assertThat(after.accepted()).isEqualTo(durable);
    // D's second attestation is still refused after the restart.
    assertThat(after.offer(S1, Signers.attest(D, S1))).isEqualTo(Aggregator.Outcome.DUPLICATE);

    List<Map.Entry<HandoffStatement, Attestation>> reversed = new ArrayList<>(durable);
    Collections.reverse(reversed);
    assertThat(rebuilt(reversed).certificate()).as("in any order").contains(minted);
  }

  @Test
  void aQuorumCrossedAfterARestartStillMintsTheCertificate() {
    Aggregator before = new Aggregator(COMMITTEE);
    before.offer(S1, Signers.attest(A, S1));
    before.offer(S1, Signers.attest(D, S1));
    assertThat(before.certificate()).as("49").isEmpty();

    Aggregator after = rebuilt(before.accepted());
    assertThat(after.certificate()).isEmpty();
    assertThat(after.offer(S1, Signers.attest(A, S1))).isEqualTo(Aggregator.Outcome.DUPLICATE);
    assertThat(after.offer(S1, Signers.attest(C, S1))).isEqualTo(Aggregator.Outcome.ACCEPTED);
    HandoffCertificate certificate = after.certificate().orElseThrow();
    assertThat(certificate.signedStake()).isEqualTo(69);
    assertThat(CertificateCheck.verify(certificate, COMMITTEE, NEXT).valid()).isTrue();
  }

  @Test
  void twoStatementsEachBelowAQuorumMintNothing() {
    Aggregator aggregator = new Aggregator(COMMITTEE);
    aggregator.offer(S1, Signers.attest(A, S1));
    aggregator.offer(S1, Signers.attest(D, S1));
    aggregator.offer(S2, Signers.attest(B, S2));
    aggregator.offer(S2, Signers.attest(C, S2));
    assertThat(aggregator.stakeFor(S1)).isEqualTo(49);
    assertThat(aggregator.stakeFor(S2)).isEqualTo(41);
    assertThat(aggregator.accepted()).hasSize(4);
    assertThat(aggregator.certificate()).as("all 90 signed, but split").isEmpty();
  }

  private static Aggregator rebuilt(List<Map.Entry<HandoffStatement, Attestation>> durable) {
    Aggregator aggregator = new Aggregator(COMMITTEE);
    for (Map.Entry<HandoffStatement, Attestation> e : durable) {
      assertThat(aggregator.offer(e.getKey(), e.getValue())).isEqualTo(Aggregator.Outcome.ACCEPTED);
    }
    return aggregator;
  }
}
