package dev.cachet.checkpoint;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A block's header. Encoding ({@value #ENCODED_LENGTH} bytes, big-endian): {@code u64 slot || u64
 * blockNumber || u32 indexWithinCheckpoint || parentArchive[32] || stateRoot[32] || txRoot[32] ||
 * u64 timestamp} (milliseconds since the epoch). Its hash is the SHA-256 of the encoding, and the
 * archive after it {@code SHA-256(parentArchive || hash)}.
 */
public record BlockHeader(
    long slot,
    long blockNumber,
    int indexWithinCheckpoint,
    Bytes32 parentArchive,
    Bytes32 stateRoot,
    Bytes32 txRoot,
    long timestamp) {

  public static final int ENCODED_LENGTH = 8 + 8 + 4 + 32 * 3 + 8;

  public BlockHeader {
    Objects.requireNonNull(parentArchive, "parentArchive");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(txRoot, "txRoot");
    if (slot < 0 || blockNumber < 0 || indexWithinCheckpoint < 0) {
      throw new IllegalArgumentException("slot, block number and index are not negative");
    }
  }

  public byte[] encode() {
    return ByteBuffer.allocate(ENCODED_LENGTH)
        .putLong(slot)
        .putLong(blockNumber)
        .putInt(indexWithinCheckpoint)
        .put(parentArchive.bytes())
        .put(stateRoot.bytes())
        .put(txRoot.bytes())
        .putLong(timestamp)
        .array();
  }

  static BlockHeader decode(ByteBuffer in) {
    long slot = in.getLong();
    long number = in.getLong();
    int index = in.getInt();
    return new BlockHeader(slot, number, index, read32(in), read32(in), read32(in), in.getLong());
  }

  static Bytes32 read32(ByteBuffer in) {
    byte[] b = new byte[32];
    in.get(b);
    return Bytes32.of(b);
  }

  public Bytes32 hash() {
    return Bytes32.sha256(encode());
  }

  /** {@code archive_n = SHA-256(archive_(n-1) || SHA-256(header_n))}. */
  public Bytes32 archive() {
    return Bytes32.sha256(parentArchive.bytes(), hash().bytes());
  }
}
