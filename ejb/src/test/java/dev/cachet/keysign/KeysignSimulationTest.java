package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.keysign.KeysignObserver.Abort;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation of batched keysign (see {@link KeysignSimulation}) over many seeds.
 * A failing seed is printed; {@code -Dkeysign.seed=N} replays it alone.
 */
class KeysignSimulationTest {

  private static final int SEEDS = Integer.getInteger("keysign.seeds", 200);

  @Test
  void everySeedIsSafeAndLive() {
    Long only = Long.getLong("keysign.seed");
    long first = only == null ? 1 : only;
    long last = only == null ? SEEDS : only;
    List<String> failures = new ArrayList<>();
    Map<Abort, Integer> aborts = new EnumMap<>(Abort.class);
    Map<KeysignSimulation.Liar, Integer> liars = new EnumMap<>(KeysignSimulation.Liar.class);
    long sessions = 0;
    long signed = 0;
    long culprits = 0;
    long crashes = 0;
    long calls = 0;
    long dropped = 0;
    long duplicated = 0;
    long bogus = 0;
    long hung = 0;
    long written = 0;
    long releases = 0;
    long slowest = 0;
    double worst = 0;
    long started = System.nanoTime();
    for (long seed = first; seed <= last; seed++) {
      KeysignSimulation.Outcome o = KeysignSimulation.run(KeysignSimulation.Scenario.draw(seed));
      failures.addAll(o.failures);
      o.aborts.forEach((k, v) -> aborts.merge(k, v, Integer::sum));
      liars.merge(o.scenario.liar(), 1, Integer::sum);
      sessions += o.sessions;
      signed += o.signedSessions;
      culprits += o.culprits;
      crashes += o.crashes;
      calls += o.calls;
      dropped += o.dropped;
      duplicated += o.duplicated;
      bogus += o.bogus;
      hung += o.hung;
      written += o.signaturesWritten;
      releases += o.releases;
      slowest = Math.max(slowest, o.lastSignedAfterQuiet);
      worst = Math.max(worst, o.worstLatencyInBounds);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "keysign simulation: %d seeds in %.1f s (liars %s): %d sessions, %d signed, aborts %s;"
            + " %d culprits named, %d crashes, %d of %d calls dropped, %d duplicated, %d hung, %d bogus signature sets, %d signatures written,"
            + " %d share releases; slowest signature after the faults stopped %d ms"
            + " (%.0f%% of its bound)%n",
        last - first + 1,
        seconds,
        liars,
        sessions,
        signed,
        aborts,
        culprits,
        crashes,
        dropped,
        calls,
        duplicated,
        hung,
        bogus,
        written,
        releases,
        slowest,
        100 * worst);
    if (!failures.isEmpty()) {
      System.out.println("keysign simulation: replay one with -Dkeysign.seed=N");
    }
    failures.stream().limit(40).forEach(System.out::println);
    assertThat(failures).isEmpty();
    assertThat(signed).isPositive();
    assertThat(bogus).isPositive();
    assertThat(aborts).containsKeys(Abort.INVALID_SHARE, Abort.UNAVAILABLE);
  }

  @Test
  void oneSeedRunTwiceRunsTheSame() {
    for (long seed = 1; seed <= 4; seed++) {
      KeysignSimulation.Outcome a = KeysignSimulation.run(KeysignSimulation.Scenario.draw(seed));
      KeysignSimulation.Outcome b = KeysignSimulation.run(KeysignSimulation.Scenario.draw(seed));
      assertThat(b.fingerprint).as("seed %d", seed).isEqualTo(a.fingerprint);
      assertThat(b.sessions).isEqualTo(a.sessions);
      assertThat(b.failures).isEqualTo(a.failures);
    }
  }
}
