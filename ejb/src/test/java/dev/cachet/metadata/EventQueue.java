package dev.cachet.metadata;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.IntConsumer;

/**
 * The simulation's scheduler: events ordered by virtual time, then by the order they were
 * scheduled, run one at a time on the caller's thread. Running one moves the clock to its time.
 */
final class EventQueue {

  /** Marks an event that runs no node's code. */
  static final int NO_NODE = -1;

  /** An event with a null label is not traced: a probe that only looks. */
  private record Event(long at, long sequence, int node, String label, Runnable action) {}

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(Comparator.comparingLong(Event::at).thenComparingLong(Event::sequence));
  private final SimClock clock;
  private final SimTrace trace;
  private long sequence;

  EventQueue(SimClock clock, SimTrace trace) {
    this.clock = clock;
    this.trace = trace;
  }

  /**
   * Schedules {@code action} at {@code at} ms of virtual time; {@code node} is whose code it runs.
   */
  void at(long at, int node, String label, Runnable action) {
    if (at < clock.elapsedMillis()) {
      throw new IllegalArgumentException("an event cannot be in the past: " + at);
    }
    queue.add(new Event(at, sequence++, node, label, action));
  }

  /**
   * Schedules {@code look} at {@code at} ms, untraced: it must change nothing, so that a run with
   * it is the same as one without.
   */
  void quietly(long at, Runnable look) {
    queue.add(new Event(at, sequence++, NO_NODE, null, look));
  }

  long now() {
    return clock.elapsedMillis();
  }

  void after(long delay, int node, String label, Runnable action) {
    at(clock.elapsedMillis() + delay, node, label, action);
  }

  /** Runs every event up to {@code end} ms, telling {@code afterEach} whose code each one ran. */
  void runUntil(long end, IntConsumer afterEach) {
    while (!queue.isEmpty() && queue.peek().at() <= end) {
      Event event = queue.poll();
      clock.advanceTo(event.at());
      if (event.label() != null) {
        trace.record(event.at() + " " + event.label());
      }
      event.action().run();
      afterEach.accept(event.node());
    }
    clock.advanceTo(end);
  }
}
