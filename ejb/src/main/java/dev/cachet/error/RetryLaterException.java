package dev.cachet.error;

import java.time.Duration;
import java.util.Objects;

/**
 * Not yet: the request cannot be served now but will be, after about {@link #retryAfter()}: a key
 * not yet prepared, a preparation in flight, a key provider unavailable. Nothing was changed.
 */
public class RetryLaterException extends CachetException {

  /** The longest wait ever asked of a client: a day (a longer one is no promise to keep). */
  public static final Duration LONGEST = Duration.ofDays(1);

  private final Duration retryAfter;

  public RetryLaterException(String code, String message, Duration retryAfter) {
    this(code, message, retryAfter, null);
  }

  public RetryLaterException(String code, String message, Duration retryAfter, Throwable cause) {
    super(code, message, cause);
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
    this.retryAfter = retryAfter.compareTo(LONGEST) > 0 ? LONGEST : retryAfter;
  }

  /** How long the caller should wait before trying again, at most {@link #LONGEST}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
