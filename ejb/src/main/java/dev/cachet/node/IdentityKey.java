package dev.cachet.node;

import dev.cachet.bytes.ByteValue;
import dev.cachet.error.InvalidRequestException;

/**
 * A node's Ed25519 identity public key (RFC 8032 encoding, 32 bytes), written as 64 lowercase hex
 * characters. Committee members are named by it and peer messages are verified against it.
 */
public final class IdentityKey extends ByteValue implements Comparable<IdentityKey> {

  public static final int LENGTH = 32;

  private IdentityKey(byte[] bytes) {
    super(bytes);
  }

  /** The key of 32 encoded bytes. */
  public static IdentityKey of(byte[] encoded) {
    if (encoded.length != LENGTH) {
      throw new IllegalArgumentException("an identity key is 32 bytes, not " + encoded.length);
    }
    return new IdentityKey(encoded.clone());
  }

  /**
   * Parses 64 lowercase hex characters.
   *
   * @throws InvalidRequestException {@code INVALID_IDENTITY_KEY} for anything else
   */
  public static IdentityKey parse(String hex) {
    byte[] bytes = parseLowercaseHex(hex, LENGTH);
    if (bytes == null) {
      throw new InvalidRequestException(
          "INVALID_IDENTITY_KEY", "an identity key is 64 lowercase hex characters");
    }
    return new IdentityKey(bytes);
  }

  @Override
  public int compareTo(IdentityKey other) {
    return compareBytes(other);
  }
}
