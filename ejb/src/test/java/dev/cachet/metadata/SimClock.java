package dev.cachet.metadata;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulation's virtual time: it reads what the event queue last set, and nothing else. */
final class SimClock extends Clock {

  private final long originMillis;
  private long elapsedMillis;

  SimClock(long originMillis) {
    this.originMillis = originMillis;
  }

  /** Moves time forward to {@code elapsed} milliseconds after the origin; never back. */
  void advanceTo(long elapsed) {
    if (elapsed < elapsedMillis) {
      throw new IllegalStateException("time runs forward: " + elapsed + " < " + elapsedMillis);
    }
    elapsedMillis = elapsed;
  }

  long elapsedMillis() {
    return elapsedMillis;
  }

  @Override
  public long millis() {
    return originMillis + elapsedMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulation's clock is UTC only");
  }
}
