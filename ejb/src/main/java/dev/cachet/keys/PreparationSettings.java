package dev.cachet.keys;

import java.util.OptionalLong;

/**
 * How a node prepares windows: its preparation threads, the lead (slots before a window's end at
 * which its next tree starts; empty for half a tree), and how many preparations may wait before an
 * admin generation is refused ({@code PREPARATION_QUEUE_FULL}).
 */
public record PreparationSettings(int threads, OptionalLong leadSlots, int maxQueued) {

  /** {@code cachet.keys.max-queued-preparations}'s default. */
  public static final int DEFAULT_MAX_QUEUED = 64;

  public PreparationSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one preparation thread, got " + threads);
    }
    if (maxQueued < 1) {
      throw new IllegalArgumentException("at least one queued preparation, got " + maxQueued);
    }
    leadSlots.ifPresent(
        lead -> {
          if (lead < 0) {
            throw new IllegalArgumentException("the lead is not negative, got " + lead);
          }
        });
  }

  /** {@code threads} threads, half a tree of lead, the default bound. */
  public static PreparationSettings of(int threads) {
    return new PreparationSettings(threads, OptionalLong.empty(), DEFAULT_MAX_QUEUED);
  }
}
