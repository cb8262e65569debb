package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deterministic identities, committees and attestations for the handoff tests. */
final class Signers {

  private Signers() {}

  /** The identity whose 32-byte Ed25519 seed is {@code n} repeated. */
  static NodeIdentity identity(int n) {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1; // NodeIdentity's record version
    Arrays.fill(plaintext, 1, plaintext.length, (byte) n);
    return NodeIdentity.decode(plaintext);
  }

  /** The key of 32 bytes {@code b}: a committee member that never signs. */
  static IdentityKey key(int b) {
    byte[] bytes = new byte[IdentityKey.LENGTH];
    Arrays.fill(bytes, (byte) b);
    return IdentityKey.of(bytes);
  }

  static Member member(IdentityKey key, long stake) {
    return new Member(
        "m-" + key.hex().substring(0, 8), key, stake, URI.create("http://127.0.0.1:9001"));
  }

  /** The committee of {@code epoch} whose members are the identities with their stakes. */
  static Committee committee(long epoch, Map<NodeIdentity, Long> stakes) {
    List<Member> members = new ArrayList<>();
    stakes.forEach((id, stake) -> members.add(member(id.publicKey(), stake)));
    return Committee.of(epoch, members);
  }

  static Map<NodeIdentity, Long> stakes(Object... identityThenStake) {
    Map<NodeIdentity, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < identityThenStake.length; i += 2) {
      out.put((NodeIdentity) identityThenStake[i], ((Number) identityThenStake[i + 1]).longValue());
    }
    return out;
  }

  static Attestation attest(NodeIdentity signer, HandoffStatement statement) {
    return new Attestation(signer.publicKey(), signer.sign(statement.signedBytes()));
  }

  /** The metadata items of {@code members}, each with the hash of a blob naming it. */
  static Items metadataOf(List<IdentityKey> members) {
    Map<IdentityKey, Hash32> blobs = new LinkedHashMap<>();
    for (IdentityKey key : members) {
      blobs.put(key, Hash32.blake2b(("metadata of " + key).getBytes(StandardCharsets.US_ASCII)));
    }
    return Items.metadata(blobs);
  }
}
