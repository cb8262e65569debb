package dev.cachet.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The request cannot be served yet but will be (HTTP 503 with {@code Retry-After}): a key not yet
 * prepared, a preparation in flight, a key provider unavailable. Nothing was changed.
 */
public class RetryLaterException extends CachetException {

  private final Duration retryAfter;

  public RetryLaterException(String code, String message, Duration retryAfter) {
    this(code, message, retryAfter, null);
  }

  public RetryLaterException(String code, String message, Duration retryAfter, Throwable cause) {
    super(code, message, cause);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
  }

  /** How long the caller should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
