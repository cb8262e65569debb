package dev.cachet.keysign;

/**
 * Batch arithmetic: nonce {@code n} is in batch {@code n / size}, which covers {@code size} nonces.
 */
public final class Batches {

  /** zetaclient's batch size: larger batches gained little. */
  public static final int DEFAULT_SIZE = 10;

  /** The most digests one session signs (the FROST core's limit is larger). */
  public static final int MAX_SIZE = 100;

  private Batches() {}

  public static long batchOf(long nonce, int size) {
    return nonce / size;
  }

  public static long firstNonce(long batch, int size) {
    return Math.multiplyExact(batch, (long) size);
  }

  /** The last nonce of the batch, inclusive. */
  public static long lastNonce(long batch, int size) {
    return firstNonce(batch, size) + size - 1;
  }

  /**
   * @throws InvalidKeysignException {@code INVALID_BATCH_SIZE} unless 1 to {@value #MAX_SIZE}
   */
  public static int checkSize(long size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidKeysignException(
          "INVALID_BATCH_SIZE", "a batch size is 1 to " + MAX_SIZE + ", not " + size);
    }
    return (int) size;
  }
}
