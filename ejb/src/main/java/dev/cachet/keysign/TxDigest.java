package dev.cachet.keysign;

import dev.cachet.bytes.ByteValue;

/** A transaction digest to sign: exactly 32 bytes, as the chain computes it; the FROST message. */
public final class TxDigest extends ByteValue implements Comparable<TxDigest> {

  public static final int LENGTH = 32;

  private TxDigest(byte[] bytes) {
    super(bytes);
  }

  public static TxDigest of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a digest is 32 bytes, not " + bytes.length);
    }
    return new TxDigest(bytes.clone());
  }

  /**
   * @throws InvalidKeysignException {@code INVALID_DIGEST} unless 64 lowercase hex characters
   */
  public static TxDigest parse(String hex) {
    byte[] bytes = parseLowercaseHex(hex, LENGTH);
    if (bytes == null) {
      throw new InvalidKeysignException(
          "INVALID_DIGEST", "a digest is 32 bytes as 64 lowercase hex characters");
    }
    return new TxDigest(bytes);
  }

  @Override
  public int compareTo(TxDigest other) {
    return compareBytes(other);
  }
}
