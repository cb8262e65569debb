package dev.cachet.checkpoint;

import java.util.List;

/**
 * The port a real execution engine plugs into: executes a block's transactions, in order, on a
 * state. {@link LedgerExecutor} is the default, the account ledger.
 */
public interface BlockExecutor {

  /**
   * What executing a block gave: the next state, its root, and the positions (in the block) of the
   * transactions that failed (they changed nothing).
   */
  record Execution(Ledger state, Bytes32 stateRoot, List<Integer> failed) {
    public Execution {
      failed = List.copyOf(failed);
    }
  }

  Execution execute(Ledger state, List<Tx> txs);
}
