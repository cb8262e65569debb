package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.PeerSigner;
import dev.cachet.peer.SignedFrame;
import java.util.Arrays;
import java.util.Objects;

/**
 * A member's one ready signal for epoch {@code epoch}: "I hold the snapshot whose digest is {@code
 * snapshotDigest}". Signed over the peer frame of kind {@code cachet/handoff-ready} whose body is
 * the 32-byte digest ({@link Items#digest()} of the snapshot's items).
 */
public record ReadySignal(long epoch, IdentityKey signer, Hash32 snapshotDigest, byte[] signature) {

  public ReadySignal {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(snapshotDigest, "snapshotDigest");
    signature = signature.clone();
  }

  static byte[] frame(long epoch, Hash32 digest) {
    return SignedFrame.encode(MessageKind.HANDOFF_READY, epoch, digest.bytes());
  }

  public static ReadySignal sign(long epoch, Hash32 digest, PeerSigner signer) {
    return new ReadySignal(epoch, signer.identityKey(), digest, signer.sign(frame(epoch, digest)));
  }

  public boolean verifies() {
    return Ed25519.verify(signer, frame(epoch, snapshotDigest), signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadySignal other
        && epoch == other.epoch
        && signer.equals(other.signer)
        && snapshotDigest.equals(other.snapshotDigest)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, signer, snapshotDigest) * 31 + Arrays.hashCode(signature);
  }
}
