package dev.cachet.state;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code cachet.state.key-command-timeout}: whole seconds, blanks around them allowed. MicroProfile
 * Config converts the key to this type through {@link #parse} (an implicit converter), so a value
 * that is not a number stops the start with a message naming the key.
 */
public record KeyCommandTimeout(Duration duration) {

  public KeyCommandTimeout {
    Objects.requireNonNull(duration, "duration");
  }

  /** The timeout {@code seconds} names. */
  public static KeyCommandTimeout parse(CharSequence seconds) {
    try {
      return new KeyCommandTimeout(Duration.ofSeconds(Long.parseLong(seconds.toString().strip())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          KeyProviders.KEY_COMMAND_TIMEOUT
              + " must be a whole number of seconds, not '"
              + seconds
              + "'");
    }
  }
}
