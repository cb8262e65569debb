package dev.cachet.metadata;

import java.time.Duration;

/**
 * How the exchange paces itself.
 *
 * @param pushAttempts how often an announcement is pushed to one member, at most
 * @param firstBackoff the wait after a first failed call to a peer; it doubles with each failure
 * @param maxBackoff the longest wait between calls to one peer for one thing
 * @param mismatchBackoff how long a peer that served wrong bytes for a blob is not asked for it
 * @param listingPeriod how often a peer's listing is pulled (one peer at a time, in turn)
 * @param maxBlobSize the largest blob an announcement may name ({@code cachet.blob.max-size})
 */
public record ExchangeSettings(
    int pushAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration mismatchBackoff,
    Duration listingPeriod,
    long maxBlobSize) {

  /** The exchange's tick for epochs of {@code epoch}: 1% of it, within 200 ms and 2 s. */
  public static Duration cadence(Duration epoch) {
    Duration onePercent = epoch.dividedBy(100);
    if (onePercent.compareTo(Duration.ofMillis(200)) < 0) {
      return Duration.ofMillis(200);
    }
    return onePercent.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : onePercent;
  }

  /** Settings scaled to epochs of {@code epoch}. */
  public static ExchangeSettings forEpochs(Duration epoch, long maxBlobSize) {
    Duration tick = cadence(epoch);
    return new ExchangeSettings(
        12, tick, tick.multipliedBy(8), epoch.dividedBy(4), tick.multipliedBy(5), maxBlobSize);
  }

  Duration backoff(int failures) {
    Duration wait = firstBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
