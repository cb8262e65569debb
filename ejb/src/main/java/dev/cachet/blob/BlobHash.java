package dev.cachet.blob;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * A blob's identity: the Blake2b-256 digest of its exact bytes, written as 64 lowercase hex
 * characters. An instance always holds exactly 32 bytes; ordering is by the hex form, which is the
 * unsigned byte order.
 */
public final class BlobHash implements Comparable<BlobHash> {

  /** Digest length in bytes. */
  public static final int LENGTH = 32;

  private static final int HEX_LENGTH = 2 * LENGTH;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private final String hex;

  private BlobHash(byte[] bytes) {
    this.bytes = bytes;
    this.hex = HEX.formatHex(bytes);
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
    if (hex == null || hex.length() != HEX_LENGTH || !isLowercaseHex(hex)) {
      throw new InvalidBlobHashException();
    }
    return new BlobHash(HEX.parseHex(hex));
  }

  private static boolean isLowercaseHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** A copy of the 32 digest bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The 64-character lowercase hex form. */
  public String hex() {
    return hex;
  }

  @Override
  public int compareTo(BlobHash other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex;
  }
}
