package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The safety invariants, checked the moment state becomes durable or leaves an honest node: (1) no
 * two honest nodes freeze different sets, and every freeze kept is valid; (2) no two certificates
 * of one epoch certify different statements, across every node's store (minting nodes may hold
 * different sets of signatures of the same statement); (3) every certificate kept verifies against
 * committees {@code e} and {@code e + 1}; and an honest member sends at most one ready signal and
 * one attestation per epoch. Byzantine members keep no store, so everything kept is kept by an
 * honest node.
 */
final class SafetyLedger {

  private final Committee committee;
  private final Committee next;
  private final EventQueue time;
  private final List<String> violations = new ArrayList<>();
  private Items frozen;
  private String frozenBy;
  private HandoffStatement certified;
  private String certifiedBy;
  private final Set<FreezeCertificate> validFreezes = new HashSet<>();
  private final Set<HandoffCertificate> validCertificates = new HashSet<>();
  private final Map<String, Hash32> readySent = new HashMap<>();
  private final Map<String, HandoffStatement> attestationSent = new HashMap<>();

  SafetyLedger(Committee committee, Committee next, EventQueue time) {
    this.committee = committee;
    this.next = next;
    this.time = time;
  }

  /** What a node's store reports, checked as it is kept. */
  InMemoryHandoffStore.Watch watch(String node) {
    return new InMemoryHandoffStore.Watch() {
      @Override
      public void frozen(FreezeCertificate kept) {
        SafetyLedger.this.frozen(node, kept);
      }

      @Override
      public void certified(HandoffCertificate kept) {
        SafetyLedger.this.certified(node, kept);
      }
    };
  }

  private void frozen(String node, FreezeCertificate freeze) {
    if (!validFreezes.contains(freeze)) {
      Optional<String> invalid = freeze.invalidity(committee);
      if (invalid.isPresent()) {
        violation("(1) " + node + " kept a freeze that is not valid: " + invalid.get());
      }
      validFreezes.add(freeze);
    }
    if (frozen == null) {
      frozen = freeze.snapshot();
      frozenBy = node;
    } else if (!frozen.equals(freeze.snapshot())) {
      violation("(1) " + node + " froze a set other than " + frozenBy + "'s");
    }
  }

  private void certified(String node, HandoffCertificate certificate) {
    if (!validCertificates.contains(certificate)) {
      CertificateCheck.Verdict verdict = CertificateCheck.verify(certificate, committee, next);
      if (!verdict.valid()) {
        violation("(3) " + node + " kept a certificate that is not valid: " + verdict.reason());
      }
      validCertificates.add(certificate);
    }
    if (certified == null) {
      certified = certificate.statement();
      certifiedBy = node;
    } else if (!certified.equals(certificate.statement())) {
      violation("(2) " + node + " certified a statement other than " + certifiedBy + "'s");
    }
  }

  /** An honest member's ready signal leaves it. */
  void readySent(String node, ReadySignal signal) {
    Hash32 before = readySent.putIfAbsent(node, signal.snapshotDigest());
    if (before != null && !before.equals(signal.snapshotDigest())) {
      violation(node + " sent a second ready signal, for another snapshot");
    }
  }

  /** An honest member's attestation leaves it. */
  void attestationSent(String node, HandoffStatement statement) {
    if (statement == null) {
      violation(node + " sent an attestation without its statement");
      return;
    }
    HandoffStatement before = attestationSent.putIfAbsent(node, statement);
    if (before != null && !before.equals(statement)) {
      violation(node + " sent a second attestation, of another statement");
    }
  }

  void violation(String what) {
    violations.add("at " + (time.now() - HandoffSimulation.EPOCH_START) + " ms: " + what);
  }

  List<String> violations() {
    return violations;
  }

  boolean safetyBroken() {
    return violations.stream().anyMatch(v -> v.contains("(1)") || v.contains("(2)"));
  }
}
