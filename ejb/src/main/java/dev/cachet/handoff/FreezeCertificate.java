package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The proof that epoch {@code epoch} froze {@code snapshot}: ready signals for its digest from
 * members holding a quorum of the epoch's stake, sorted by signer. Anyone can check it; a node that
 * receives a valid one adopts its snapshot.
 */
public record FreezeCertificate(long epoch, Items snapshot, List<ReadySignal> signals) {

  public FreezeCertificate {
    Objects.requireNonNull(snapshot, "snapshot");
    List<ReadySignal> sorted = new ArrayList<>(signals);
    sorted.sort(Comparator.comparing(ReadySignal::signer));
    signals = List.copyOf(sorted);
  }

  /** Why it is not valid against committee {@code e}, or empty if it is. */
  public Optional<String> invalidity(Committee committee) {
    if (committee.epoch() != epoch) {
      return Optional.of(
          "the freeze is for epoch " + epoch + ", the committee " + committee.epoch());
    }
    Hash32 digest = snapshot.digest();
    Set<IdentityKey> signers = new HashSet<>();
    for (ReadySignal s : signals) {
      if (s.epoch() != epoch || !s.snapshotDigest().equals(digest)) {
        return Optional.of("a ready signal is not for this snapshot of epoch " + epoch);
      }
      if (!committee.contains(s.signer())) {
        return Optional.of("signer " + s.signer() + " is not a member of epoch " + epoch);
      }
      if (!signers.add(s.signer())) {
        return Optional.of("signer " + s.signer() + " appears twice");
      }
      if (!s.verifies()) {
        return Optional.of("the ready signal of " + s.signer() + " does not verify");
      }
    }
    if (!committee.isQuorum(signers)) {
      return Optional.of("the ready signals hold no quorum of epoch " + epoch + "'s stake");
    }
    return Optional.empty();
  }
}
