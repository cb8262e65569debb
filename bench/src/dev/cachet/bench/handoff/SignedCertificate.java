package dev.cachet.bench.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.handoff.Attestation;
import dev.cachet.handoff.HandoffCertificate;
import dev.cachet.handoff.HandoffStatement;
import dev.cachet.handoff.Hash32;
import dev.cachet.handoff.Items;
import dev.cachet.handoff.KeySet;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A real certificate of epoch {@code EPOCH} by every member of a committee of {@code size}, stake 1
 * each, the same members in {@code EPOCH + 1}: Ed25519 identities from seeded random seeds ({@link
 * NodeIdentity}, the node's own signer), one metadata item per member (as when every member
 * announced), and each member's attestation signed over the statement's bytes.
 */
final class SignedCertificate {

  static final long EPOCH = 41;

  final List<NodeIdentity> identities;
  final Committee committee;
  final Committee next;
  final HandoffStatement statement;
  final HandoffCertificate certificate;

  private SignedCertificate(
      List<NodeIdentity> identities,
      Committee committee,
      Committee next,
      HandoffStatement statement,
      HandoffCertificate cert) {
    this.identities = List.copyOf(identities);
    this.committee = committee;
    this.next = next;
    this.statement = statement;
    this.certificate = cert;
  }

  static SignedCertificate of(int size, SplittableRandom random) {
    List<NodeIdentity> identities = new ArrayList<>(size);
    List<Member> members = new ArrayList<>(size);
    Map<IdentityKey, Hash32> blobs = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      NodeIdentity identity = identity(random);
      IdentityKey key = identity.publicKey();
      identities.add(identity);
      members.add(new Member("member-" + i, key, 1, URI.create("http://127.0.0.1:" + (9000 + i))));
      blobs.put(key, Hash32.blake2b(("metadata of member " + i).getBytes(StandardCharsets.UTF_8)));
    }
    Committee committee = Committee.of(EPOCH, members);
    Committee next = Committee.of(EPOCH + 1, members);
    HandoffStatement statement =
        new HandoffStatement(EPOCH, KeySet.hash(next), Items.metadata(blobs));
    byte[] signed = statement.signedBytes();
    List<Attestation> attestations = new ArrayList<>(size);
    for (NodeIdentity identity : identities) {
      attestations.add(new Attestation(identity.publicKey(), identity.sign(signed)));
    }
    HandoffCertificate certificate =
        new HandoffCertificate(statement, attestations, size, committee.totalStake());
    return new SignedCertificate(identities, committee, next, statement, certificate);
  }

  /** This certificate with one bit of the last signer's signature flipped. */
  HandoffCertificate withLastSignatureCorrupted() {
    List<Attestation> signatures = new ArrayList<>(certificate.signatures());
    Attestation last = signatures.get(signatures.size() - 1);
    byte[] bad = last.signature();
    bad[17] ^= 0x04;
    signatures.set(signatures.size() - 1, new Attestation(last.signer(), bad));
    return new HandoffCertificate(
        statement, signatures, certificate.signedStake(), certificate.totalStake());
  }

  /** The signer of the last signature, in the certificate's (sorted) order. */
  IdentityKey lastSigner() {
    List<Attestation> signatures = certificate.signatures();
    return signatures.get(signatures.size() - 1).signer();
  }

  /** A fresh identity from 32 random seed bytes, in the vault record's version-1 form. */
  private static NodeIdentity identity(SplittableRandom random) {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1;
    for (int i = 1; i < plaintext.length; i++) {
      plaintext[i] = (byte) random.nextInt(256);
    }
    return NodeIdentity.decode(plaintext);
  }
}
