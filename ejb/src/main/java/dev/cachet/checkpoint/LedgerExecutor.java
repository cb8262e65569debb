package dev.cachet.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The account ledger as a block executor: each transaction applies if its sender holds the amount
 * and its nonce is the sender's next ({@link Ledger}); one that does not fails and changes nothing.
 * Real and deterministic: every node executing the same blocks on the same genesis ends with the
 * same root.
 */
public final class LedgerExecutor implements BlockExecutor {

  @Override
  public Execution execute(Ledger state, List<Tx> txs) {
    Ledger.Builder next = state.toBuilder();
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      if (!next.apply(txs.get(i))) {
        failed.add(i);
      }
    }
    Ledger after = next.build();
    return new Execution(after, after.root(), failed);
  }

  /** Applies the candidates in place on one copy of the state; one root at the end. */
  @Override
  public Building begin(Ledger state) {
    Ledger.Builder next = state.toBuilder();
    return new Building() {
      @Override
      public boolean tryApply(Tx tx) {
        return next.apply(tx);
      }

      @Override
      public Optional<Ledger.Account> account(Bytes32 id) {
        return next.account(id);
      }

      @Override
      public Execution finish() {
        Ledger after = next.build();
        return new Execution(after, after.root(), List.of());
      }
    };
  }
}
