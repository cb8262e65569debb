package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the handoff attestations of one epoch's committee, stake-weighted, per statement: each
 * signer counts once (a second attestation from a signer adds nothing and replaces nothing), a
 * statement of another epoch, a non-member or a signature that does not verify is refused, and once
 * the signers of one statement hold a quorum of the stake the certificate exists. Rebuilt after a
 * restart by offering it the durable attestations again. Not thread-safe: its owner locks.
 */
public final class Aggregator {

  /** What offering an attestation did. */
  public enum Outcome {
    /** New: counted. */
    ACCEPTED,
    /** Its signer had attested already: nothing changed. */
    DUPLICATE,
    /** Its statement is for another epoch than the committee's: ignored. */
    WRONG_EPOCH,
    /** Its signer is not a member of the epoch: ignored. */
    NOT_A_MEMBER,
    /** Its signature does not verify over the statement: ignored. */
    INVALID_SIGNATURE
  }

  private final Committee committee;
  private final Map<IdentityKey, HandoffStatement> attested = new LinkedHashMap<>();
  private final Map<HandoffStatement, Map<IdentityKey, Attestation>> byStatement =
      new LinkedHashMap<>();

  public Aggregator(Committee committee) {
    this.committee = committee;
  }

  public Outcome offer(HandoffStatement statement, Attestation attestation) {
    if (statement.epoch() != committee.epoch()) {
      return Outcome.WRONG_EPOCH;
    }
    if (!committee.contains(attestation.signer())) {
      return Outcome.NOT_A_MEMBER;
    }
    if (attested.containsKey(attestation.signer())) {
      return Outcome.DUPLICATE;
    }
    if (!attestation.verifies(statement)) {
      return Outcome.INVALID_SIGNATURE;
    }
    attested.put(attestation.signer(), statement);
    byStatement
        .computeIfAbsent(statement, s -> new LinkedHashMap<>())
        .put(attestation.signer(), attestation);
    return Outcome.ACCEPTED;
  }

  /** The certificate, once the signers of one statement hold a quorum of the stake. */
  public Optional<HandoffCertificate> certificate() {
    for (Map.Entry<HandoffStatement, Map<IdentityKey, Attestation>> e : byStatement.entrySet()) {
      long stake = committee.stakeOf(e.getValue().keySet());
      if (committee.quorum().isQuorum(stake)) {
        return Optional.of(
            new HandoffCertificate(
                e.getKey(), new ArrayList<>(e.getValue().values()), stake, committee.totalStake()));
      }
    }
    return Optional.empty();
  }

  /** The stake that attested {@code statement}. */
  public long stakeFor(HandoffStatement statement) {
    return committee.stakeOf(byStatement.getOrDefault(statement, Map.of()).keySet());
  }

  /** Every accepted attestation, with its statement, in the order accepted. */
  public List<Map.Entry<HandoffStatement, Attestation>> accepted() {
    List<Map.Entry<HandoffStatement, Attestation>> out = new ArrayList<>();
    attested.forEach((signer, s) -> out.add(Map.entry(s, byStatement.get(s).get(signer))));
    return out;
  }
}
