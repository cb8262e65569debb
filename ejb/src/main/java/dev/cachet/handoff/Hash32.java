package dev.cachet.handoff;

import dev.cachet.bytes.ByteValue;
import dev.cachet.error.InvalidRequestException;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** A BLAKE2b-256 digest (RFC 7693, 32 bytes, no key): of a key set, of a snapshot, of a blob. */
public final class Hash32 extends ByteValue implements Comparable<Hash32> {

  public static final int LENGTH = 32;

  private Hash32(byte[] bytes) {
    super(bytes);
  }

  public static Hash32 blake2b(byte[] content) {
    Blake2bDigest digest = new Blake2bDigest(LENGTH * Byte.SIZE);
    digest.update(content, 0, content.length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return new Hash32(out);
  }

  public static Hash32 of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a digest is 32 bytes, not " + bytes.length);
    }
    return new Hash32(bytes.clone());
  }

  /**
   * @throws InvalidRequestException {@code INVALID_HASH} unless 64 lowercase hex characters
   */
  public static Hash32 parse(String hex) {
    byte[] bytes = parseLowercaseHex(hex, LENGTH);
    if (bytes == null) {
      throw new InvalidRequestException("INVALID_HASH", "a digest is 64 lowercase hex characters");
    }
    return new Hash32(bytes);
  }

  @Override
  public int compareTo(Hash32 other) {
    return compareBytes(other);
  }
}
