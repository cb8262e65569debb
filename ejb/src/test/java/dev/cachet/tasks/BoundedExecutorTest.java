package dev.cachet.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedExecutorTest {

  /** The shared executor: unbounded, as a container's may be. */
  private final ExecutorService shared = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    shared.shutdownNow();
  }

  @Test
  void runsAtMostItsThreadsAtOnceAndQueuesTheRest() throws Exception {
    BoundedExecutor executor = new BoundedExecutor(shared, 2, "test");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(10);
    CountDownLatch twoStarted = new CountDownLatch(2);
    for (int i = 0; i < 10; i++) {
      int task = i;
      executor.execute(
          () -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            twoStarted.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            order.add(task);
            now.decrementAndGet();
            done.countDown();
          });
    }
    assertThat(twoStarted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(executor.running()).isEqualTo(2);
    assertThat(executor.waiting()).isEqualTo(8);
    release.countDown();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(most.get()).isEqualTo(2);
    assertThat(order).hasSize(10);
    awaitIdle(executor);
    assertThat(executor.waiting()).isZero();
  }

  @Test
  void startsTheWaitingTasksInTheOrderTheyCame() throws Exception {
    BoundedExecutor executor = new BoundedExecutor(shared, 1, "test");
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(20);
    for (int i = 0; i < 20; i++) {
      int task = i;
      executor.execute(
          () -> {
            order.add(task);
            done.countDown();
          });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order).isSorted().hasSize(20);
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheOthers() throws Exception {
    BoundedExecutor executor = new BoundedExecutor(shared, 1, "test");
    CountDownLatch ran = new CountDownLatch(2);
    executor.execute(
        () -> {
          ran.countDown();
          throw new IllegalStateException("expected by the test");
        });
    executor.execute(ran::countDown);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    awaitIdle(executor);
  }

  @Test
  void shutdownNowInterruptsTheRunningDropsTheWaitingAndRefusesMore() throws Exception {
    BoundedExecutor executor = new BoundedExecutor(shared, 1, "test");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    executor.execute(
        () -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        });
    Runnable waiting = () -> {};
    executor.execute(waiting);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(executor.shutdownNow()).containsExactly(waiting);
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void refusesNoThreads() {
    assertThatThrownBy(() -> new BoundedExecutor(shared, 0, "test"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void awaitIdle(BoundedExecutor executor) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (executor.running() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(executor.running()).isZero();
  }
}
