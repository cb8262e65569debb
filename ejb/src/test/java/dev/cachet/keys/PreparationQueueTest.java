package dev.cachet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.RetryLaterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The preparation queue: keys that sign go first, the bound, and the wait counting what is ahead.
 */
class PreparationQueueTest {

  private final ManualExecutor pool = new ManualExecutor();
  private final KeyTestNode.MutableClock clock = new KeyTestNode.MutableClock(KeyTestNode.GENESIS);

  /** One second per leaf on the node's threads: waits are easy to read. */
  private final PreparationQueue queue =
      new PreparationQueue(pool, 1, clock, leaves -> Duration.ofSeconds(leaves));

  private final List<String> ran = new ArrayList<>();

  private static KeyEntry.Preparation preparation(long leaves) {
    return new KeyEntry.Preparation(OptionalLong.empty(), leaves, Duration.ofSeconds(leaves));
  }

  private Runnable work(String name) {
    return () -> ran.add(name);
  }

  @Test
  void aKeyThatSignsIsNeverStarvedByAQueueOfNewKeys() {
    for (int i = 0; i < 5; i++) {
      queue.submitNewKey(preparation(100), work("new " + i), 64);
    }
    queue.submit(PreparationQueue.Priority.SIGNING_KEY, preparation(10), work("next tree"));

    pool.runAll();

    assertThat(ran).containsExactly("next tree", "new 0", "new 1", "new 2", "new 3", "new 4");
  }

  @Test
  void theWaitCountsThePreparationsAhead() {
    KeyEntry.Preparation first = preparation(10);
    KeyEntry.Preparation second = preparation(20);
    KeyEntry.Preparation third = preparation(5);
    queue.submitNewKey(first, work("first"), 64);
    queue.submitNewKey(second, work("second"), 64);
    queue.submitNewKey(third, work("third"), 64);

    assertThat(queue.remaining(first)).isEqualTo(Duration.ofSeconds(10));
    assertThat(queue.remaining(third)).isEqualTo(Duration.ofSeconds(35));

    KeyEntry.Preparation nextTree = preparation(7);
    queue.submit(PreparationQueue.Priority.SIGNING_KEY, nextTree, work("next tree"));
    assertThat(queue.remaining(nextTree)).isEqualTo(Duration.ofSeconds(7));
    assertThat(queue.remaining(third)).as("it went ahead").isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void aRunningPreparationCountsWhatIsLeftOfIt() {
    KeyEntry.Preparation running = preparation(30);
    KeyEntry.Preparation waiting = preparation(10);
    running.start(clock.instant());
    clock.advance(Duration.ofSeconds(12));

    assertThat(running.remaining(clock.instant())).isEqualTo(Duration.ofSeconds(18));
    clock.advance(Duration.ofSeconds(60));
    assertThat(queue.remaining(running))
        .as("late, but never less than a second")
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(waiting.remaining(clock.instant())).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void newKeysBeyondTheBoundAreRefusedAndKeysThatSignNeverAre() {
    queue.submitNewKey(preparation(10), work("a"), 2);
    queue.submitNewKey(preparation(10), work("b"), 2);

    assertThatThrownBy(() -> queue.submitNewKey(preparation(10), work("c"), 2))
        .isInstanceOfSatisfying(
            RetryLaterException.class,
            e -> {
              assertThat(e.code()).isEqualTo("PREPARATION_QUEUE_FULL");
              assertThat(e.retryAfter()).isPositive();
            });
    queue.submit(PreparationQueue.Priority.SIGNING_KEY, preparation(10), work("next tree"));
    assertThat(queue.waiting()).isEqualTo(3);

    pool.runAll();
    assertThat(ran).containsExactly("next tree", "a", "b");
    queue.submitNewKey(preparation(10), work("c"), 2);
    pool.runAll();
    assertThat(ran).endsWith("c");
  }

  @Test
  void noMoreDrainersThanThreadsAndAFailureStopsNone() {
    PreparationQueue two = new PreparationQueue(pool, 2, clock, Duration::ofSeconds);
    two.submitNewKey(
        preparation(1),
        () -> {
          throw new IllegalStateException("injected");
        },
        64);
    for (int i = 0; i < 4; i++) {
      two.submitNewKey(preparation(1), work("k" + i), 64);
    }
    assertThat(pool.waiting(PreparationQueue.Drainer.class)).isEqualTo(2);

    pool.runAll();
    assertThat(ran).containsExactly("k0", "k1", "k2", "k3");
    assertThat(two.waiting()).isZero();
  }
}
