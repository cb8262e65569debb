package dev.cachet.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit state-encryption key, held only as long as one write or one load needs it: close it
 * (try-with-resources) and its bytes are overwritten. Its {@link #id()} ({@code sha256:} + hex
 * SHA-256 of the key) is what envelopes carry; the key itself never appears in a string.
 */
public final class StateKey implements AutoCloseable {

  /** Key length in bytes (AES-256). */
  public static final int LENGTH = 32;

  private static final String ID_PREFIX = "sha256:";

  private final byte[] key;
  private final String id;
  private volatile boolean closed;

  private StateKey(byte[] key) {
    this.key = key;
    this.id = idOf(key);
  }

  /**
   * A key of a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if it is not {@value #LENGTH} bytes (the message never holds
   *     key material)
   */
  public static StateKey of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a state key is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new StateKey(bytes.clone());
  }

  /** {@code sha256:} + lowercase hex SHA-256 of the key bytes. */
  public String id() {
    return id;
  }

  /** The key for {@code javax.crypto}; valid until {@link #close()}. */
  SecretKeySpec secretKey() {
    if (closed) {
      throw new IllegalStateException("state key " + id + " was closed");
    }
    return new SecretKeySpec(key, "AES");
  }

  /** Overwrites the key bytes. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(key, (byte) 0);
  }

  private static String idOf(byte[] key) {
    try {
      return ID_PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "StateKey[" + id + "]";
  }
}
