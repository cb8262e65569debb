package dev.cachet.frost;

import dev.cachet.bytes.ByteValue;
import java.util.Objects;

/**
 * A message to sign, as bytes (FROST does not pre-hash; Cachet signs transaction digests). Bounded
 * so that a signing package from a peer cannot demand unbounded memory.
 */
public final class Message extends ByteValue {

  /** Longest message accepted, in bytes. */
  public static final int MAX_LENGTH = 64 * 1024;

  private Message(byte[] bytes) {
    super(bytes);
  }

  public static Message of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > MAX_LENGTH) {
      throw new InvalidParametersException(
          "a message is at most " + MAX_LENGTH + " bytes, got " + bytes.length);
    }
    return new Message(bytes.clone());
  }

  byte[] view() {
    return content();
  }
}
