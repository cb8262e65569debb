package dev.cachet.checkpoint;

import dev.cachet.committee.CheckpointDuty;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import dev.cachet.xmss.XmssEncodingException;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssPublicKey;
import dev.cachet.xmss.XmssSignature;
import dev.cachet.xmss.XmssVerifier;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Who signs what in a slot, checked against the committee's entries only: a non-last block proposal
 * with the proposer node's Ed25519 identity key; the checkpoint proposal with the proposer's
 * XMSS^MT proposal key at leaf {@code slot}; each attestation with the attester's XMSS^MT
 * attestation key at leaf {@code slot}. The bytes signed are {@link Domain#digest} of the canonical
 * encoding (docs/protocol.md, "Checkpoint attestation").
 *
 * <p>A duty key in the committee is RFC 8391's {@code OID || root || SEED}, which names its
 * parameter set; a key of a set without an OID (BouncyCastle writes it without) is read with the
 * committee's parameter set, the one every member's keys use ({@code fallback}).
 */
public final class CheckpointSignatures {

  private final java.util.function.Supplier<XmssParameters> fallback;

  public CheckpointSignatures(XmssParameters fallback) {
    this(() -> fallback);
  }

  /** With the committee's parameter set looked up when a key without an OID is read. */
  public CheckpointSignatures(java.util.function.Supplier<XmssParameters> fallback) {
    this.fallback = fallback;
  }

  /** The 32 bytes a block proposal's Ed25519 signature covers. */
  public static Bytes32 blockDigest(Block block) {
    return Domain.BLOCK_PROPOSAL.digest(block.encode());
  }

  /** The 32 bytes a checkpoint proposal's XMSS signature covers: its header and last block. */
  public static Bytes32 proposalDigest(CheckpointHeader header, Block lastBlock) {
    byte[] h = header.encode();
    byte[] b = lastBlock.encode();
    return Domain.CHECKPOINT_PROPOSAL.digest(
        ByteBuffer.allocate(h.length + b.length).put(h).put(b).array());
  }

  /** The 32 bytes an attestation's XMSS signature covers: the checkpoint header. */
  public static Bytes32 attestationDigest(CheckpointHeader header) {
    return Domain.CHECKPOINT_ATTESTATION.digest(header.encode());
  }

  /** Whether {@code signer} is the proposer of the block's slot and signed it. */
  public boolean blockSigned(
      Committee committee, Block block, IdentityKey signer, byte[] signature) {
    Optional<Member> proposer = committee.proposerOf(block.header().slot());
    return proposer.isPresent()
        && proposer.get().identityKey().equals(signer)
        && signedBy(block, signer, signature);
  }

  /** Whether {@code signer}'s identity key signed the block (whoever the slot's proposer is). */
  public static boolean signedBy(Block block, IdentityKey signer, byte[] signature) {
    return Ed25519.verify(signer, blockDigest(block).bytes(), signature);
  }

  /**
   * Whether the slot's proposer signed this checkpoint proposal with its proposal key at leaf slot.
   */
  public boolean proposalSigned(
      Committee committee, CheckpointHeader header, Block lastBlock, byte[] signature) {
    Optional<CheckpointDuty> duty = committee.proposerOf(header.slot()).flatMap(Member::duty);
    return duty.isPresent()
        && xmssSigned(
            duty.get().proposalKey(), header.slot(), proposalDigest(header, lastBlock), signature);
  }

  /** Whether validator {@code validatorIndex} of the committee attested the header at leaf slot. */
  public boolean attestationSigned(
      Committee committee, CheckpointHeader header, long validatorIndex, byte[] signature) {
    Optional<CheckpointDuty> duty =
        committee.validators().stream()
            .flatMap(m -> m.duty().stream())
            .filter(d -> d.validatorIndex() == validatorIndex)
            .findFirst();
    return duty.isPresent()
        && xmssSigned(
            duty.get().attestationKey(), header.slot(), attestationDigest(header), signature);
  }

  private boolean xmssSigned(byte[] key, long slot, Bytes32 digest, byte[] signature) {
    try {
      XmssPublicKey publicKey = publicKey(key);
      XmssParameters parameters = publicKey.parameters();
      if (signature.length != parameters.signatureLength()) {
        return false;
      }
      XmssSignature parsed = XmssSignature.fromRfcBytes(parameters, signature);
      return parsed.index() == slot && XmssVerifier.verify(publicKey, digest.bytes(), parsed);
    } catch (XmssEncodingException | IllegalArgumentException e) {
      return false;
    }
  }

  /** A committee's duty key, with the parameter set its OID names, or the fallback set. */
  XmssPublicKey publicKey(byte[] key) {
    if (key.length == 4 + 2 * XmssParameters.N) {
      int oid = ByteBuffer.wrap(key).getInt();
      XmssParameters named =
          XmssParameters.forRfcOid(oid)
              .orElseThrow(() -> new XmssEncodingException("no RFC 8391 set has OID " + oid));
      return XmssPublicKey.fromRfcBytes(named, key);
    }
    return XmssPublicKey.fromRfcBytes(fallback.get(), key);
  }
}
