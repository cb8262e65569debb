package dev.cachet.keysign;

import dev.cachet.node.IdentityKey;

/** What the keysign reports, for metrics and logs. */
public interface KeysignObserver {

  /** Why a session ended without signatures. */
  enum Abort {
    TIMEOUT,
    INVALID_SHARE,
    DIGEST_MISMATCH,
    DIGEST_NOT_YET,
    /** A participant released shares for these digests to another coordinator moments ago. */
    PARTICIPANT_BUSY,
    UNAVAILABLE
  }

  KeysignObserver NONE = new KeysignObserver() {};

  default void sessionStarted(KeysignWire.Session session, int digests) {}

  default void sessionSigned(KeysignWire.Session session, int digests, long durationMillis) {}

  default void sessionAborted(KeysignWire.Session session, Abort cause, String detail) {}

  /** A session ended by taking signatures a participant held already (another session's). */
  default void sessionAdopted(KeysignWire.Session session, int digests) {}

  default void culprit(long chainId, IdentityKey participant) {}

  default void sharesReleased(long chainId, int digests) {}

  default void signaturesStored(long chainId, int digests) {}
}
