package dev.cachet.handoff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A handoff statement with the attestations of members holding a quorum of the epoch's stake,
 * sorted by signer; {@code signedStake} and {@code totalStake} are the stakes as the minting node
 * counted them (a verifier recounts them from the committee).
 */
public record HandoffCertificate(
    HandoffStatement statement, List<Attestation> signatures, long signedStake, long totalStake) {

  public HandoffCertificate {
    Objects.requireNonNull(statement, "statement");
    List<Attestation> sorted = new ArrayList<>(signatures);
    sorted.sort(Comparator.comparing(Attestation::signer));
    signatures = List.copyOf(sorted);
  }

  public long epoch() {
    return statement.epoch();
  }
}
