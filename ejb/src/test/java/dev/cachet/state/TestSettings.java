package dev.cachet.state;

import java.util.Map;
import java.util.Optional;

/** State key settings from configuration text, as MicroProfile Config would type them. */
final class TestSettings {

  private TestSettings() {}

  static StateKeySettings of(Map<String, String> values) {
    return new StateKeySettings(
        values.getOrDefault(KeyProviders.PROVIDER, ""),
        Optional.ofNullable(values.get(KeyProviders.KEY_FILE)),
        Optional.ofNullable(values.get(KeyProviders.KEY_COMMAND)),
        KeyCommandTimeout.parse(values.getOrDefault(KeyProviders.KEY_COMMAND_TIMEOUT, "30"))
            .duration(),
        Optional.ofNullable(values.get(KeyProviders.PREVIOUS_KEY_FILE)),
        Optional.ofNullable(values.get(KeyProviders.PREVIOUS_KEY_COMMAND)));
  }
}
