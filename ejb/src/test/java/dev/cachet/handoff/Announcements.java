package dev.cachet.handoff;

import static dev.cachet.handoff.HandoffSimulation.CLOSE;
import static dev.cachet.handoff.HandoffSimulation.EPOCH_START;

import dev.cachet.handoff.Scenario.InputGame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Who announced what, when, and when each node saw it and held its blob. An honest announcement
 * reaches every node within 4 s of its sending and its blob within 15 s more; with clocks at most
 * 250 ms off, that is before any honest member's grace ends, and well before its backstop, so
 * honest members that sign after the grace list the same announcements: those signed at or before
 * the close. A member that is down when it meant to announce announces when it is back. Byzantine
 * members play the game the seed gave them; whatever an honest node takes it relays, as the
 * metadata exchange does, so a liar's selective showing reaches the other honest nodes too, a
 * moment later.
 */
final class Announcements {

  private static final long NEVER = Long.MAX_VALUE;
  private static final long RELAY_MILLIS = 4_000;
  private static final long FETCH_MILLIS = 15_000;
  private static final int HOP_MILLIS = 1_000;
  private static final int HOP_FETCH_MILLIS = 3_000;

  private final HandoffSimulation world;
  private final Scenario scenario;
  private final Random random;
  private final Set<Integer> halves;

  Announcements(HandoffSimulation world, Random random) {
    this.world = world;
    this.scenario = world.scenario;
    this.random = random;
    this.halves = halves(scenario);
  }

  void draw() {
    for (int a = 0; a < scenario.members; a++) {
      InputGame game = scenario.games[a];
      if (scenario.isAbsent(a) || game == InputGame.SILENT) {
        continue;
      }
      long signed = signedAt(a);
      long sent = signed - scenario.skewMillis[a]; // the signed time is by the announcer's clock
      Hash32 blob = blob(a, 0);
      Hash32 other = blob(a, 1);
      List<SimulatedInputs.Sighting> first = new ArrayList<>(); // what honest nodes saw first
      List<SimulatedNode> sawFirst = new ArrayList<>();
      for (SimulatedNode node : world.nodes) {
        if (!node.honest) {
          continue;
        }
        int before = node.inputs.count();
        if (node.index == a) {
          sighting(node, a, blob, signed, sent, sent);
          continue;
        }
        long seen = sent + random.nextInt((int) RELAY_MILLIS + 1);
        long held = seen + random.nextInt((int) FETCH_MILLIS + 1);
        switch (game) {
          case NONE, SILENT -> sighting(node, a, blob, signed, seen, held);
          case EQUIVOCATE -> {
            // A byzantine majority shows each half its variant at once, before any relay can
            // bring the other (a node keeps the first it took); a minority just sends both.
            long at = scenario.kind == Scenario.Kind.BYZANTINE_MAJORITY ? sent : seen;
            sighting(
                node, a, side(node) ? blob : other, signed, at, Math.max(at, held - seen + at));
          }
          case AT_CLOSE -> {
            if (random.nextBoolean()) {
              long late = CLOSE + random.nextInt(8_001);
              sighting(node, a, blob, CLOSE, late, late + random.nextInt(3_001));
            }
          }
          case BACKDATED -> {
            if (random.nextBoolean()) {
              long late = CLOSE + 2_000 + random.nextInt(20_001);
              sighting(node, a, blob, signed, late, late + random.nextInt(3_001));
            }
          }
          case WITHHELD_BLOB ->
              sighting(node, a, blob, signed, seen, random.nextBoolean() ? held : NEVER);
        }
        if (node.inputs.count() > before) {
          first.add(node.inputs.of(world.nodes.get(a).key));
          sawFirst.add(node);
        }
      }
      relay(first, sawFirst);
    }
  }

  /**
   * The exchange's relay: an honest node that takes an announcement sends it on to the others
   * (within {@value #HOP_MILLIS} ms), and serves its blob once it holds it (fetched within {@value
   * #HOP_FETCH_MILLIS} ms more). So whatever one honest node sees, all of them see soon after,
   * however selectively a liar showed it.
   */
  private void relay(List<SimulatedInputs.Sighting> seen, List<SimulatedNode> by) {
    for (int i = 0; i < seen.size(); i++) {
      SimulatedInputs.Sighting s = seen.get(i);
      for (SimulatedNode node : world.nodes) {
        if (!node.honest || node == by.get(i)) {
          continue;
        }
        long at = s.seenAt() + 50 + random.nextInt(HOP_MILLIS);
        long held =
            s.heldAt() == NEVER
                ? NEVER
                : Math.max(at, s.heldAt()) + random.nextInt(HOP_FETCH_MILLIS + 1);
        node.inputs.add(
            new SimulatedInputs.Sighting(
                s.announcer(), s.blobHash(), s.timestampMillis(), at, held));
      }
    }
  }

  /** Mostly well before the close; now and then right at it, or after it (then never listed). */
  private long signedAt(int announcer) {
    double roll = random.nextDouble();
    long signed;
    if (roll < 0.08) {
      signed = CLOSE;
    } else if (roll < 0.16) {
      signed = CLOSE + 1 + random.nextInt(20_000);
    } else {
      signed = EPOCH_START + 1_000 + random.nextInt(47_000);
    }
    long skew = scenario.skewMillis[announcer];
    for (Scenario.Outage outage : scenario.outages) {
      long down = EPOCH_START + outage.atMillis();
      long back = down + outage.downMillis();
      if (outage.node() == announcer && signed - skew >= down && signed - skew < back) {
        signed = back + skew;
      }
    }
    return signed;
  }

  /**
   * The side of an equivocation a node is on. Under a byzantine majority every liar splits the
   * honest members the same way, into halves of the honest stake, which is what it takes to freeze
   * two sets.
   */
  private boolean side(SimulatedNode node) {
    return scenario.kind == Scenario.Kind.BYZANTINE_MAJORITY
        ? halves.contains(node.index)
        : random.nextBoolean();
  }

  /** The honest members split in two halves of about equal stake, heaviest first. */
  private static Set<Integer> halves(Scenario scenario) {
    List<Integer> honest = new ArrayList<>();
    for (int i = 0; i < scenario.members; i++) {
      if (scenario.honest(i) && !scenario.isAbsent(i)) {
        honest.add(i);
      }
    }
    honest.sort(Comparator.comparingLong((Integer i) -> scenario.stakes[i]).reversed());
    Set<Integer> one = new HashSet<>();
    long oneStake = 0;
    long otherStake = 0;
    for (int i : honest) {
      if (oneStake <= otherStake) {
        one.add(i);
        oneStake += scenario.stakes[i];
      } else {
        otherStake += scenario.stakes[i];
      }
    }
    return one;
  }

  private void sighting(
      SimulatedNode node, int announcer, Hash32 blob, long signed, long seen, long held) {
    node.inputs.add(
        new SimulatedInputs.Sighting(world.nodes.get(announcer).key, blob, signed, seen, held));
  }

  private Hash32 blob(int announcer, int variant) {
    return Hash32.blake2b(
        ByteBuffer.allocate(20).putLong(scenario.seed).putInt(announcer).putLong(variant).array());
  }
}
