package dev.cachet.checkpoint;

import dev.cachet.bytes.ByteValue;
import dev.cachet.error.InvalidRequestException;

/**
 * 32 bytes with a meaning in the checkpoint protocol: an account id, a root, an archive, a hash.
 */
public final class Bytes32 extends ByteValue implements Comparable<Bytes32> {

  public static final int LENGTH = 32;

  /** Thirty-two zero bytes: the archive before the first block, the root of nothing. */
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  private Bytes32(byte[] bytes) {
    super(bytes);
  }

  public static Bytes32 of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("32 bytes, not " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /**
   * @param field the JSON field, for the error
   * @throws InvalidRequestException {@code INVALID_HEX} unless 64 lowercase hex characters
   */
  public static Bytes32 parse(String hex, String field) {
    byte[] bytes = parseLowercaseHex(hex, LENGTH);
    if (bytes == null) {
      throw new InvalidRequestException(
          "INVALID_HEX", field + " is 32 bytes as 64 lowercase hex characters");
    }
    return new Bytes32(bytes);
  }

  /** SHA-256 of the parts. */
  public static Bytes32 sha256(byte[]... parts) {
    return new Bytes32(Sha256.of(parts));
  }

  @Override
  public int compareTo(Bytes32 other) {
    return compareBytes(other);
  }
}
