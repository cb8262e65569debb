package dev.cachet.bench.handoff;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Epochs per second of the handoff simulation (ejb's test sources, dev.cachet.handoff, compiled
 * into the harness by bench/handoff.sh), as HandoffSimulationTest#throughputAtTenMembers counts
 * them: seeds 1 to {@code epochs}, kind HONEST, {@code members} members, one epoch each, every
 * invariant checked. The simulation is package-private test code, so it is reached by reflection
 * (one lookup, then one call per epoch). The first round runs on a cold JVM, as the test does; the
 * rounds after it repeat the same seeds, warm.
 */
final class SimulationThroughput {

  private final Method draw;
  private final Method run;
  private final Method failures;
  private final Object honest;
  private final int members;
  private final int epochs;
  private final int rounds;

  SimulationThroughput(int members, int epochs, int rounds) throws ReflectiveOperationException {
    Class<?> scenario = Class.forName("dev.cachet.handoff.Scenario");
    Class<?> kind = Class.forName("dev.cachet.handoff.Scenario$Kind");
    Class<?> simulation = Class.forName("dev.cachet.handoff.HandoffSimulation");
    Class<?> outcome = Class.forName("dev.cachet.handoff.HandoffSimulation$Outcome");
    draw = scenario.getDeclaredMethod("draw", long.class, kind, int.class);
    run = simulation.getDeclaredMethod("run", scenario);
    failures = outcome.getDeclaredMethod("failures");
    for (Method m : List.of(draw, run, failures)) {
      m.setAccessible(true);
    }
    honest =
        Arrays.stream(kind.getEnumConstants())
            .filter(k -> ((Enum<?>) k).name().equals("HONEST"))
            .findFirst()
            .orElseThrow(() -> new NoSuchFieldException("Scenario.Kind.HONEST"));
    this.members = members;
    this.epochs = epochs;
    this.rounds = rounds;
  }

  String run() throws ReflectiveOperationException {
    StringBuilder out = new StringBuilder();
    double[] cold = round();
    double[] perSecond = new double[rounds];
    double[] perCpuSecond = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double[] warm = round();
      perSecond[r] = epochs / warm[0];
      perCpuSecond[r] = epochs / warm[1];
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  %d epochs (seeds 1-%d, HONEST faults: delays, drops, duplicates, crashes and"
                + " restarts) at %d members per round; every invariant checked, no failure%n",
            epochs,
            epochs,
            members));
    out.append(
        String.format(
            Locale.ROOT,
            "  first round, cold JVM (as the unit test runs it): %.2f s, %.1f epochs/s (%.1f per"
                + " CPU second)%n",
            cold[0],
            epochs / cold[0],
            epochs / cold[1]));
    out.append(
        String.format(
            Locale.ROOT,
            "  %d warm rounds: median %.1f epochs/s (%.1f per CPU second); range %.1f-%.1f"
                + " epochs/s%n",
            rounds,
            Samples.median(perSecond),
            Samples.median(perCpuSecond),
            min(perSecond),
            Samples.max(perSecond)));
    return out.toString();
  }

  /** One round of every seed: {wall seconds, thread CPU seconds}. */
  private double[] round() throws ReflectiveOperationException {
    List<String> failed = new ArrayList<>();
    long cpu0 = Samples.cpuNanos();
    long wall0 = System.nanoTime();
    for (long seed = 1; seed <= epochs; seed++) {
      failed.addAll(failuresOf(seed));
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (Samples.cpuNanos() - cpu0) / 1e9;
    if (!failed.isEmpty()) {
      throw new IllegalStateException("the simulation failed: " + failed);
    }
    return new double[] {wall, cpu};
  }

  @SuppressWarnings("unchecked")
  private List<String> failuresOf(long seed) throws ReflectiveOperationException {
    try {
      Object scenario = draw.invoke(null, seed, honest, members);
      return (List<String>) failures.invoke(run.invoke(null, scenario));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static double min(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
    }
    return min;
  }
}
