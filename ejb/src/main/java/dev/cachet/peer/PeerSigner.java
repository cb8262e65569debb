package dev.cachet.peer;

import dev.cachet.node.IdentityKey;

/** Signs this node's peer messages with its identity key. */
public interface PeerSigner {

  IdentityKey identityKey();

  /** The Ed25519 signature of {@code frame}, the bytes of {@link SignedFrame#encode}. */
  byte[] sign(byte[] frame);
}
