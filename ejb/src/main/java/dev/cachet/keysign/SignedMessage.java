package dev.cachet.keysign;

import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import dev.cachet.peer.InvalidSignatureException;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.PeerSigner;
import dev.cachet.peer.SignedFrame;
import java.util.Objects;

/**
 * A keysign message as it travels: its kind, the sender's epoch, the sender and its Ed25519
 * signature over the peer frame of the kind, epoch and canonical body ({@link KeysignWire}).
 */
public record SignedMessage(
    MessageKind kind, long epoch, IdentityKey signer, byte[] body, byte[] signature) {

  public SignedMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(signer, "signer");
    body = body.clone();
    signature = signature.clone();
  }

  public static SignedMessage sign(MessageKind kind, long epoch, byte[] body, PeerSigner signer) {
    return new SignedMessage(
        kind,
        epoch,
        signer.identityKey(),
        body,
        signer.sign(SignedFrame.encode(kind, epoch, body)));
  }

  /**
   * @throws InvalidSignatureException unless the signature is the signer's over the frame
   */
  public SignedMessage verified() {
    if (!Ed25519.verify(signer, SignedFrame.encode(kind, epoch, body), signature)) {
      throw new InvalidSignatureException("the " + kind.tag() + " message");
    }
    return this;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
