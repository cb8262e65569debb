package dev.cachet.peer;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The bytes a peer message's signature covers: {@code u8 len || tag || u8 version || u64 epoch ||
 * body}, where {@code tag} is the kind's ASCII domain tag and {@code len} its length, the version
 * is {@value #VERSION}, and the epoch is big-endian. The body is the kind's own canonical encoding.
 */
public final class SignedFrame {

  public static final byte VERSION = 1;

  private SignedFrame() {}

  public static byte[] encode(MessageKind kind, long epoch, byte[] body) {
    Objects.requireNonNull(kind, "kind");
    byte[] tag = kind.tagBytes();
    return ByteBuffer.allocate(1 + tag.length + 1 + 8 + body.length)
        .put((byte) tag.length)
        .put(tag)
        .put(VERSION)
        .putLong(epoch)
        .put(body)
        .array();
  }
}
