package dev.cachet.blob;

import dev.cachet.bytes.ByteValue;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * A blob's identity: the Blake2b-256 digest of its exact bytes, written as 64 lowercase hex
 * characters. An instance always holds exactly 32 bytes; ordering is by the hex form, which is the
 * unsigned byte order.
 */
public final class BlobHash extends ByteValue implements Comparable<BlobHash> {

  /** Digest length in bytes. */
  public static final int LENGTH = 32;

  private BlobHash(byte[] bytes) {
    super(bytes);
  }

  /** The hash of {@code content}. */
  public static BlobHash of(byte[] content) {
    Blake2bDigest digest = new Blake2bDigest(LENGTH * Byte.SIZE);
    digest.update(content, 0, content.length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return new BlobHash(out);
  }

  /**
   * Parses 64 lowercase hex characters.
   *
   * @throws InvalidBlobHashException for anything else, including uppercase hex
   */
  public static BlobHash parse(String hex) {
    byte[] bytes = parseLowercaseHex(hex, LENGTH);
    if (bytes == null) {
      throw new InvalidBlobHashException();
    }
    return new BlobHash(bytes);
  }

  @Override
  public int compareTo(BlobHash other) {
    return compareBytes(other);
  }
}
