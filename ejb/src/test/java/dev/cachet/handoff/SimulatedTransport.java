package dev.cachet.handoff;

import dev.cachet.committee.Member;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An engine's transport: every call becomes a network event and returns at once, as the port
 * requires. What an honest node sends is shown to the ledger first, which checks that it never
 * sends a second ready signal or attestation.
 */
final class SimulatedTransport implements HandoffTransport {

  private final SimulatedNetwork network;
  private final SafetyLedger ledger;
  private final SimulatedNode node;

  SimulatedTransport(SimulatedNetwork network, SafetyLedger ledger, SimulatedNode node) {
    this.network = network;
    this.ledger = ledger;
    this.node = node;
  }

  @Override
  public void sendReady(Member to, ReadySignal signal, Items snapshot) {
    if (signal.signer().equals(node.key)) { // its own, not the leader's that it passes on
      ledger.readySent(node.name, signal);
    }
    network.send(node, to.identityKey(), new SimulatedNetwork.Ready(signal, snapshot));
  }

  @Override
  public void sendFreeze(Member to, FreezeCertificate freeze) {
    network.send(node, to.identityKey(), new SimulatedNetwork.Freeze(freeze));
  }

  @Override
  public void sendAttestation(Member to, HandoffStatement statement, Attestation attestation) {
    ledger.attestationSent(node.name, statement);
    network.send(node, to.identityKey(), new SimulatedNetwork.Attest(statement, attestation));
  }

  @Override
  public void fetchCertificate(
      Member from, long epoch, Consumer<Optional<HandoffCertificate>> done) {
    network.fetch(node, from.identityKey(), epoch, done);
  }
}
