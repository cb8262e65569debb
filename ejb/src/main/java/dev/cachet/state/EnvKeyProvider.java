package dev.cachet.state;

import java.util.Objects;

/**
 * The {@code env} provider: the key is 64 hex characters in an environment variable ({@code
 * CACHET_STATE_KEY_HEX}, or {@code CACHET_STATE_PREVIOUS_KEY_HEX} for the decrypt-only previous
 * key). The variable is read at every resolution, like the other providers.
 */
public final class EnvKeyProvider implements KeyProvider {

  public static final String NAME = "env";

  private final String variable;
  private final EnvLookup env;

  public EnvKeyProvider(String variable, EnvLookup env) {
    this.variable = Objects.requireNonNull(variable, "variable");
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StateKey resolve() {
    String hex =
        env.get(variable)
            .filter(v -> !v.isBlank())
            .orElseThrow(
                () ->
                    new StateKeyUnavailableException(
                        "the environment variable " + variable + " is not set"));
    return HexKey.parse(hex.toCharArray(), "the environment variable " + variable);
  }
}
