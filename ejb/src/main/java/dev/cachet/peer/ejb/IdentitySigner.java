package dev.cachet.peer.ejb;

import dev.cachet.node.IdentityKey;
import dev.cachet.node.ejb.NodeIdentityBean;
import dev.cachet.peer.PeerSigner;

/** Signs peer messages with the node's identity, through its bean (the READ lock). */
public record IdentitySigner(NodeIdentityBean identity, IdentityKey key) implements PeerSigner {

  @Override
  public IdentityKey identityKey() {
    return key;
  }

  @Override
  public byte[] sign(byte[] frame) {
    return identity.sign(frame);
  }
}
