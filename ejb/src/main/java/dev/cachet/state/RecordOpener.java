package dev.cachet.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens an envelope with the key it names: the current key, or else the decrypt-only previous key.
 * With neither, it fails closed with {@link StateKeyMismatchException} naming both ids, and nothing
 * is written, so an envelope under an unknown key is never overwritten.
 */
final class RecordOpener {

  private static final Logger LOG = Logger.getLogger(RecordOpener.class.getName());

  private final EnvelopeCipher cipher;
  private final Optional<KeyProvider> previousKey;

  RecordOpener(EnvelopeCipher cipher, Optional<KeyProvider> previousKey) {
    this.cipher = cipher;
    this.previousKey = previousKey;
  }

  /** Decrypts {@code envelope} of {@code record}; {@code current} is the resolved current key. */
  byte[] open(String record, Envelope envelope, StateKey current) {
    String wanted = envelope.keyId();
    if (current.id().equals(wanted)) {
      return cipher.open(record, envelope, current);
    }
    List<String> available = new ArrayList<>();
    available.add(current.id() + " (current)");
    if (previousKey.isPresent()) {
      try (StateKey previous = previousKey.get().resolve()) {
        if (previous.id().equals(wanted)) {
          LOG.info(() -> "state record '" + record + "' opened with the previous key " + wanted);
          return cipher.open(record, envelope, previous);
        }
        available.add(previous.id() + " (previous)");
      } catch (StateKeyUnavailableException e) {
        LOG.log(Level.WARNING, "the previous state key is unavailable", e);
        available.add("no previous key (" + e.getMessage() + ")");
      }
    }
    throw new StateKeyMismatchException(record, wanted, String.join(" and ", available));
  }
}
