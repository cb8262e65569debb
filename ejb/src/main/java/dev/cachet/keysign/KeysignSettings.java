package dev.cachet.keysign;

/**
 * The keysign's timing.
 *
 * @param sessionTimeoutMillis how long an attempt has to deliver its signatures before every
 *     participant moves to the next attempt and its coordinator ({@code
 *     cachet.keysign.session-timeout-millis})
 * @param retryDelayMillis how long a coordinator waits before it tries its attempt again after a
 *     session failed early (a digest not there yet, a participant down)
 * @param culpritPenaltyMillis how long a participant named for invalid shares is left out of the
 *     sessions this node coordinates
 */
public record KeysignSettings(
    long sessionTimeoutMillis, long retryDelayMillis, long culpritPenaltyMillis) {

  public KeysignSettings {
    if (sessionTimeoutMillis < 1 || retryDelayMillis < 1 || culpritPenaltyMillis < 0) {
      throw new IllegalArgumentException("keysign timings are positive");
    }
  }

  /** The defaults that follow from a session timeout. */
  public static KeysignSettings of(long sessionTimeoutMillis) {
    return new KeysignSettings(
        sessionTimeoutMillis,
        Math.max(1, Math.min(500, sessionTimeoutMillis / 20)),
        10 * sessionTimeoutMillis);
  }
}
