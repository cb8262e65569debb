package dev.cachet.checkpoint;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proposer's side of a slot: builds its blocks one at a time from the transaction pool on the
 * latest published tip, applying each candidate to the block's state so far so that a block holds
 * only transactions that apply (one that fails stays out; one whose nonce is spent leaves the
 * pool), and computing the state root once per block. Block 0 may be empty; every later block has
 * at least one transaction (Aztec #25227), so when the pool runs dry the slot's checkpoint ends
 * with the blocks built so far. Not thread-safe: one proposer's slot at a time.
 */
public final class BlockBuilder {

  private final long slot;
  private final BlockExecutor executor;
  private final int maxTxsPerBlock;
  private final List<Block> built = new ArrayList<>();
  private Ledger state;
  private Bytes32 archive;
  private long blockNumber;

  public BlockBuilder(
      long slot, CheckpointJob.Tip tip, BlockExecutor executor, int maxTxsPerBlock) {
    this.slot = slot;
    this.executor = executor;
    this.maxTxsPerBlock = maxTxsPerBlock;
    this.state = tip.state();
    this.archive = tip.archive();
    this.blockNumber = tip.blockNumber();
  }

  /**
   * Builds the next block from {@code pool} (by transaction hash, in arrival order; the ones used
   * or failed are removed), or empty if it would be a non-first block without a transaction.
   */
  public Optional<Block> next(Map<Bytes32, Tx> pool, long timestampMillis) {
    List<Tx> txs = new ArrayList<>();
    BlockExecutor.Building building = executor.begin(state);
    for (Iterator<Map.Entry<Bytes32, Tx>> it = pool.entrySet().iterator();
        it.hasNext() && txs.size() < maxTxsPerBlock; ) {
      Tx tx = it.next().getValue();
      if (building.tryApply(tx)) {
        txs.add(tx);
        it.remove();
      } else if (building
          .account(tx.from())
          .map(a -> Long.compareUnsigned(tx.nonce(), a.nonce()) < 0)
          .orElse(true)) {
        it.remove(); // its nonce is spent (or its sender unknown): it can never apply
      }
    }
    int index = built.size();
    if (index > 0 && txs.isEmpty()) {
      return Optional.empty();
    }
    BlockExecutor.Execution run = building.finish();
    BlockHeader header =
        new BlockHeader(
            slot,
            blockNumber + 1,
            index,
            archive,
            run.stateRoot(),
            Merkle.txRoot(txs),
            timestampMillis);
    Block block = new Block(header, header.archive(), txs);
    built.add(block);
    state = run.state();
    archive = header.archive();
    blockNumber++;
    return Optional.of(block);
  }

  public List<Block> built() {
    return List.copyOf(built);
  }

  /** The checkpoint header of the blocks built so far (at least one). */
  public CheckpointHeader header() {
    return CheckpointHeader.of(built.stream().map(Block::header).toList(), archive);
  }

  /** A pool keyed by transaction hash, in arrival order. */
  public static Map<Bytes32, Tx> pool() {
    return new LinkedHashMap<>();
  }
}
