package dev.cachet.checkpoint;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Verified checkpoint attestations by {@code (slot, proposal id)}, the id being the checkpoint
 * header's; pruned to the last {@code keepSlots} slots ({@code cachet.checkpoint.pool-slots}). The
 * caller verifies each attestation against the committee before adding it. Thread-safe.
 */
public final class AttestationPool {

  /** One validator's attestation. */
  public record Attestation(long validatorIndex, byte[] signature) {
    public Attestation {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  private final int keepSlots;
  private final NavigableMap<Long, Map<Bytes32, Map<Long, Attestation>>> bySlot = new TreeMap<>();

  public AttestationPool(int keepSlots) {
    if (keepSlots < 1) {
      throw new IllegalArgumentException("the pool keeps at least one slot");
    }
    this.keepSlots = keepSlots;
  }

  /**
   * Adds a verified attestation of {@code header}.
   *
   * @return whether it was new
   */
  public synchronized boolean add(CheckpointHeader header, Attestation attestation) {
    long slot = header.slot();
    if (!bySlot.isEmpty() && slot <= bySlot.lastKey() - keepSlots) {
      return false; // older than what the pool keeps
    }
    Map<Long, Attestation> of =
        bySlot
            .computeIfAbsent(slot, s -> new HashMap<>())
            .computeIfAbsent(header.id(), id -> new HashMap<>());
    boolean fresh = of.putIfAbsent(attestation.validatorIndex(), attestation) == null;
    while (bySlot.firstKey() <= bySlot.lastKey() - keepSlots) {
      bySlot.pollFirstEntry();
    }
    return fresh;
  }

  /** The attestations of {@code header}, ordered by their members' committee position. */
  public synchronized List<Attestation> attestations(Committee committee, CheckpointHeader header) {
    Map<Long, Attestation> of =
        bySlot.getOrDefault(header.slot(), Map.of()).getOrDefault(header.id(), Map.of());
    List<Attestation> ordered = new ArrayList<>();
    for (Member m : committee.members()) {
      if (m.duty().isPresent()) {
        Attestation a = of.get(m.duty().get().validatorIndex());
        if (a != null) {
          ordered.add(a);
        }
      }
    }
    return ordered;
  }

  /** Whether the attesters of {@code header} hold a quorum of the committee's stake. */
  public synchronized boolean isQuorum(Committee committee, CheckpointHeader header) {
    List<IdentityKey> signers = new ArrayList<>();
    Map<Long, Attestation> of =
        bySlot.getOrDefault(header.slot(), Map.of()).getOrDefault(header.id(), Map.of());
    for (Member m : committee.members()) {
      if (m.duty().isPresent() && of.containsKey(m.duty().get().validatorIndex())) {
        signers.add(m.identityKey());
      }
    }
    return committee.isQuorum(signers);
  }

  public synchronized int slots() {
    return bySlot.size();
  }
}
