package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's view of the epoch's announcements, as its metadata exchange would give it: each
 * announcement appears at the time it reached this node, and its blob is held from a later time (or
 * never). The exchange is its own service, so the view survives the handoff engine's restarts. One
 * announcement per announcer: the first one this node saw.
 */
final class SimulatedInputs implements HandoffInputs {

  /** One announcement as this node sees it. */
  record Sighting(
      IdentityKey announcer, Hash32 blobHash, long timestampMillis, long seenAt, long heldAt) {}

  private final long epoch;
  private final EventQueue time;
  private final TreeMap<IdentityKey, Sighting> sightings = new TreeMap<>();

  SimulatedInputs(long epoch, EventQueue time) {
    this.epoch = epoch;
    this.time = time;
  }

  /**
   * Adds a sighting: of one announcer's announcements the first seen is kept (a later one of equal
   * timestamp is superseded, as in the exchange); the same blob seen again (relayed) counts from
   * its earliest sighting and is held from its earliest fetch.
   */
  void add(Sighting sighting) {
    sightings.merge(
        sighting.announcer(),
        sighting,
        (a, b) -> {
          if (a.blobHash().equals(b.blobHash()) && a.timestampMillis() == b.timestampMillis()) {
            return new Sighting(
                a.announcer(),
                a.blobHash(),
                a.timestampMillis(),
                Math.min(a.seenAt(), b.seenAt()),
                Math.min(a.heldAt(), b.heldAt()));
          }
          return a.seenAt() <= b.seenAt() ? a : b;
        });
  }

  /** How many announcers this node has a sighting of. */
  int count() {
    return sightings.size();
  }

  /** This node's sighting of {@code announcer}'s announcement. */
  Sighting of(IdentityKey announcer) {
    return sightings.get(announcer);
  }

  @Override
  public List<Input> announcements(long epoch) {
    List<Input> out = new ArrayList<>();
    if (epoch != this.epoch) {
      return out;
    }
    long now = time.now();
    for (Sighting s : sightings.values()) {
      if (s.seenAt() <= now) {
        out.add(new Input(s.announcer(), s.blobHash(), s.timestampMillis(), s.heldAt() <= now));
      }
    }
    return out;
  }

  /** What this node would list now: held announcements signed at or before the close. */
  Items listing(long closeMillis) {
    Map<IdentityKey, Hash32> held = new LinkedHashMap<>();
    for (Input input : announcements(epoch)) {
      if (input.timestampMillis() <= closeMillis && input.blobHeld()) {
        held.put(input.announcer(), input.blobHash());
      }
    }
    return Items.metadata(held);
  }
}
