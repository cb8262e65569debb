package dev.cachet.keys;

import java.time.Duration;

/** What the key manager reports for metrics; the bean implements it over MicroProfile Metrics. */
public interface KeyObserver {

  void signed(KeyRole role, Duration latency);

  void refused(String code);

  void preparationFinished(ValidatorKeyId id, Duration duration);

  void preparationFailed(ValidatorKeyId id);

  KeyObserver NONE =
      new KeyObserver() {
        @Override
        public void signed(KeyRole role, Duration latency) {}

        @Override
        public void refused(String code) {}

        @Override
        public void preparationFinished(ValidatorKeyId id, Duration duration) {}

        @Override
        public void preparationFailed(ValidatorKeyId id) {}
      };
}
