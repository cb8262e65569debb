package dev.cachet.frost;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message to sign, as bytes (FROST does not pre-hash; Cachet signs transaction digests). Bounded
 * so that a signing package from a peer cannot demand unbounded memory.
 */
public final class Message {

  /** Longest message accepted, in bytes. */
  public static final int MAX_LENGTH = 64 * 1024;

  private final byte[] bytes;

  private Message(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Message of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > MAX_LENGTH) {
      throw new InvalidParametersException(
          "a message is at most " + MAX_LENGTH + " bytes, got " + bytes.length);
    }
    return new Message(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  byte[] view() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m && Arrays.equals(bytes, m.bytes);
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
