package dev.cachet.handoff;

import dev.cachet.committee.Member;
import java.util.Optional;
import java.util.function.Consumer;

/** The handoff's peer calls; each returns at once and reports later, never from inside the call. */
public interface HandoffTransport {

  void sendReady(Member to, ReadySignal signal, Items snapshot);

  void sendFreeze(Member to, FreezeCertificate freeze);

  void sendAttestation(Member to, HandoffStatement statement, Attestation attestation);

  /** Asks {@code from} for its certificate of {@code epoch}; empty if it has none or fails. */
  void fetchCertificate(Member from, long epoch, Consumer<Optional<HandoffCertificate>> done);
}
