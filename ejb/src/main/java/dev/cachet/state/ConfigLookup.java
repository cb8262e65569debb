package dev.cachet.state;

import java.util.Optional;

/** Reads one configuration key ({@code cachet.*}); the bean backs it with MicroProfile Config. */
@FunctionalInterface
public interface ConfigLookup {

  /** The key's value, empty if it is not set. */
  Optional<String> value(String key);
}
