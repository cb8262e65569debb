package dev.cachet.state;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The state key's configuration as the container typed it ({@code cachet.state.*}). A blank value
 * counts as unset, as an absent one does, so {@code CACHET_STATE_KEY_FILE=" "} is no key file; the
 * command timeout is always within 1–300 s. Which provider these name is decided by {@link
 * KeyProviders}.
 *
 * @param provider {@code cachet.state.key-provider}: {@code env}, {@code file} or {@code command};
 *     empty when unset, which {@link KeyProviders} takes for {@code file}
 * @param keyFile {@code cachet.state.key-file}
 * @param keyCommand {@code cachet.state.key-command}
 * @param commandTimeout {@code cachet.state.key-command-timeout}, clamped to 1–300 s
 * @param previousKeyFile {@code cachet.state.previous-key-file}
 * @param previousKeyCommand {@code cachet.state.previous-key-command}
 */
public record StateKeySettings(
    String provider,
    Optional<String> keyFile,
    Optional<String> keyCommand,
    Duration commandTimeout,
    Optional<String> previousKeyFile,
    Optional<String> previousKeyCommand) {

  public StateKeySettings {
    provider = Objects.requireNonNull(provider, "provider").strip();
    keyFile = set(keyFile);
    keyCommand = set(keyCommand);
    commandTimeout = CommandKeyProvider.clamp(commandTimeout);
    previousKeyFile = set(previousKeyFile);
    previousKeyCommand = set(previousKeyCommand);
  }

  /** These settings with {@code file} as the key file. */
  public StateKeySettings withKeyFile(String file) {
    return new StateKeySettings(
        provider,
        Optional.of(file),
        keyCommand,
        commandTimeout,
        previousKeyFile,
        previousKeyCommand);
  }

  private static Optional<String> set(Optional<String> value) {
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }
}
