package dev.cachet.state;

import dev.cachet.error.RetryLaterException;
import java.time.Duration;

/**
 * The state key cannot be resolved now (not yet): nothing was written. The message says which
 * provider failed and why, never any key material.
 */
public class StateKeyUnavailableException extends RetryLaterException {

  /** How long a caller should wait before trying again. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  public StateKeyUnavailableException(String message) {
    super("STATE_KEY_UNAVAILABLE", message, RETRY_AFTER);
  }

  public StateKeyUnavailableException(String message, Throwable cause) {
    super("STATE_KEY_UNAVAILABLE", message, RETRY_AFTER, cause);
  }
}
