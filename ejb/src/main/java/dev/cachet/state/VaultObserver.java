package dev.cachet.state;

import java.time.Duration;

/** What the vault reports for metrics; the bean implements it over MicroProfile Metrics. */
public interface VaultObserver {

  /** A record was persisted: {@code bytes} of envelope. */
  void persisted(int bytes);

  /** A persist failed; {@code cause} is the error code or exception name. */
  void persistFailed(String cause);

  /** The current key was resolved (or failed to be) in {@code elapsed}. */
  void keyResolved(Duration elapsed);

  /** Reports nothing. */
  VaultObserver NONE =
      new VaultObserver() {
        @Override
        public void persisted(int bytes) {}

        @Override
        public void persistFailed(String cause) {}

        @Override
        public void keyResolved(Duration elapsed) {}
      };
}
