package dev.cachet.checkpoint.ejb;

import dev.cachet.checkpoint.CheckpointNode;
import dev.cachet.checkpoint.Tx;
import dev.cachet.checkpoint.wire.CheckpointJson;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.PeerSigner;
import dev.cachet.peer.SignedFrame;
import dev.cachet.peer.ejb.PeerCalls;
import dev.cachet.peer.ejb.PeerClient;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * The checkpoint messages to every other member, over HTTP in the peer message lane; a failed call
 * is only counted (a block or attestation that does not arrive is a missed block or attestation,
 * which the protocol tolerates). Relayed transactions are signed by this node over the peer frame
 * of kind {@code cachet/checkpoint-txs}.
 */
final class HttpCheckpointTransport {

  private final PeerClient client;
  private final PeerCalls calls;
  private final PeerSigner signer;
  private final LongSupplier epoch;

  HttpCheckpointTransport(
      PeerClient client, PeerCalls calls, PeerSigner signer, LongSupplier epoch) {
    this.client = client;
    this.calls = calls;
    this.signer = signer;
    this.epoch = epoch;
  }

  void broadcast(Committee committee, CheckpointNode.Message message) {
    String path;
    Object body;
    String what;
    if (message instanceof CheckpointNode.BlockMessage m) {
      path = CheckpointJson.BLOCKS;
      body = CheckpointJson.BlockJson.of(m);
      what = "checkpoint block";
    } else if (message instanceof CheckpointNode.ProposalMessage m) {
      path = CheckpointJson.PROPOSALS;
      body = CheckpointJson.ProposalJson.of(m);
      what = "checkpoint proposal";
    } else if (message instanceof CheckpointNode.AttestationMessage m) {
      path = CheckpointJson.ATTESTATIONS;
      body = CheckpointJson.AttestationJson.of(m);
      what = "checkpoint attestation";
    } else if (message instanceof CheckpointNode.Published m) {
      path = CheckpointJson.PUBLISHED;
      body = CheckpointJson.PublishedJson.of(m);
      what = "published checkpoint";
    } else {
      CheckpointNode.TxsMessage m = (CheckpointNode.TxsMessage) message;
      path = CheckpointJson.TXS;
      body = signedTxs(m);
      what = "checkpoint transactions";
    }
    IdentityKey self = signer.identityKey();
    for (Member member : committee.members()) {
      if (!member.identityKey().equals(self)) {
        calls.call(
            member,
            what,
            () -> client.postJson(member.url(), path, body, CheckpointJson.Taken.class),
            r -> {},
            null);
      }
    }
  }

  private CheckpointJson.TxsJson signedTxs(CheckpointNode.TxsMessage m) {
    long e = epoch.getAsLong();
    byte[] signature = signer.sign(SignedFrame.encode(MessageKind.CHECKPOINT_TXS, e, txsBody(m)));
    return new CheckpointJson.TxsJson(
        e,
        m.txs().stream().map(CheckpointJson.TxJson::of).toList(),
        signer.identityKey().hex(),
        HexFormat.of().formatHex(signature));
  }

  /** The frame's body of a relay: the transactions' encodings, concatenated. */
  static byte[] txsBody(CheckpointNode.TxsMessage m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Tx tx : m.txs()) {
      out.writeBytes(tx.encode());
    }
    return out.toByteArray();
  }
}
