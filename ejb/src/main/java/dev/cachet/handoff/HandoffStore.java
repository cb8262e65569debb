package dev.cachet.handoff;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the handoff keeps durably, so that a restart re-sends the same signals and rebuilds its
 * aggregator. Every "keep" is insert-if-absent and returns what is kept: a member's own ready
 * signal and attestation are written once, ever, before they are sent.
 */
public interface HandoffStore {

  /** This node's ready signal for the epoch: {@code signal} if it had none, else the one kept. */
  ReadySignal keepOwnReady(ReadySignal signal, Items snapshot);

  Optional<ReadySignal> ownReady(long epoch);

  /** The snapshot this node's ready signal was for. */
  Optional<Items> ownSnapshot(long epoch);

  /** The epoch's freeze: {@code freeze} if it had none, else the one kept. */
  FreezeCertificate keepFreeze(FreezeCertificate freeze);

  Optional<FreezeCertificate> freeze(long epoch);

  /** This node's attestation: {@code attestation} if it had none, else the one kept. */
  Attestation keepOwnAttestation(HandoffStatement statement, Attestation attestation);

  Optional<Attestation> ownAttestation(long epoch);

  /** An accepted attestation of a member (its first for the epoch). */
  void keepAttestation(HandoffStatement statement, Attestation attestation);

  /** Every accepted attestation of the epoch, with its statement. */
  List<Map.Entry<HandoffStatement, Attestation>> attestations(long epoch);

  /** The epoch's certificate: {@code certificate} if it had none, else the one kept. */
  HandoffCertificate keepCertificate(HandoffCertificate certificate);

  Optional<HandoffCertificate> certificate(long epoch);

  /** The latest epoch with a certificate. */
  OptionalLong latestCertified();
}
