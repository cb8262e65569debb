package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A node's durable handoff store: it outlives the node's engine, as a database outlives a process.
 * Every keep is insert-if-absent, as the port says. It can be told to crash the process at its n-th
 * write, before or after the write lands, which is how a simulated node dies in the middle of a
 * step; and it tells a watcher what was frozen and certified, so invariants are checked at the
 * moment state becomes durable.
 */
final class InMemoryHandoffStore implements HandoffStore {

  /** What the store reports as it keeps it. */
  interface Watch {
    void frozen(FreezeCertificate kept);

    void certified(HandoffCertificate kept);
  }

  /** What a write keeps. */
  enum Write {
    OWN_READY,
    FREEZE,
    OWN_ATTESTATION,
    ATTESTATION,
    CERTIFICATE
  }

  /** The process dies at a store write. */
  static final class Crash extends RuntimeException {
    Crash() {
      super("simulated crash at a store write", null, false, false);
    }
  }

  private final Watch watch;
  private final Map<Long, ReadySignal> ownReady = new HashMap<>();
  private final Map<Long, Items> ownSnapshot = new HashMap<>();
  private final Map<Long, FreezeCertificate> freezes = new HashMap<>();
  private final Map<Long, Attestation> ownAttestation = new HashMap<>();
  private final Map<Long, Map<IdentityKey, Map.Entry<HandoffStatement, Attestation>>> accepted =
      new HashMap<>();
  private final TreeMap<Long, HandoffCertificate> certificates = new TreeMap<>();
  private int writesUntilCrash;
  private Write crashAt;
  private boolean crashAfterWrite;

  InMemoryHandoffStore(Watch watch) {
    this.watch = watch;
  }

  /**
   * The process dies at the {@code nth} write from now (1 = the next) that keeps {@code what} (any
   * write if null), before or after the write lands.
   */
  void crashAtWrite(Write what, int nth, boolean afterWrite) {
    crashAt = what;
    writesUntilCrash = nth;
    crashAfterWrite = afterWrite;
  }

  void disarm() {
    writesUntilCrash = 0;
  }

  private void write(Write what, Runnable change) {
    boolean crash =
        writesUntilCrash > 0 && (crashAt == null || crashAt == what) && --writesUntilCrash == 0;
    if (crash && !crashAfterWrite) {
      throw new Crash();
    }
    change.run();
    if (crash) {
      throw new Crash();
    }
  }

  @Override
  public ReadySignal keepOwnReady(ReadySignal signal, Items snapshot) {
    write(
        Write.OWN_READY,
        () -> {
          if (ownReady.putIfAbsent(signal.epoch(), signal) == null) {
            ownSnapshot.put(signal.epoch(), snapshot);
          }
        });
    return ownReady.get(signal.epoch());
  }

  @Override
  public Optional<ReadySignal> ownReady(long epoch) {
    return Optional.ofNullable(ownReady.get(epoch));
  }

  @Override
  public Optional<Items> ownSnapshot(long epoch) {
    return Optional.ofNullable(ownSnapshot.get(epoch));
  }

  @Override
  public FreezeCertificate keepFreeze(FreezeCertificate freeze) {
    write(
        Write.FREEZE,
        () -> {
          if (freezes.putIfAbsent(freeze.epoch(), freeze) == null) {
            watch.frozen(freeze);
          }
        });
    return freezes.get(freeze.epoch());
  }

  @Override
  public Optional<FreezeCertificate> freeze(long epoch) {
    return Optional.ofNullable(freezes.get(epoch));
  }

  @Override
  public Attestation keepOwnAttestation(HandoffStatement statement, Attestation attestation) {
    write(Write.OWN_ATTESTATION, () -> ownAttestation.putIfAbsent(statement.epoch(), attestation));
    return ownAttestation.get(statement.epoch());
  }

  @Override
  public Optional<Attestation> ownAttestation(long epoch) {
    return Optional.ofNullable(ownAttestation.get(epoch));
  }

  @Override
  public void keepAttestation(HandoffStatement statement, Attestation attestation) {
    write(
        Write.ATTESTATION,
        () ->
            accepted
                .computeIfAbsent(statement.epoch(), e -> new LinkedHashMap<>())
                .putIfAbsent(attestation.signer(), Map.entry(statement, attestation)));
  }

  @Override
  public List<Map.Entry<HandoffStatement, Attestation>> attestations(long epoch) {
    return new ArrayList<>(accepted.getOrDefault(epoch, Map.of()).values());
  }

  @Override
  public HandoffCertificate keepCertificate(HandoffCertificate certificate) {
    write(
        Write.CERTIFICATE,
        () -> {
          if (certificates.putIfAbsent(certificate.epoch(), certificate) == null) {
            watch.certified(certificate);
          }
        });
    return certificates.get(certificate.epoch());
  }

  @Override
  public Optional<HandoffCertificate> certificate(long epoch) {
    return Optional.ofNullable(certificates.get(epoch));
  }

  @Override
  public OptionalLong latestCertified() {
    return certificates.isEmpty() ? OptionalLong.empty() : OptionalLong.of(certificates.lastKey());
  }
}
