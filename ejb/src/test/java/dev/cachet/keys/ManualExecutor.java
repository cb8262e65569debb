package dev.cachet.keys;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** An executor the test drives by hand: tasks wait in a queue until {@link #runAll}. */
final class ManualExecutor extends AbstractExecutorService {

  private final Deque<Runnable> queue = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    queue.add(task);
  }

  /** Tasks waiting, by class name (helpers of a tree build included). */
  synchronized List<String> waiting() {
    return queue.stream().map(t -> t.getClass().getSimpleName()).toList();
  }

  synchronized long waiting(Class<?> type) {
    return queue.stream().filter(type::isInstance).count();
  }

  /** Runs queued tasks, and the tasks they queue, until none is left. */
  void runAll() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
      }
      if (next == null) {
        return;
      }
      next.run();
    }
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
