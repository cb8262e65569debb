package dev.cachet.checkpoint;

import java.util.List;
import java.util.Optional;

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

  /**
   * A block being built by its proposer: candidate transactions tried one at a time on the state so
   * far, each kept only if it applies; the state root is computed once, at the end.
   */
  interface Building {
    /** Applies {@code tx} to the state so far if it applies; otherwise changes nothing. */
    boolean tryApply(Tx tx);

    /** An account as the transactions applied so far left it. */
    Optional<Ledger.Account> account(Bytes32 id);

    /** The state after the applied transactions, and its root. */
    Execution finish();
  }

  /**
   * Starts building a block on {@code state}. This default executes each candidate on its own (a
   * new state per transaction); an executor that can apply transactions in place overrides it.
   */
  default Building begin(Ledger state) {
    return new Building() {
      private Ledger current = state;

      @Override
      public boolean tryApply(Tx tx) {
        Execution one = execute(current, List.of(tx));
        if (!one.failed().isEmpty()) {
          return false;
        }
        current = one.state();
        return true;
      }

      @Override
      public Optional<Ledger.Account> account(Bytes32 id) {
        return current.account(id);
      }

      @Override
      public Execution finish() {
        return new Execution(current, current.root(), List.of());
      }
    };
  }
}
