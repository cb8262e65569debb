package dev.cachet.handoff;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a handoff attestation says: for epoch {@code epoch}, the next committee is the one whose key
 * set hashes to {@code nextCommitteeKeySetHash}, and it starts from {@code items}. Its signed bytes
 * are ASCII {@code CACHET-HANDOFF-V1} (17 bytes) {@code || u64be(epoch) || nextCommitteeKeySetHash
 * || u32be(itemCount) || items}.
 */
public record HandoffStatement(long epoch, Hash32 nextCommitteeKeySetHash, Items items) {

  static final byte[] DOMAIN = "CACHET-HANDOFF-V1".getBytes(StandardCharsets.US_ASCII);

  public HandoffStatement {
    Objects.requireNonNull(nextCommitteeKeySetHash, "nextCommitteeKeySetHash");
    Objects.requireNonNull(items, "items");
  }

  /** The bytes an attestation's Ed25519 signature covers. */
  public byte[] signedBytes() {
    byte[] encoded = items.encode();
    return ByteBuffer.allocate(DOMAIN.length + 8 + Hash32.LENGTH + encoded.length)
        .put(DOMAIN)
        .putLong(epoch)
        .put(nextCommitteeKeySetHash.bytes())
        .put(encoded)
        .array();
  }
}
