package dev.cachet.handoff;

import java.time.Duration;

/**
 * The handoff's timing, as fractions of an epoch ({@code cachet.handoff.*}): announcements signed
 * at or before {@code close} are taken; members sign their ready signal after {@code close + grace}
 * once they hold every blob listed, or at {@code backstop} with what they hold. {@code resend} is
 * how often a member sends its signals again until its epoch is certified.
 */
public record HandoffSettings(
    double closeFraction, double graceFraction, double backstopFraction, Duration resend) {

  public HandoffSettings {
    if (!(closeFraction > 0 && closeFraction < 1)
        || graceFraction < 0
        || !(backstopFraction >= closeFraction + graceFraction && backstopFraction < 1)) {
      throw new IllegalArgumentException(
          "need 0 < close < 1, grace >= 0 and close + grace <= backstop < 1, not close "
              + closeFraction
              + ", grace "
              + graceFraction
              + ", backstop "
              + backstopFraction);
    }
  }

  public static HandoffSettings defaults(Duration resend) {
    return new HandoffSettings(0.5, 0.05, 0.75, resend);
  }
}
