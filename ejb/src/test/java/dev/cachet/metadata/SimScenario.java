package dev.cachet.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Everything a seed decides before a run starts: who the nodes are, who lies and how, who crashes
 * and when, how lossy the network is, who publishes what when. The network's own draws (each delay,
 * each loss) come from the run's random stream, also seeded.
 *
 * @param nodes how many nodes, the liar and the joiner included
 * @param liar the lying member and its lie, if any
 * @param joiner a node in the next committee only, which announces for this epoch, or -1
 * @param leaver a node in this committee only, or -1
 * @param stakes each node's stake, in both committees
 * @param crashed the honest node that crashes once and starts again, or -1
 * @param crashAt when it crashes, in ms of virtual time
 * @param restartAt when it starts again
 * @param publishes every publish an honest node (or the liar, running the protocol) makes
 */
record SimScenario(
    long seed,
    int nodes,
    Optional<Liar> liar,
    int joiner,
    int leaver,
    List<Long> stakes,
    SimNetwork.Faults faults,
    int crashed,
    long crashAt,
    long restartAt,
    List<Publish> publishes) {

  record Liar(int index, SimLiar.Lie lie) {}

  /**
   * @param sameBytes publishes again the node's previous blob (a new announcement, the same hash)
   */
  record Publish(int node, long at, int size, boolean sameBytes) {}

  static final int KIB = 1024;

  static SimScenario draw(long seed, SplittableRandom plan) {
    int nodes = 4 + plan.nextInt(4);
    Optional<Liar> liar =
        plan.nextInt(3) == 0
            ? Optional.empty()
            : Optional.of(
                new Liar(
                    plan.nextInt(nodes),
                    SimLiar.Lie.values()[plan.nextInt(SimLiar.Lie.values().length)]));
    List<Integer> honest = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      if (liar.isEmpty() || liar.get().index() != i) {
        honest.add(i);
      }
    }
    int joiner = plan.nextInt(3) == 0 ? honest.get(plan.nextInt(honest.size())) : -1;
    int leaver = -1;
    if (nodes >= 5 && plan.nextInt(4) == 0) {
      int candidate = honest.get(plan.nextInt(honest.size()));
      leaver = candidate == joiner ? -1 : candidate;
    }
    List<Long> stakes = stakes(plan, nodes, liar, joiner, leaver);
    SimNetwork.Faults faults =
        new SimNetwork.Faults(
            0.10 + 0.10 * plan.nextDouble(),
            0.05 + 0.05 * plan.nextDouble(),
            1,
            300,
            800 + plan.nextInt(701));
    int crashed = -1;
    long crashAt = 0;
    long restartAt = 0;
    if (plan.nextBoolean()) {
      crashed = honest.get(plan.nextInt(honest.size()));
      crashAt = 500 + plan.nextInt(11_500);
      restartAt = crashAt + 500 + plan.nextInt(7_500);
    }
    List<Publish> publishes = new ArrayList<>();
    int large = plan.nextInt(10) == 0 ? honest.get(plan.nextInt(honest.size())) : -1;
    for (int node : honest) {
      int first = node == large ? 256 * KIB + plan.nextInt(768 * KIB) : size(plan);
      publishes.add(new Publish(node, plan.nextInt(3_000), first, false));
      if (plan.nextInt(10) < 4) {
        publishes.add(
            new Publish(node, 4_000 + plan.nextInt(8_000), size(plan), plan.nextInt(10) == 0));
        if (plan.nextInt(10) < 2) {
          publishes.add(new Publish(node, 12_000 + plan.nextInt(8_000), size(plan), false));
        }
      }
    }
    if (liar.isPresent() && liar.get().lie() != SimLiar.Lie.SILENT) {
      publishes.add(new Publish(liar.get().index(), plan.nextInt(3_000), size(plan), false));
    }
    return new SimScenario(
        seed, nodes, liar, joiner, leaver, stakes, faults, crashed, crashAt, restartAt, publishes);
  }

  /** A metadata blob's size: up to 64 KiB, and now and then empty (the same blob for all). */
  private static int size(SplittableRandom plan) {
    return plan.nextInt(30) == 0 ? 0 : plan.nextInt(64 * KIB + 1);
  }

  /** Stakes of 1 to 5, the liar's kept below a third of each committee's total. */
  private static List<Long> stakes(
      SplittableRandom plan, int nodes, Optional<Liar> liar, int joiner, int leaver) {
    long[] stakes = new long[nodes];
    for (int i = 0; i < nodes; i++) {
      stakes[i] = 1 + plan.nextInt(5);
    }
    if (liar.isPresent()) {
      int l = liar.get().index();
      while (3 * stakes[l] >= total(stakes, joiner) || 3 * stakes[l] >= total(stakes, leaver)) {
        int other = plan.nextInt(nodes);
        if (other != l && other != joiner && other != leaver) {
          stakes[other]++;
        }
      }
    }
    List<Long> out = new ArrayList<>();
    for (long s : stakes) {
      out.add(s);
    }
    return out;
  }

  private static long total(long[] stakes, int without) {
    long total = 0;
    for (int i = 0; i < stakes.length; i++) {
      total += i == without ? 0 : stakes[i];
    }
    return total;
  }

  boolean honest(int node) {
    return liar.isEmpty() || liar.get().index() != node;
  }

  boolean inThisCommittee(int node) {
    return node != joiner;
  }

  boolean inNextCommittee(int node) {
    return node != leaver;
  }

  /** A line to print with a failing seed. */
  String describe() {
    return String.format(
        "seed %d: %d nodes, liar %s, joiner %d, leaver %d, stakes %s, drop %.2f, duplicate %.2f,"
            + " timeout %d ms, crash %s, %d publishes",
        seed,
        nodes,
        liar.map(l -> l.index() + " " + l.lie()).orElse("none"),
        joiner,
        leaver,
        stakes,
        faults.drop(),
        faults.duplicate(),
        faults.timeoutMillis(),
        crashed < 0 ? "none" : crashed + " at " + crashAt + " ms, back at " + restartAt + " ms",
        publishes.size());
  }
}
