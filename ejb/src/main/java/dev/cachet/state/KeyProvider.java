package dev.cachet.state;

/**
 * Where the state key comes from. {@link #resolve()} is called for every persist, under the guard
 * that orders the writes (so an external rotation is picked up at the next write, and the last
 * writer always uses the current key); the caller closes the returned key as soon as the write is
 * done. Implementations are thread-safe and never put key material in a log or an exception.
 */
public interface KeyProvider {

  /** The provider's name as envelopes record it: {@code env}, {@code file} or {@code command}. */
  String name();

  /**
   * The key now.
   *
   * @throws StateKeyUnavailableException if it cannot be had (missing, malformed, command failed or
   *     timed out)
   */
  StateKey resolve();
}
