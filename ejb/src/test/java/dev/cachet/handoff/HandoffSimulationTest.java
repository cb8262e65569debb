package dev.cachet.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation of the epoch handoff that issue 13 requires: a thousand seeds, each
 * one epoch of a committee of 4 to 10 members with unequal stakes (and, for half of them, a joiner
 * in the next committee), under a network that delays, drops, duplicates and reorders, with crashes
 * and restarts, members down all epoch, and byzantine members. The safety invariants are checked as
 * state becomes durable (see {@link SafetyLedger}); liveness at the epoch's end, where owed (see
 * {@link HandoffSimulation.Outcome#livenessOwed()}). A failing seed is printed; {@code
 * -Dhandoff.seed=N} replays it alone.
 */
class HandoffSimulationTest {

  private static final int SEEDS = 1_000;

  /** The kinds the thousand seeds cycle through, a quarter each. */
  private static final Scenario.Kind[] KINDS = {
    Scenario.Kind.HONEST,
    Scenario.Kind.CRASHED,
    Scenario.Kind.BYZANTINE_SIGNING,
    Scenario.Kind.BYZANTINE_TIMING
  };

  static Scenario.Kind kindOf(long seed) {
    return KINDS[(int) (seed % KINDS.length)];
  }

  @Test
  void everySeedIsSafeAndLiveWhereLivenessIsOwed() {
    Map<Scenario.Kind, int[]> runsAndLive = new EnumMap<>(Scenario.Kind.class);
    Map<Scenario.InputGame, int[]> byGame = new EnumMap<>(Scenario.InputGame.class);
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (long seed = 1; seed <= SEEDS; seed++) {
      Scenario.Kind kind = kindOf(seed);
      HandoffSimulation.Outcome outcome = HandoffSimulation.run(Scenario.draw(seed, kind));
      count(runsAndLive.computeIfAbsent(kind, k -> new int[3]), outcome);
      if (kind == Scenario.Kind.BYZANTINE_TIMING) {
        EnumSet<Scenario.InputGame> games = EnumSet.noneOf(Scenario.InputGame.class);
        games.addAll(Arrays.asList(outcome.scenario().games));
        games.removeAll(EnumSet.of(Scenario.InputGame.NONE, Scenario.InputGame.SILENT));
        games.forEach(g -> count(byGame.computeIfAbsent(g, k -> new int[3]), outcome));
      }
      failures.addAll(outcome.failures());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int[] timing = runsAndLive.get(Scenario.Kind.BYZANTINE_TIMING);
    System.out.printf(
        Locale.ROOT,
        "handoff simulation: %d seeds in %.1f s (%.0f epochs/s): %s%n"
            + "handoff simulation: liveness under byzantine timing games: %d of %d seeds"
            + " (%.1f%%); owed in %d of them (honest ready signals for one digest held a quorum)%n",
        SEEDS,
        seconds,
        SEEDS / seconds,
        summary(runsAndLive),
        timing[1],
        timing[0],
        100.0 * timing[1] / timing[0],
        timing[2]);
    byGame.forEach(
        (game, counts) ->
            System.out.printf(
                Locale.ROOT,
                "handoff simulation:   with a member playing %s: %d of %d seeds live%n",
                game,
                counts[1],
                counts[0]));
    if (!failures.isEmpty()) {
      System.out.println("handoff simulation: replay one with -Dhandoff.seed=N");
    }
    failures.forEach(System.out::println);
    assertThat(failures).isEmpty();
  }

  /** Runs, live runs, and runs where liveness was owed. */
  private static void count(int[] counts, HandoffSimulation.Outcome outcome) {
    counts[0]++;
    counts[1] += outcome.live() ? 1 : 0;
    counts[2] += outcome.livenessOwed() ? 1 : 0;
  }

  @Test
  void byzantineStakeAboveAThirdBreaksSafetyAndTheChecksSeeIt() {
    int seeds = 40;
    List<Long> broken = new ArrayList<>();
    for (long seed = 1; seed <= seeds; seed++) {
      HandoffSimulation.Outcome outcome =
          HandoffSimulation.run(Scenario.draw(seed, Scenario.Kind.BYZANTINE_MAJORITY));
      if (outcome.safetyBroken()) {
        broken.add(seed);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "handoff simulation: byzantine stake above a third broke safety in %d of %d seeds: %s%n",
        broken.size(),
        seeds,
        broken);
    assertThat(broken).isNotEmpty();
  }

  @Test
  void oneSeedRunTwiceLeavesTheSameTrace() {
    List<Long> fingerprints = new ArrayList<>();
    for (long seed = 1; seed <= 8; seed++) {
      Scenario.Kind kind = seed == 8 ? Scenario.Kind.BYZANTINE_MAJORITY : kindOf(seed);
      HandoffSimulation.Outcome first = HandoffSimulation.run(Scenario.draw(seed, kind));
      HandoffSimulation.Outcome second = HandoffSimulation.run(Scenario.draw(seed, kind));
      assertThat(second.fingerprint()).as("seed %d", seed).isEqualTo(first.fingerprint());
      assertThat(second.events()).as("seed %d", seed).isEqualTo(first.events());
      assertThat(second.violations()).as("seed %d", seed).isEqualTo(first.violations());
      assertThat(second.uncertified()).as("seed %d", seed).isEqualTo(first.uncertified());
      fingerprints.add(first.fingerprint());
    }
    assertThat(fingerprints).doesNotHaveDuplicates(); // the fingerprint does tell runs apart
  }

  @Test
  void throughputAtTenMembers() {
    int epochs = 40;
    List<String> failures = new ArrayList<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStarted = threads.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    for (long seed = 1; seed <= epochs; seed++) {
      failures.addAll(
          HandoffSimulation.run(Scenario.draw(seed, Scenario.Kind.HONEST, 10)).failures());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "handoff simulation: %d epochs at 10 members (faults of HONEST) in %.2f s:"
            + " %.1f epochs/s (%.1f per CPU second)%n",
        epochs,
        seconds,
        epochs / seconds,
        epochs / cpuSeconds);
    assertThat(failures).isEmpty();
  }

  /** {@code -Dhandoff.seed=N}, and {@code -Dhandoff.kind=KIND} for another kind than N's. */
  @Test
  void replaysOneSeed() {
    String seed = System.getProperty("handoff.seed");
    assumeTrue(seed != null, "set -Dhandoff.seed=N to replay seed N");
    long n = Long.parseLong(seed);
    String kind = System.getProperty("handoff.kind");
    Scenario scenario = Scenario.draw(n, kind == null ? kindOf(n) : Scenario.Kind.valueOf(kind));
    HandoffSimulation.Outcome outcome = HandoffSimulation.run(scenario);
    System.out.println(outcome);
    assertThat(outcome.failures()).isEmpty();
  }

  private static String summary(Map<Scenario.Kind, int[]> runsAndLive) {
    List<String> parts = new ArrayList<>();
    runsAndLive.forEach(
        (kind, counts) -> parts.add(kind + " " + counts[1] + " of " + counts[0] + " live"));
    return String.join(", ", parts);
  }
}
