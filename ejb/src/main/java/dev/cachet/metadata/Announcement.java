package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.SignedFrame;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A member's claim that its metadata blob for {@code epoch} is {@code blobHash}, of {@code size}
 * bytes, as of {@code timestampMillis} (the latest claim wins). Signed over {@link #frame()}:
 * {@link SignedFrame} of kind {@code cachet/metadata-announcement} with the body {@code
 * announcer[32] || blobHash[32] || u64 size || u64 timestampMillis} (docs/protocol.md).
 */
public record Announcement(
    long epoch, IdentityKey announcer, BlobHash blobHash, long size, long timestampMillis) {

  static final int BODY_LENGTH = IdentityKey.LENGTH + BlobHash.LENGTH + 8 + 8;

  public Announcement {
    Objects.requireNonNull(announcer, "announcer");
    Objects.requireNonNull(blobHash, "blobHash");
  }

  /** The bytes its signature covers. */
  public byte[] frame() {
    byte[] body =
        ByteBuffer.allocate(BODY_LENGTH)
            .put(announcer.bytes())
            .put(blobHash.bytes())
            .putLong(size)
            .putLong(timestampMillis)
            .array();
    return SignedFrame.encode(MessageKind.METADATA_ANNOUNCEMENT, epoch, body);
  }
}
