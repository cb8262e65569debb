package dev.cachet.handoff;

/** What the handoff reports, for metrics. Every method has a no-op default. */
public interface HandoffObserver {

  default void frozen(long epoch, int items) {}

  default void attestationAccepted() {}

  default void attestationRefused(String cause) {}

  default void certified(long epoch) {}

  default void certificateRefused() {}

  default void barrierWaiting() {}

  HandoffObserver NONE = new HandoffObserver() {};
}
