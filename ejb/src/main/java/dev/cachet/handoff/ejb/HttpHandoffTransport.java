package dev.cachet.handoff.ejb;

import dev.cachet.committee.Member;
import dev.cachet.handoff.Attestation;
import dev.cachet.handoff.FreezeCertificate;
import dev.cachet.handoff.HandoffCertificate;
import dev.cachet.handoff.HandoffStatement;
import dev.cachet.handoff.HandoffTransport;
import dev.cachet.handoff.Items;
import dev.cachet.handoff.ReadySignal;
import dev.cachet.handoff.wire.HandoffJson;
import dev.cachet.peer.ejb.PeerCalls;
import dev.cachet.peer.ejb.PeerClient;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The handoff's peer calls over HTTP, through the peer client, each run by {@link PeerCalls}; a
 * failed call is only counted (the engine sends again).
 */
final class HttpHandoffTransport implements HandoffTransport {

  static final String READY = "api/v1/peer/handoff/ready";
  static final String FREEZE = "api/v1/peer/handoff/freeze";
  static final String ATTESTATIONS = "api/v1/peer/handoff/attestations";

  private final PeerClient client;
  private final PeerCalls calls;

  HttpHandoffTransport(PeerClient client, PeerCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  @Override
  public void sendReady(Member to, ReadySignal signal, Items snapshot) {
    HandoffJson.ReadyMessage message = HandoffJson.ReadyMessage.of(signal, snapshot);
    call(
        to,
        "ready",
        () -> client.postJson(to.url(), READY, message, HandoffJson.Taken.class),
        r -> {},
        null);
  }

  @Override
  public void sendFreeze(Member to, FreezeCertificate freeze) {
    HandoffJson.FreezeMessage message = HandoffJson.FreezeMessage.of(freeze);
    call(
        to,
        "freeze",
        () -> client.postJson(to.url(), FREEZE, message, HandoffJson.Taken.class),
        r -> {},
        null);
  }

  @Override
  public void sendAttestation(Member to, HandoffStatement statement, Attestation attestation) {
    HandoffJson.AttestationMessage message =
        HandoffJson.AttestationMessage.of(statement, attestation);
    call(
        to,
        "attestation",
        () -> client.postJson(to.url(), ATTESTATIONS, message, HandoffJson.Taken.class),
        r -> {},
        null);
  }

  @Override
  public void fetchCertificate(
      Member from, long epoch, Consumer<Optional<HandoffCertificate>> done) {
    call(
        from,
        "certificate",
        () ->
            Optional.of(
                client
                    .getJson(
                        from.url(),
                        "api/v1/handoff/certificates/" + epoch,
                        HandoffJson.CertificateJson.class)
                    .toCertificate()),
        done,
        Optional.empty());
  }

  private <T> void call(Member peer, String what, Supplier<T> request, Consumer<T> done, T failed) {
    calls.call(peer, what, request, done, failed);
  }
}
