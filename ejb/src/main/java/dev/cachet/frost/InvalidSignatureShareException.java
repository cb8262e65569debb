package dev.cachet.frost;

import dev.cachet.error.PeerFaultException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Identifiable abort (RFC 9591 §5.4): one or more signers returned signature shares that fail
 * verify_signature_share. The coordinator names every such signer and the messages (by index in the
 * batch) whose shares were wrong, and produces no signature. A peer's fault, not the caller's: the
 * peers are named by participant identifier ({@code participant 3}).
 */
public final class InvalidSignatureShareException extends PeerFaultException {

  private final SortedMap<ParticipantId, List<Integer>> invalidShares;

  InvalidSignatureShareException(Map<ParticipantId, List<Integer>> invalidShares) {
    super(describe(invalidShares), names(invalidShares));
    TreeMap<ParticipantId, List<Integer>> copy = new TreeMap<>();
    invalidShares.forEach((id, indices) -> copy.put(id, List.copyOf(indices)));
    this.invalidShares = Collections.unmodifiableSortedMap(copy);
  }

  private static String describe(Map<ParticipantId, List<Integer>> invalidShares) {
    return "invalid signature shares from "
        + new TreeMap<>(invalidShares)
            .entrySet().stream()
                .map(e -> "participant " + e.getKey().value() + " (messages " + e.getValue() + ")")
                .collect(Collectors.joining(", "));
  }

  private static List<String> names(Map<ParticipantId, List<Integer>> invalidShares) {
    return new TreeMap<>(invalidShares)
        .keySet().stream().map(id -> "participant " + id.value()).collect(Collectors.toList());
  }

  /** The misbehaving signers, in ascending order. */
  public List<ParticipantId> culprits() {
    return List.copyOf(invalidShares.keySet());
  }

  /** For each misbehaving signer, the batch indices of the messages whose share was invalid. */
  public SortedMap<ParticipantId, List<Integer>> invalidShares() {
    return invalidShares;
  }
}
