package dev.cachet.xmss;

import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Deterministic seeds and a shared small pool for the XMSS tests. */
final class TestSeeds {

  /** Two threads, as on the project's machines; daemon so the test JVM never waits on it. */
  static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "xmss-test-preparation");
            thread.setDaemon(true);
            return thread;
          });

  /** Runs tasks on the calling thread. */
  static final Executor DIRECT = Runnable::run;

  private TestSeeds() {}

  static XmssSecretSeeds seeds(long seed) {
    Random random = new Random(seed);
    byte[][] parts = new byte[3][XmssParameters.N];
    for (byte[] part : parts) {
      random.nextBytes(part);
    }
    return XmssSecretSeeds.of(parts[0], parts[1], parts[2]);
  }

  static byte[] message(long seed) {
    byte[] message = new byte[32];
    new Random(seed).nextBytes(message);
    return message;
  }
}
