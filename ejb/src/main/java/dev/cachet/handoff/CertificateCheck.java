package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a handoff certificate is valid for epoch {@code e} against committee {@code e} and the
 * key set of committee {@code e + 1}: its epoch is {@code e}; every signer is a member of {@code
 * e}; no signer appears twice; every signature verifies over the statement's bytes; the signers'
 * stake is a quorum of {@code e} (strictly more than 2/3); and its next key set hash is that of
 * {@code e + 1}. Items were checked in order when the certificate was read ({@link Items#ordered}).
 */
public final class CertificateCheck {

  /** The outcome: valid, or the first reason it is not. */
  public record Verdict(boolean valid, Optional<String> reason) {
    static Verdict ok() {
      return new Verdict(true, Optional.empty());
    }

    static Verdict no(String reason) {
      return new Verdict(false, Optional.of(reason));
    }
  }

  private CertificateCheck() {}

  public static Verdict verify(
      HandoffCertificate certificate, Committee committee, Committee next) {
    HandoffStatement statement = certificate.statement();
    if (statement.epoch() != committee.epoch()) {
      return Verdict.no(
          "the certificate is for epoch "
              + statement.epoch()
              + ", the committee for epoch "
              + committee.epoch());
    }
    if (next.epoch() != committee.epoch() + 1) {
      return Verdict.no("the next committee is not of epoch " + (committee.epoch() + 1));
    }
    if (!statement.nextCommitteeKeySetHash().equals(KeySet.hash(next))) {
      return Verdict.no("nextCommitteeKeySetHash is not the hash of the next committee's keys");
    }
    Set<IdentityKey> signers = new HashSet<>();
    long stake = 0;
    byte[] signed = statement.signedBytes();
    for (Attestation a : certificate.signatures()) {
      Optional<Member> member = committee.member(a.signer());
      if (member.isEmpty()) {
        return Verdict.no(
            "signer " + a.signer() + " is not a member of epoch " + committee.epoch());
      }
      if (!signers.add(a.signer())) {
        return Verdict.no("signer " + a.signer() + " appears twice");
      }
      if (!dev.cachet.peer.Ed25519.verify(a.signer(), signed, a.signature())) {
        return Verdict.no("the signature of " + a.signer() + " does not verify");
      }
      stake += member.get().stake();
    }
    if (!committee.quorum().isQuorum(stake)) {
      return Verdict.no(
          "the signers hold "
              + stake
              + " of "
              + committee.totalStake()
              + " stake, not more than two thirds");
    }
    return Verdict.ok();
  }
}
