package dev.cachet.handoff;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Simulated time: events run in the order of (time, sequence number), and the clock shows the time
 * of the event that runs. Nothing else moves the clock, so a run depends only on what was
 * scheduled: no threads, no sleeps, no wall time.
 */
final class EventQueue {

  private record Event(long at, long seq, Runnable action) {}

  private final PriorityQueue<Event> events =
      new PriorityQueue<>(Comparator.comparingLong(Event::at).thenComparingLong(Event::seq));
  private final VirtualClock clock;
  private long seq;
  private long processed;

  EventQueue(long startMillis) {
    this.clock = new VirtualClock(startMillis);
  }

  Clock clock() {
    return clock;
  }

  long now() {
    return clock.millis;
  }

  /** Runs {@code action} at {@code atMillis}, or now if that is in the past. */
  void at(long atMillis, Runnable action) {
    events.add(new Event(Math.max(atMillis, clock.millis), seq++, action));
  }

  void after(long delayMillis, Runnable action) {
    at(clock.millis + delayMillis, action);
  }

  /** Runs every event before {@code endMillis}, then shows {@code endMillis}. */
  void runUntil(long endMillis) {
    while (!events.isEmpty() && events.peek().at() < endMillis) {
      Event next = events.poll();
      clock.millis = next.at();
      processed++;
      next.action().run();
    }
    clock.millis = endMillis;
  }

  long processed() {
    return processed;
  }

  /** A clock that shows what the queue says. */
  private static final class VirtualClock extends Clock {
    private long millis;

    VirtualClock(long millis) {
      this.millis = millis;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
