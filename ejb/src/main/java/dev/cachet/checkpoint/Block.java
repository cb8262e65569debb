package dev.cachet.checkpoint;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A block as a proposal carries it: its header, the archive after it (as the proposer claims it)
 * and its full transactions, so no separate fetch is needed. Encoding: {@code header || archive[32]
 * || u32 count || count × tx}.
 */
public record Block(BlockHeader header, Bytes32 archive, List<Tx> txs) {

  /** The most transactions one block carries. */
  public static final int MAX_TXS = 10_000;

  public Block {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(archive, "archive");
    txs = List.copyOf(txs);
    if (txs.size() > MAX_TXS) {
      throw new IllegalArgumentException("at most " + MAX_TXS + " transactions in a block");
    }
  }

  public int index() {
    return header.indexWithinCheckpoint();
  }

  public byte[] encode() {
    ByteBuffer out =
        ByteBuffer.allocate(BlockHeader.ENCODED_LENGTH + 32 + 4 + txs.size() * Tx.ENCODED_LENGTH);
    out.put(header.encode()).put(archive.bytes()).putInt(txs.size());
    for (Tx tx : txs) {
      out.put(tx.encode());
    }
    return out.array();
  }

  static Block decode(ByteBuffer in) {
    BlockHeader header = BlockHeader.decode(in);
    Bytes32 archive = BlockHeader.read32(in);
    int count = in.getInt();
    if (count < 0 || count > MAX_TXS) {
      throw new IllegalArgumentException("a block carries 0 to " + MAX_TXS + " transactions");
    }
    List<Tx> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      txs.add(Tx.decode(in));
    }
    return new Block(header, archive, txs);
  }

  /**
   * @throws InvalidCheckpointMessageException if the bytes are not one block exactly
   */
  public static Block decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      Block block = decode(in);
      if (in.hasRemaining()) {
        throw new InvalidCheckpointMessageException("trailing bytes after the block");
      }
      return block;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new InvalidCheckpointMessageException("not a block: " + e.getMessage());
    }
  }
}
