package dev.cachet.handoff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Everything a seed fixes before a run starts: the committee and its stakes, who is byzantine and
 * who is down all epoch, the network's faults, every crash, and the adversary's tactics. The run
 * draws the rest (delays, drops, announcement times) from further streams of the same seed.
 */
final class Scenario {

  static final int MOST_SKEW_MILLIS = 250;

  /** What kind of trouble a run is in. */
  enum Kind {
    /** Every member honest; lossy, duplicating, reordering network; crashes and restarts. */
    HONEST,
    /** As HONEST, and members of less than a third of the stake down for the whole epoch. */
    CRASHED,
    /** Byzantine members below a third that double-sign, lie to some, withhold; inputs agree. */
    BYZANTINE_SIGNING,
    /** As BYZANTINE_SIGNING, and the byzantine members also play timing games with inputs. */
    BYZANTINE_TIMING,
    /** Byzantine members above a third: an assumption broken, so safety may fail. */
    BYZANTINE_MAJORITY
  }

  /** How a byzantine member games the inputs (its announcement). */
  enum InputGame {
    /** Announces like an honest member. */
    NONE,
    /** Never announces: consistently absent. */
    SILENT,
    /** Announces one blob to some members, another blob to the others. */
    EQUIVOCATE,
    /** Announces right at the close, to only some members, some of them after their ready. */
    AT_CLOSE,
    /** Signs an early timestamp but shows the announcement late, to only some members. */
    BACKDATED,
    /** Announces to all but lets only some fetch the blob. */
    WITHHELD_BLOB
  }

  /** A node down from {@code atMillis} (from the epoch's start) for {@code downMillis}. */
  record Outage(int node, long atMillis, long downMillis) {}

  /**
   * A node that dies at its store's {@code nth} write of {@code what} (of anything if null), then
   * is down for {@code downMillis}.
   */
  record WriteCrash(
      int node, InMemoryHandoffStore.Write what, int nth, boolean afterWrite, long downMillis) {}

  final long seed;
  final Kind kind;
  final int members;
  final long[] stakes;
  final boolean joiner;
  final long joinerStake;
  final boolean[] byzantine;
  final boolean[] absent;
  final double drop;
  final double duplicate;
  final double slow;
  final long resendMillis;

  /** How far each node's clock is off, at most {@value #MOST_SKEW_MILLIS} ms either way. */
  final long[] skewMillis;

  final List<Outage> outages = new ArrayList<>();
  final List<WriteCrash> writeCrashes = new ArrayList<>();
  final InputGame[] games;
  final boolean doubleReady;
  final boolean doubleAttest;
  final double withhold;
  final boolean garbage;

  private Scenario(long seed, Kind kind, int forcedMembers) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + kind.ordinal());
    this.seed = seed;
    this.kind = kind;
    members = forcedMembers > 0 ? forcedMembers : 4 + r.nextInt(7);
    stakes = new long[members];
    long total = 0;
    for (int i = 0; i < members; i++) {
      stakes[i] = 1 + r.nextInt(100);
      total += stakes[i];
    }
    joiner = r.nextBoolean();
    joinerStake = 1 + r.nextInt(100);
    byzantine = new boolean[members];
    absent = new boolean[members];
    boolean hasByzantine = kind.ordinal() >= Kind.BYZANTINE_SIGNING.ordinal();
    if (kind == Kind.BYZANTINE_MAJORITY) {
      pickAboveThird(r, total, byzantine);
    } else if (hasByzantine) {
      pickBelowThird(r, total, byzantine, new boolean[members], 1 + r.nextInt(3));
    }
    if (kind == Kind.CRASHED
        || (hasByzantine && kind != Kind.BYZANTINE_MAJORITY && r.nextBoolean())) {
      pickBelowThird(r, total, absent, byzantine, 1 + r.nextInt(Math.max(1, members / 2)));
    }
    boolean calm = kind == Kind.BYZANTINE_MAJORITY;
    drop = calm ? 0 : r.nextDouble() * 0.25;
    duplicate = calm ? 0 : r.nextDouble() * 0.15;
    slow = calm ? 0 : r.nextDouble() * 0.2;
    resendMillis = 1_000 + r.nextInt(2_001);
    if (!calm) {
      drawCrashes(r);
    }
    games = new InputGame[members];
    for (int i = 0; i < members; i++) {
      games[i] = byzantine[i] ? game(r) : InputGame.NONE;
    }
    skewMillis = new long[nodes()];
    for (int i = 0; i < nodes(); i++) {
      skewMillis[i] = r.nextInt(2 * MOST_SKEW_MILLIS + 1) - MOST_SKEW_MILLIS;
    }
    doubleReady = hasByzantine && r.nextDouble() < 0.8;
    doubleAttest = hasByzantine && r.nextDouble() < 0.8;
    withhold = hasByzantine ? r.nextDouble() * 0.5 : 0;
    garbage = hasByzantine && r.nextBoolean();
  }

  static Scenario draw(long seed, Kind kind) {
    return new Scenario(seed, kind, 0);
  }

  static Scenario draw(long seed, Kind kind, int members) {
    return new Scenario(seed, kind, members);
  }

  /**
   * This scenario, but every honest node dies just after its first write of {@code what} lands, and
   * only then: the worst moment for that step, for every node at once.
   */
  Scenario everyNodeDyingJustAfter(InMemoryHandoffStore.Write what) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + 17);
    outages.clear();
    writeCrashes.clear();
    for (int i = 0; i < nodes(); i++) {
      if (honest(i) && !isAbsent(i)) {
        writeCrashes.add(new WriteCrash(i, what, 1, true, 200 + r.nextInt(3_000)));
      }
    }
    return this;
  }

  int nodes() {
    return joiner ? members + 1 : members;
  }

  boolean honest(int node) {
    return node >= members || !byzantine[node];
  }

  boolean isAbsent(int node) {
    return node < members && absent[node];
  }

  private InputGame game(Random r) {
    return switch (kind) {
      case BYZANTINE_MAJORITY -> InputGame.EQUIVOCATE;
      case BYZANTINE_TIMING -> {
        InputGame[] games = {
          InputGame.EQUIVOCATE, InputGame.AT_CLOSE, InputGame.BACKDATED, InputGame.WITHHELD_BLOB
        };
        yield games[r.nextInt(games.length)];
      }
      default -> r.nextBoolean() ? InputGame.NONE : InputGame.SILENT;
    };
  }

  /**
   * Crashes and restarts of honest nodes, all back up by 0.7 of the epoch plus their downtime; now
   * and then all of them at once, just after the ready signals are due (a power cut, a rollout), or
   * each just after the same step becomes durable (the worst moment for that step).
   */
  private void drawCrashes(Random r) {
    double outageRate = r.nextDouble() * 0.5;
    double writeCrashRate = r.nextDouble() * 0.4;
    boolean storm = r.nextDouble() < 0.2;
    long stormAt = 55_000 + r.nextInt(4_000);
    InMemoryHandoffStore.Write[] writes = InMemoryHandoffStore.Write.values();
    InMemoryHandoffStore.Write worst =
        r.nextDouble() < 0.1 ? writes[r.nextInt(writes.length)] : null;
    for (int i = 0; i < nodes(); i++) {
      if (!honest(i) || isAbsent(i)) {
        continue;
      }
      if (r.nextDouble() < outageRate) {
        outages.add(new Outage(i, r.nextInt(65_000), 200 + r.nextInt(15_000)));
      }
      if (storm) {
        outages.add(new Outage(i, stormAt + r.nextInt(500), 200 + r.nextInt(5_000)));
      }
      if (worst != null) {
        writeCrashes.add(new WriteCrash(i, worst, 1, true, 200 + r.nextInt(3_000)));
      } else if (r.nextDouble() < writeCrashRate) {
        writeCrashes.add(
            new WriteCrash(i, null, 1 + r.nextInt(8), r.nextBoolean(), 200 + r.nextInt(8_000)));
      }
    }
  }

  /**
   * Marks members in random order while their stake stays strictly below a third (with {@code
   * also}).
   */
  private void pickBelowThird(Random r, long total, boolean[] into, boolean[] also, int most) {
    long taken = 0;
    for (int i = 0; i < members; i++) {
      if (also[i]) {
        taken += stakes[i];
      }
    }
    int picked = 0;
    for (int i : shuffled(r)) {
      if (picked < most && !also[i] && 3 * (taken + stakes[i]) < total) {
        into[i] = true;
        taken += stakes[i];
        picked++;
      }
    }
  }

  /**
   * Marks members in random order until their stake is above two fifths: above a third, and enough
   * that with each half of the honest stake it makes a quorum.
   */
  private void pickAboveThird(Random r, long total, boolean[] into) {
    long taken = 0;
    for (int i : shuffled(r)) {
      if (5 * taken <= 2 * total) {
        into[i] = true;
        taken += stakes[i];
      }
    }
  }

  private List<Integer> shuffled(Random r) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    return order;
  }

  @Override
  public String toString() {
    long total = 0;
    long lying = 0;
    long down = 0;
    for (int i = 0; i < members; i++) {
      total += stakes[i];
      lying += byzantine[i] ? stakes[i] : 0;
      down += absent[i] ? stakes[i] : 0;
    }
    return String.format(
        Locale.ROOT,
        "seed %d %s (%d members%s, byzantine %d%%, down %d%%, drop %d%%, resend %d ms)",
        seed,
        kind,
        members,
        joiner ? " + joiner" : "",
        100 * lying / total,
        100 * down / total,
        Math.round(drop * 100),
        resendMillis);
  }
}
