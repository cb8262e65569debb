package dev.cachet.metadata;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import dev.cachet.peer.PeerSigner;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Node identities, signers and committees for the metadata tests, all derived from seeds. */
final class TestNodes {

  private TestNodes() {}

  /** The identity whose Ed25519 seed is drawn from {@code random}. */
  static NodeIdentity identity(SplittableRandom random) {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1; // the identity record's version
    for (int i = 1; i < plaintext.length; i++) {
      plaintext[i] = (byte) random.nextInt(256);
    }
    return NodeIdentity.decode(plaintext);
  }

  static NodeIdentity identity(long seed) {
    return identity(new SplittableRandom(seed));
  }

  /** A member on its own host (named after its key): members are distinct servers. */
  static Member member(String name, IdentityKey key, long stake, int port) {
    return new Member(
        name, key, stake, URI.create("http://n" + key.hex().substring(0, 12) + ".test:" + port));
  }

  /** A node's signer: its identity key, computed once, and its identity's signatures. */
  static final class IdentitySigner implements PeerSigner {
    private final NodeIdentity identity;
    private final IdentityKey key;

    IdentitySigner(NodeIdentity identity) {
      this.identity = identity;
      this.key = identity.publicKey();
    }

    @Override
    public IdentityKey identityKey() {
      return key;
    }

    @Override
    public byte[] sign(byte[] frame) {
      return identity.sign(frame);
    }
  }

  /** Committees that do not change, and an epoch that does not move. */
  record FixedCommittees(long currentEpoch, Map<Long, Committee> byEpoch)
      implements CommitteeDirectory {

    FixedCommittees {
      byEpoch = Map.copyOf(byEpoch);
    }

    @Override
    public Optional<Committee> find(long epoch) {
      return Optional.ofNullable(byEpoch.get(epoch));
    }
  }
}
