package dev.cachet.state;

import java.util.Random;

/** Deterministic keys for tests. */
final class TestKeys {

  private TestKeys() {}

  static byte[] bytes(int seed) {
    byte[] key = new byte[StateKey.LENGTH];
    new Random(seed).nextBytes(key);
    return key;
  }

  static StateKey key(int seed) {
    return StateKey.of(bytes(seed));
  }
}
