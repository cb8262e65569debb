package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import dev.cachet.peer.PeerSigner;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated node: its identity, its durable store, its view of the announcements and its own
 * (somewhat wrong) clock, which outlive its handoff engine; the engine itself, present only while
 * the node is up. Each start is a new incarnation, so a reply meant for an engine that has since
 * died is not given to its successor.
 */
final class SimulatedNode {

  final int index;
  final String name;
  final boolean honest;
  final PeerSigner signer;
  final IdentityKey key;
  final InMemoryHandoffStore store;
  final SimulatedInputs inputs;
  final Clock clock;
  long downAfterWriteCrash;
  private HandoffEngine engine;
  private int incarnation;

  SimulatedNode(
      int index,
      boolean honest,
      NodeIdentity identity,
      InMemoryHandoffStore store,
      SimulatedInputs inputs,
      Clock clock) {
    this.index = index;
    this.name = (honest ? "m" : "byz") + index;
    this.honest = honest;
    this.signer = new IdentitySigner(identity);
    this.key = signer.identityKey();
    this.store = store;
    this.inputs = inputs;
    this.clock = clock;
  }

  boolean up() {
    return engine != null;
  }

  HandoffEngine engine() {
    return engine;
  }

  int incarnation() {
    return incarnation;
  }

  void started(HandoffEngine engine) {
    incarnation++;
    this.engine = engine;
  }

  void crashed() {
    incarnation++;
    engine = null;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Signs with the node's identity. Ed25519 is deterministic (RFC 8032), so a signature made once
   * is the signature: the cache only spares the time of making it again.
   */
  private static final class IdentitySigner implements PeerSigner {
    private final NodeIdentity identity;
    private final IdentityKey key;
    private final Map<ByteBuffer, byte[]> signed = new HashMap<>();

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
      return signed
          .computeIfAbsent(ByteBuffer.wrap(frame.clone()), f -> identity.sign(frame))
          .clone();
    }
  }
}
