package dev.cachet.state;

import java.util.Optional;

/** Reads one environment variable; tests pass their own environment. */
@FunctionalInterface
public interface EnvLookup {

  /** The variable's value, empty if it is not set. */
  Optional<String> get(String name);

  /** The process environment. */
  static EnvLookup system() {
    return name -> Optional.ofNullable(System.getenv(name));
  }
}
