package dev.cachet.keys;

import java.util.Objects;

/** A slot this key signed, and the message it signed there. */
public record SignedSlot(long slot, SigningMessage message) {

  public SignedSlot {
    Objects.requireNonNull(message, "message");
    if (slot < 0) {
      throw new IllegalArgumentException("slot must not be negative: " + slot);
    }
  }
}
