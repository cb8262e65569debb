package dev.cachet.checkpoint.ejb;

import dev.cachet.checkpoint.CheckpointNode;
import dev.cachet.checkpoint.InvalidCheckpointMessageException;
import dev.cachet.checkpoint.Tx;
import dev.cachet.checkpoint.wire.CheckpointJson;
import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import dev.cachet.peer.EpochWindow;
import dev.cachet.peer.InvalidSignatureException;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.NotAMemberException;
import dev.cachet.peer.SignedFrame;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Checks a relay of transactions: its epoch, its signer a member, its signature over the frame. */
final class HttpCheckpointRelay {

  /** The most transactions one relay carries. */
  static final int MAX_TXS = 1000;

  private HttpCheckpointRelay() {}

  static List<Tx> verified(CheckpointJson.TxsJson relay, CommitteeDirectory committees) {
    if (relay.epoch() == null
        || relay.txs() == null
        || relay.signer() == null
        || relay.signature() == null) {
      throw new InvalidCheckpointMessageException("a relay has epoch, txs, signer and signature");
    }
    if (relay.txs().isEmpty() || relay.txs().size() > MAX_TXS) {
      throw new InvalidCheckpointMessageException(
          "a relay carries 1 to " + MAX_TXS + " transactions");
    }
    EpochWindow.check(relay.epoch(), committees.currentEpoch());
    IdentityKey signer = IdentityKey.parse(relay.signer());
    boolean member =
        committees.find(relay.epoch()).map(c -> c.contains(signer)).orElse(false)
            || committees
                .find(relay.epoch() + 1)
                .map((Committee c) -> c.contains(signer))
                .orElse(false);
    if (!member) {
      throw new NotAMemberException(
          signer, "the committees of epochs " + relay.epoch() + " and " + (relay.epoch() + 1));
    }
    List<Tx> txs = new ArrayList<>();
    for (CheckpointJson.TxJson t : relay.txs()) {
      if (t == null) {
        throw new InvalidCheckpointMessageException("a transaction is {from, to, amount, nonce}");
      }
      txs.add(t.toTx());
    }
    byte[] signature;
    try {
      signature = HexFormat.of().parseHex(relay.signature());
    } catch (IllegalArgumentException e) {
      throw new InvalidSignatureException("the relay");
    }
    byte[] frame =
        SignedFrame.encode(
            MessageKind.CHECKPOINT_TXS,
            relay.epoch(),
            HttpCheckpointTransport.txsBody(new CheckpointNode.TxsMessage(txs)));
    if (!Ed25519.verify(signer, frame, signature)) {
      throw new InvalidSignatureException("the relay");
    }
    return txs;
  }
}
