package dev.cachet.bench.handoff;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The pure-JVM figures of issue 13 for bench/handoff.sh, on one thread: (1) the cost of verifying a
 * certificate of 100 signers, against the goal of under 10 ms on one core; (2) the handoff
 * simulation's epochs per second at 10 members. Arguments name the parts to run ({@code verify},
 * {@code simulate}). Not a test; run by hand (bench/README.md).
 */
public final class HandoffBench {

  /** Fixes the committee's identities, so every run verifies the same certificate. */
  private static final long SEED = 13;

  private HandoffBench() {}

  public static void main(String[] args) throws Exception {
    List<String> parts = List.of(args);
    System.out.printf(
        Locale.ROOT,
        "harness JVM: %d processor(s) available%n%n",
        Runtime.getRuntime().availableProcessors());
    if (parts.contains("verify")) {
      int signers = intEnv("BENCH_SIGNERS", 100);
      System.err.printf("[handoff] part 1: verifying a certificate of %d signers%n", signers);
      SignedCertificate certificate = SignedCertificate.of(signers, new SplittableRandom(SEED));
      String figures =
          new CertificateVerification(
                  certificate,
                  intEnv("BENCH_VERIFY_WARMUP", 200),
                  intEnv("BENCH_ROUNDS", 9),
                  intEnv("BENCH_OPS", 50))
              .run();
      System.out.println("1. Certificate verification (CertificateCheck.verify), one thread");
      System.out.print(figures);
      System.out.println();
    }
    if (parts.contains("simulate")) {
      int members = intEnv("BENCH_SIM_MEMBERS", 10);
      System.err.printf("[handoff] part 2: simulating epochs at %d members%n", members);
      String figures =
          new SimulationThroughput(
                  members, intEnv("BENCH_SIM_EPOCHS", 40), intEnv("BENCH_SIM_ROUNDS", 5))
              .run();
      System.out.println("2. Handoff simulation throughput (HandoffSimulation.run), one thread");
      System.out.print(figures);
      System.out.println();
    }
  }

  private static int intEnv(String name, int fallback) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int parsed = Integer.parseInt(value.trim());
    if (parsed < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + parsed);
    }
    return parsed;
  }
}
