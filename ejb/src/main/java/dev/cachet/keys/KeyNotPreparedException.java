package dev.cachet.keys;

import dev.cachet.error.RetryLaterException;
import java.time.Duration;

/**
 * The slot is within the key's lifetime but beyond its prepared window: a preparation for it runs,
 * and {@code Retry-After} is the time it is expected to take still.
 */
public class KeyNotPreparedException extends RetryLaterException {

  public KeyNotPreparedException(ValidatorKeyId id, long slot, String window, Duration retryAfter) {
    super(
        "KEY_NOT_PREPARED",
        "the " + id + " is not prepared for slot " + slot + " (" + window + "); preparing it",
        retryAfter);
  }
}
