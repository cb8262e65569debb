package dev.cachet.checkpoint;

import static dev.cachet.checkpoint.TestSigners.ed25519;
import static dev.cachet.checkpoint.TestSigners.ed25519Key;
import static dev.cachet.checkpoint.TestSigners.identity;
import static dev.cachet.checkpoint.TestSigners.seeds;
import static dev.cachet.checkpoint.TestSigners.xmss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.committee.CheckpointDuty;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.xmss.GeneratedKey;
import dev.cachet.xmss.XmssKeys;
import dev.cachet.xmss.XmssParameters;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint signatures are checked against the committee's entries only: the slot's proposer's
 * identity key for a block, its XMSS^MT proposal key at leaf {@code slot} for the checkpoint
 * proposal, and each validator's attestation key at leaf {@code slot} for its attestation; a
 * signature of another domain, leaf, signer or content does not verify.
 */
class CheckpointSignaturesTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);
  private static final long SLOT = 6; // proposer: the member at 6 mod 2 = 0
  private static final java.util.concurrent.Executor DIRECT = Runnable::run;

  @Test
  void eachSignatureVerifiesAgainstTheCommitteeAndNothingElse() {
    Ed25519PrivateKeyParameters idA = ed25519Key(1);
    Ed25519PrivateKeyParameters idB = ed25519Key(2);
    GeneratedKey propA = XmssKeys.generate(SMALL, seeds(11), SLOT, DIRECT);
    GeneratedKey attA = XmssKeys.generate(SMALL, seeds(12), SLOT, DIRECT);
    GeneratedKey propB = XmssKeys.generate(SMALL, seeds(13), SLOT, DIRECT);
    GeneratedKey attB = XmssKeys.generate(SMALL, seeds(14), SLOT, DIRECT);
    Member a = member("a", idA, 10, attA, propA);
    Member b = member("b", idB, 20, attB, propB);
    Committee committee = Committee.of(0, List.of(a, b));
    Member proposer = committee.proposerOf(SLOT).orElseThrow();
    boolean aProposes = proposer.identityKey().equals(identity(idA));
    Ed25519PrivateKeyParameters proposerId = aProposes ? idA : idB;
    Ed25519PrivateKeyParameters otherId = aProposes ? idB : idA;
    GeneratedKey proposerKey = aProposes ? propA : propB;
    GeneratedKey otherProposalKey = aProposes ? propB : propA;
    long proposerValidator = proposer.duty().orElseThrow().validatorIndex();

    List<Block> blocks = Chains.blocks(SLOT, Chains.genesisTip(), 2);
    CheckpointSignatures check = new CheckpointSignatures(SMALL);

    byte[] blockSig = ed25519(proposerId, CheckpointSignatures.blockDigest(blocks.get(0)).bytes());
    assertThat(check.blockSigned(committee, blocks.get(0), identity(proposerId), blockSig))
        .isTrue();
    byte[] byOther = ed25519(otherId, CheckpointSignatures.blockDigest(blocks.get(0)).bytes());
    assertThat(check.blockSigned(committee, blocks.get(0), identity(otherId), byOther))
        .as("not the slot's proposer")
        .isFalse();
    assertThat(check.blockSigned(committee, blocks.get(1), identity(proposerId), blockSig))
        .as("another block")
        .isFalse();
    assertThat(CheckpointSignatures.signedBy(blocks.get(0), identity(otherId), byOther))
        .as("signed by its signer, though not the proposer")
        .isTrue();
    assertThat(CheckpointSignatures.signedBy(blocks.get(0), identity(otherId), blockSig))
        .as("the proposer's signature under another signer")
        .isFalse();

    CheckpointHeader header = Chains.header(blocks);
    Block last = blocks.get(1);
    byte[] proposal =
        xmss(proposerKey, SLOT, CheckpointSignatures.proposalDigest(header, last).bytes());
    assertThat(check.proposalSigned(committee, header, last, proposal)).isTrue();
    byte[] wrongKey =
        xmss(otherProposalKey, SLOT, CheckpointSignatures.proposalDigest(header, last).bytes());
    assertThat(check.proposalSigned(committee, header, last, wrongKey)).isFalse();
    byte[] asAttestation =
        xmss(proposerKey, SLOT, CheckpointSignatures.attestationDigest(header).bytes());
    assertThat(check.proposalSigned(committee, header, last, asAttestation))
        .as("another domain")
        .isFalse();

    byte[] attestation = xmss(attA, SLOT, CheckpointSignatures.attestationDigest(header).bytes());
    assertThat(check.attestationSigned(committee, header, 10, attestation)).isTrue();
    assertThat(check.attestationSigned(committee, header, 20, attestation)).as("b's key").isFalse();
    assertThat(check.attestationSigned(committee, header, 99, attestation))
        .as("no such validator")
        .isFalse();
    byte[] otherLeaf = xmss(attA, SLOT + 1, CheckpointSignatures.attestationDigest(header).bytes());
    assertThat(check.attestationSigned(committee, header, 10, otherLeaf))
        .as("the leaf is the slot")
        .isFalse();
    assertThat(proposerValidator).isIn(10L, 20L);
  }

  private static Member member(
      String name,
      Ed25519PrivateKeyParameters id,
      long validator,
      GeneratedKey att,
      GeneratedKey prop) {
    return new Member(
        name,
        identity(id),
        1,
        URI.create("http://127.0.0.1:9000"),
        Optional.of(
            new CheckpointDuty(
                validator, att.publicKey().rfcBytes(), prop.publicKey().rfcBytes())));
  }
}
