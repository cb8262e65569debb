package dev.cachet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A preparation's leaf counter, and the time left it gives: the count only grows, stops at the
 * leaves the preparation costs, and once leaves are counted the time left follows the rate
 * measured, not the first estimate.
 */
class PreparationProgressTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static KeyEntry.Preparation preparation(long leaves, Duration expected) {
    return new KeyEntry.Preparation(OptionalLong.of(4), leaves, expected);
  }

  @Test
  void theCountOnlyGrowsFromEveryBuildingThreadAndStopsAtTheTotal() throws Exception {
    KeyEntry.Preparation p = preparation(4_000, Duration.ofSeconds(40));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Long> seen = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        threads.execute(
            () -> {
              for (int i = 0; i < 1_000; i++) {
                p.progress().computed(1);
              }
            });
      }
      threads.shutdown();
      while (!threads.awaitTermination(10, TimeUnit.MILLISECONDS)) {
        seen.add(p.leavesDone());
      }
    } finally {
      threads.shutdownNow();
    }
    seen.add(p.leavesDone());
    assertThat(seen).isSorted();
    assertThat(p.leavesDone()).isEqualTo(4_000);

    p.progress().computed(5);
    assertThat(p.leavesDone()).as("never past the total").isEqualTo(4_000);
  }

  @Test
  void theTimeLeftFollowsTheMeasuredRateOnceLeavesAreCounted() {
    KeyEntry.Preparation p = preparation(1_000, Duration.ofSeconds(100));
    assertThat(p.remaining(T0))
        .as("waiting: the whole estimate")
        .isEqualTo(Duration.ofSeconds(100));

    p.start(T0);
    assertThat(p.remaining(T0.plusSeconds(30)))
        .as("nothing counted yet: the estimate less what ran")
        .isEqualTo(Duration.ofSeconds(70));

    p.progress().computed(250); // a quarter in 30 s: three quarters take 90 s more
    assertThat(p.remaining(T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(90));
    p.progress().computed(750);
    assertThat(p.remaining(T0.plusSeconds(60))).isEqualTo(Duration.ZERO);
  }

  @Test
  void aProgressViewIsAlwaysConsistent() {
    assertThat(new PreparationProgress(3L, 0, 10, null, 4).leavesDone()).isZero();
    assertThatThrownBy(() -> new PreparationProgress(3L, 11, 10, T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PreparationProgress(3L, -1, 10, T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PreparationProgress(3L, 0, 0, T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PreparationProgress(3L, 1, 10, T0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
