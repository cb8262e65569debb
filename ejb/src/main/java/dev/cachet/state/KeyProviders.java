package dev.cachet.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Builds the key providers the configuration names: the current key ({@code
 * cachet.state.key-provider} = {@code env} | {@code file} | {@code command}) and the optional
 * decrypt-only previous key, from at most one of {@code CACHET_STATE_PREVIOUS_KEY_HEX}, {@code
 * cachet.state.previous-key-file} and {@code cachet.state.previous-key-command}. A configuration
 * that cannot work is refused at start with a message naming the key to fix.
 */
public final class KeyProviders {

  public static final String PROVIDER = "cachet.state.key-provider";
  public static final String KEY_FILE = "cachet.state.key-file";
  public static final String KEY_COMMAND = "cachet.state.key-command";
  public static final String KEY_COMMAND_TIMEOUT = "cachet.state.key-command-timeout";
  public static final String PREVIOUS_KEY_FILE = "cachet.state.previous-key-file";
  public static final String PREVIOUS_KEY_COMMAND = "cachet.state.previous-key-command";

  /** Environment variable of the {@code env} provider's key. */
  public static final String KEY_ENV = "CACHET_STATE_KEY_HEX";

  /** Environment variable of the decrypt-only previous key. */
  public static final String PREVIOUS_KEY_ENV = "CACHET_STATE_PREVIOUS_KEY_HEX";

  private KeyProviders() {}

  /** The provider of the current key; a key command's output is drained on {@code threads}. */
  public static KeyProvider current(
      StateKeySettings settings, EnvLookup env, ThreadFactory threads) {
    String provider = settings.provider().isEmpty() ? FileKeyProvider.NAME : settings.provider();
    return switch (provider) {
      case EnvKeyProvider.NAME -> new EnvKeyProvider(KEY_ENV, env);
      case FileKeyProvider.NAME ->
          new FileKeyProvider(Path.of(required(settings.keyFile(), KEY_FILE)));
      case CommandKeyProvider.NAME ->
          new CommandKeyProvider(
              required(settings.keyCommand(), KEY_COMMAND), settings.commandTimeout(), threads);
      default ->
          throw new IllegalArgumentException(
              PROVIDER + " must be env, file or command, not '" + provider + "'");
    };
  }

  /** The provider of the decrypt-only previous key, if one is configured. */
  public static Optional<KeyProvider> previous(
      StateKeySettings settings, EnvLookup env, ThreadFactory threads) {
    List<KeyProvider> sources = new ArrayList<>();
    env.get(PREVIOUS_KEY_ENV)
        .filter(v -> !v.isBlank())
        .ifPresent(v -> sources.add(new EnvKeyProvider(PREVIOUS_KEY_ENV, env)));
    settings.previousKeyFile().ifPresent(f -> sources.add(new FileKeyProvider(Path.of(f))));
    settings
        .previousKeyCommand()
        .ifPresent(c -> sources.add(new CommandKeyProvider(c, settings.commandTimeout(), threads)));
    if (sources.size() > 1) {
      throw new IllegalArgumentException(
          "configure at most one previous state key: "
              + PREVIOUS_KEY_ENV
              + ", "
              + PREVIOUS_KEY_FILE
              + " or "
              + PREVIOUS_KEY_COMMAND);
    }
    return sources.stream().findFirst();
  }

  private static String required(Optional<String> value, String key) {
    return value.orElseThrow(
        () -> new IllegalArgumentException(key + " must be set for the chosen key provider"));
  }
}
