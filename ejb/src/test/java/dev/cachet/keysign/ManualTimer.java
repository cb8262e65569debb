package dev.cachet.keysign;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Timer} on a virtual clock: tasks wait with their due times and run, in order of (due
 * time, scheduling order), only when the test advances the clock. The clock shows the due time of
 * the task that runs; nothing else moves it.
 */
final class ManualTimer implements Timer {

  private record Task(long at, long seq, Runnable action) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::at).thenComparingLong(Task::seq));
  private long now;
  private long seq;
  private long ran;

  ManualTimer(long startMillis) {
    this.now = startMillis;
  }

  /** The virtual time, in milliseconds. */
  long now() {
    return now;
  }

  @Override
  public void schedule(Runnable task, long delayMillis) {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("a negative delay: " + delayMillis);
    }
    tasks.add(new Task(now + delayMillis, seq++, task));
  }

  /** Runs {@code task} at {@code atMillis}, or now if that has passed. */
  void scheduleAt(long atMillis, Runnable task) {
    schedule(task, Math.max(0, atMillis - now));
  }

  /** Runs every task due up to and including {@code untilMillis}, then shows that time. */
  void advanceTo(long untilMillis) {
    while (!tasks.isEmpty() && tasks.peek().at() <= untilMillis) {
      Task next = tasks.poll();
      now = next.at();
      ran++;
      next.action().run();
    }
    now = Math.max(now, untilMillis);
  }

  void advance(long millis) {
    advanceTo(now + millis);
  }

  /** How many tasks wait. */
  int waiting() {
    return tasks.size();
  }

  long ran() {
    return ran;
  }
}
