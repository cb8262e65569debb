package dev.cachet.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A slot's checkpoint header: the slot, its first and last block numbers, the archive after its
 * last block, and the hash of its block headers ({@code SHA-256(hash(header_0) || … ||
 * hash(header_last))}). Encoding ({@value #ENCODED_LENGTH} bytes): {@code u64 slot || u64
 * firstBlock || u64 lastBlock || archive[32] || headersHash[32]}. Its id, naming a proposal in the
 * attestation pool, is the SHA-256 of the encoding.
 */
public record CheckpointHeader(
    long slot, long firstBlock, long lastBlock, Bytes32 archive, Bytes32 headersHash) {

  public static final int ENCODED_LENGTH = 8 * 3 + 32 * 2;

  public CheckpointHeader {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(headersHash, "headersHash");
  }

  /** The header of the checkpoint made of {@code blocks}, in index order. */
  public static CheckpointHeader of(List<BlockHeader> blocks, Bytes32 archive) {
    ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    for (BlockHeader h : blocks) {
      hashes.writeBytes(h.hash().bytes());
    }
    return new CheckpointHeader(
        blocks.get(0).slot(),
        blocks.get(0).blockNumber(),
        blocks.get(blocks.size() - 1).blockNumber(),
        archive,
        Bytes32.sha256(hashes.toByteArray()));
  }

  public byte[] encode() {
    return ByteBuffer.allocate(ENCODED_LENGTH)
        .putLong(slot)
        .putLong(firstBlock)
        .putLong(lastBlock)
        .put(archive.bytes())
        .put(headersHash.bytes())
        .array();
  }

  /**
   * @throws InvalidCheckpointMessageException unless exactly one encoded header
   */
  public static CheckpointHeader decode(byte[] bytes) {
    if (bytes.length != ENCODED_LENGTH) {
      throw new InvalidCheckpointMessageException(
          "a checkpoint header is " + ENCODED_LENGTH + " bytes, not " + bytes.length);
    }
    return decode(ByteBuffer.wrap(bytes));
  }

  static CheckpointHeader decode(ByteBuffer in) {
    return new CheckpointHeader(
        in.getLong(), in.getLong(), in.getLong(), BlockHeader.read32(in), BlockHeader.read32(in));
  }

  public Bytes32 id() {
    return Bytes32.sha256(encode());
  }
}
