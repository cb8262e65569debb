package dev.cachet.bytes;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable string of bytes with a meaning: a blob's hash, a message to sign. Subclasses say
 * which meaning and which lengths are valid; this says once what every such value does: it owns a
 * private copy, is equal only to a value of the same class with the same bytes (compared in
 * constant time, since some are secrets' digests), orders by unsigned bytes, and prints as
 * lowercase hex.
 */
public abstract class ByteValue {

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private volatile String hex; // computed once, on first use (a race computes it twice, the same)

  /**
   * @param owned bytes the new value owns: the caller must not keep or change them
   */
  protected ByteValue(byte[] owned) {
    this.bytes = Objects.requireNonNull(owned, "bytes");
  }

  /** A copy of the bytes. */
  public final byte[] bytes() {
    return bytes.clone();
  }

  /** How many bytes. */
  public final int length() {
    return bytes.length;
  }

  /** The bytes as lowercase hex. */
  public final String hex() {
    String text = hex;
    if (text == null) {
      text = HEX.formatHex(bytes);
      hex = text;
    }
    return text;
  }

  /**
   * The bytes themselves, for a subclass's own package to read without a copy; never change them.
   */
  protected final byte[] content() {
    return bytes;
  }

  /** Orders by the bytes, unsigned, as their hex forms order. */
  protected final int compareBytes(ByteValue other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  /**
   * Parses exactly {@code length} bytes written as {@code 2 * length} lowercase hex characters.
   *
   * @return the bytes, or null if {@code text} is anything else (null, uppercase, another length)
   */
  protected static byte[] parseLowercaseHex(String text, int length) {
    return LowercaseHex.exactly(text, length);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && MessageDigest.isEqual(bytes, ((ByteValue) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public final String toString() {
    return hex();
  }
}
