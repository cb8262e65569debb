package dev.cachet.node;

import dev.cachet.error.RetryLaterException;
import java.time.Duration;

/**
 * Not yet: the node's identity is not loaded (its state key could not be had at start; the node
 * keeps trying), and the request needs to know it. Nothing was changed.
 */
public final class IdentityNotLoadedException extends RetryLaterException {

  /** About when the node tries to load its identity again. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  public IdentityNotLoadedException(String why) {
    super("IDENTITY_NOT_LOADED", "this node's identity is not loaded yet: " + why, RETRY_AFTER);
  }
}
