package dev.cachet.keys;

import dev.cachet.bytes.ByteValue;
import dev.cachet.error.InvalidRequestException;
import java.util.Objects;

/** The 32 bytes a validator signs for a slot (an attestation's message, or a block root). */
public final class SigningMessage extends ByteValue {

  public static final int LENGTH = 32;

  private SigningMessage(byte[] bytes) {
    super(bytes);
  }

  /** A copy of {@code bytes}, which must be 32 bytes long. */
  public static SigningMessage of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a signing message is 32 bytes, got " + bytes.length);
    }
    return new SigningMessage(bytes.clone());
  }

  /**
   * Parses 64 lowercase hex characters.
   *
   * @param field the JSON field the text came from, for the error
   */
  public static SigningMessage parseHex(String text, String field) {
    byte[] bytes = parseLowercaseHex(text, LENGTH);
    if (bytes == null) {
      throw new InvalidRequestException(
          "INVALID_MESSAGE", field + " must be 32 bytes as 64 lowercase hex characters");
    }
    return new SigningMessage(bytes);
  }

  byte[] view() {
    return content();
  }
}
