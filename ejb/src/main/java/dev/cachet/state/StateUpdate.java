package dev.cachet.state;

import java.util.Optional;

/** The change a caller makes to a record: from its current plaintext to the next, or none. */
@FunctionalInterface
public interface StateUpdate {

  /**
   * @param current the record's plaintext (a copy), empty if the record does not exist yet
   * @return the next plaintext, or empty for "no change" (then nothing is persisted and no key is
   *     resolved)
   */
  Optional<byte[]> next(Optional<byte[]> current);
}
