package dev.cachet.keys;

import dev.cachet.error.InvalidRequestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** The 32 bytes a validator signs for a slot (an attestation's message, or a block root). */
public final class SigningMessage {

  public static final int LENGTH = 32;

  private final byte[] bytes;

  private SigningMessage(byte[] bytes) {
    this.bytes = bytes;
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
    if (text == null || text.length() != 2 * LENGTH || !text.matches("[0-9a-f]+")) {
      throw new InvalidRequestException(
          "INVALID_MESSAGE", field + " must be 32 bytes as 64 lowercase hex characters");
    }
    return new SigningMessage(HexFormat.of().parseHex(text));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] view() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningMessage m && MessageDigest.isEqual(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
