package dev.cachet.peer;

/**
 * The epochs a node takes peer messages for: the previous, the current and the next one. Older ones
 * are over (410 {@code EPOCH_STALE}); later ones cannot be acted on yet (400 {@code EPOCH_AHEAD}).
 */
public final class EpochWindow {

  private EpochWindow() {}

  /**
   * @throws EpochStaleException if {@code epoch < current - 1}
   * @throws EpochAheadException if {@code epoch > current + 1}
   */
  public static void check(long epoch, long current) {
    if (epoch < current - 1) {
      throw new EpochStaleException(epoch, current);
    }
    if (epoch > current + 1) {
      throw new EpochAheadException(epoch, current);
    }
  }
}
