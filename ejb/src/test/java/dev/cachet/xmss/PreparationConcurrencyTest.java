package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.DIRECT;
import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.message;
import static dev.cachet.xmss.TestSeeds.seeds;
import static dev.cachet.xmss.XmssBouncyCastleInteropTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Preparation splits work across threads without changing the result. */
class PreparationConcurrencyTest {

  private static final XmssParameters PARAMETERS = new XmssParameters(20, 2); // 1,024 leaves
  private static final XmssSecretSeeds SEEDS = seeds(1020);
  private static final PreparedWindow WINDOW =
      XmssKeys.generate(PARAMETERS, SEEDS, 0, POOL).window();

  @Test
  void preparationOnTheCallingThreadAloneEqualsPreparationOnThePool() {
    assertThat(WINDOW.prepareNext(DIRECT).encode()).isEqualTo(WINDOW.prepareNext(POOL).encode());
  }

  @Test
  void preparingFromTheExecutorsOnlyThreadDoesNotWaitOnItself() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      Future<PreparedWindow> next = single.submit(() -> WINDOW.prepareNext(single));

      // A bound, not a timing assertion: without the caller's own work this would never finish.
      assertThat(next.get(5, TimeUnit.MINUTES).bottomTrees()).containsExactly(0L, 1L);
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void usesNoMoreThreadsThanTheExecutorOrTheMachineHas() {
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService cached = Executors.newCachedThreadPool();
    ExecutorService single = Executors.newFixedThreadPool(1);
    try {
      assertThat(TreeBuild.threadsOf(cached)).isEqualTo(cores);
      assertThat(TreeBuild.threadsOf(single)).isEqualTo(1);
      assertThat(TreeBuild.threadsOf(DIRECT)).isEqualTo(cores);
    } finally {
      cached.shutdownNow();
      single.shutdownNow();
    }
  }

  @Test
  void concurrentSignersOfOneWindowAllProduceValidSignatures() {
    List<CompletableFuture<Boolean>> results = new ArrayList<>();
    for (long slot = 0; slot < 64; slot += 3) {
      long s = slot;
      results.add(
          CompletableFuture.supplyAsync(
              () ->
                  XmssVerifier.verify(
                      WINDOW.publicKey(), message(s), signed(WINDOW.sign(s, message(s)))),
              POOL));
    }
    assertThat(results).allSatisfy(result -> assertThat(result.join()).isTrue());
  }
}
