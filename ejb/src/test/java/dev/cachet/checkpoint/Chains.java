package dev.cachet.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** Test fixtures: accounts, a genesis, an honest proposer's blocks, and a manual executor. */
final class Chains {

  private Chains() {}

  static Bytes32 account(int b) {
    byte[] id = new byte[32];
    id[31] = (byte) b;
    id[0] = (byte) 0xac;
    return Bytes32.of(id);
  }

  static Ledger genesis() {
    Map<Bytes32, Long> balances = new LinkedHashMap<>();
    for (int i = 1; i <= 4; i++) {
      balances.put(account(i), 1_000L);
    }
    return Ledger.genesis(balances);
  }

  static CheckpointJob.Tip genesisTip() {
    return new CheckpointJob.Tip(0, Bytes32.ZERO, genesis());
  }

  /**
   * The blocks an honest proposer builds in {@code slot} on {@code tip}: block {@code i} holds
   * {@code i + 1} transfers from account 1 (so every block has one, the first too).
   */
  static List<Block> blocks(long slot, CheckpointJob.Tip tip, int count) {
    List<Block> out = new ArrayList<>();
    Ledger state = tip.state();
    Bytes32 parent = tip.archive();
    long number = tip.blockNumber();
    long nonce = state.account(account(1)).map(Ledger.Account::nonce).orElse(0L);
    LedgerExecutor executor = new LedgerExecutor();
    for (int i = 0; i < count; i++) {
      List<Tx> txs = new ArrayList<>();
      for (int k = 0; k <= i; k++) {
        txs.add(new Tx(account(1), account(2 + k % 3), 1, nonce++));
      }
      BlockExecutor.Execution run = executor.execute(state, txs);
      BlockHeader header =
          new BlockHeader(
              slot, ++number, i, parent, run.stateRoot(), Merkle.txRoot(txs), 1_000L * slot + i);
      Block block = new Block(header, header.archive(), txs);
      out.add(block);
      state = run.state();
      parent = header.archive();
    }
    return out;
  }

  static CheckpointHeader header(List<Block> blocks) {
    return CheckpointHeader.of(
        blocks.stream().map(Block::header).toList(), blocks.get(blocks.size() - 1).archive());
  }

  static CheckpointJob.BlockProposal proposal(Block b) {
    return new CheckpointJob.BlockProposal(b, true, true);
  }

  static CheckpointJob.CheckpointProposal checkpoint(List<Block> blocks) {
    return new CheckpointJob.CheckpointProposal(
        header(blocks), blocks.get(blocks.size() - 1), true, true);
  }

  /** Runs tasks only when the test says so. */
  static final class ManualExecutor implements Executor {
    final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    /** Runs every task, including those the tasks submit. */
    int runAll() {
      int ran = 0;
      while (!tasks.isEmpty()) {
        tasks.poll().run();
        ran++;
      }
      return ran;
    }
  }
}
