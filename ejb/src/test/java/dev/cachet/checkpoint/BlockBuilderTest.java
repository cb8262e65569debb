package dev.cachet.checkpoint;

import static dev.cachet.checkpoint.Chains.account;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockBuilderTest {

  /** The ledger without its in-place building: the default, one execution per candidate. */
  private static final BlockExecutor ONE_BY_ONE = new LedgerExecutor()::execute;

  private static Map<Bytes32, Tx> pool(List<Tx> txs) {
    Map<Bytes32, Tx> pool = BlockBuilder.pool();
    txs.forEach(tx -> pool.put(tx.hash(), tx));
    return pool;
  }

  private static List<Block> buildAll(BlockExecutor executor, Map<Bytes32, Tx> pool, int max) {
    BlockBuilder builder = new BlockBuilder(3, Chains.genesisTip(), executor, max);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Optional<Block> next = builder.next(pool, 3_000L + i);
      if (next.isEmpty()) {
        break;
      }
      blocks.add(next.get());
    }
    return blocks;
  }

  /** Re-executes the blocks as a validator does: every transaction applies, every root matches. */
  private static void assertValidatorsAgree(List<Block> blocks) {
    Ledger state = Chains.genesis();
    Bytes32 parent = Bytes32.ZERO;
    for (Block b : blocks) {
      BlockExecutor.Execution run = new LedgerExecutor().execute(state, b.txs());
      assertThat(run.failed()).isEmpty();
      assertThat(run.stateRoot()).isEqualTo(b.header().stateRoot());
      assertThat(b.header().txRoot()).isEqualTo(Merkle.txRoot(b.txs()));
      assertThat(b.header().parentArchive()).isEqualTo(parent);
      state = run.state();
      parent = b.archive();
    }
  }

  @Test
  void keepsWhatAppliesLeavesOutWhatDoesNotAndDropsSpentNonces() {
    Tx first = new Tx(account(1), account(2), 10, 0);
    Tx tooMuch = new Tx(account(2), account(3), 5_000, 0); // account 2 holds 1,010 by then
    Tx spent = new Tx(account(1), account(3), 1, 0); // nonce 0 of account 1 is used above
    Tx future = new Tx(account(3), account(4), 1, 1); // nonce 0 of account 3 not seen yet
    Tx unknown = new Tx(account(9), account(1), 1, 0); // no such account
    Tx fromReceived = new Tx(account(2), account(1), 1_005, 0); // only with the first's 10
    Map<Bytes32, Tx> pool = pool(List.of(first, tooMuch, spent, future, unknown, fromReceived));

    List<Block> blocks = buildAll(new LedgerExecutor(), pool, 100);

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).txs()).containsExactly(first, fromReceived);
    // The second block's try dropped tooMuch (fromReceived spent its nonce); future may apply
    // later.
    assertThat(pool.values()).containsExactly(future);
    assertValidatorsAgree(blocks);
  }

  @Test
  void inPlaceBuildingMakesTheSameBlocksAsExecutingEachCandidate() {
    Random random = new Random(15);
    long[] nonces = new long[5];
    List<Tx> txs = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      int from = 1 + random.nextInt(4);
      long nonce = random.nextInt(10) == 0 ? nonces[from] + 1 : nonces[from]++; // some gaps
      txs.add(new Tx(account(from), account(1 + random.nextInt(4)), random.nextInt(300), nonce));
    }

    List<Block> inPlace = buildAll(new LedgerExecutor(), pool(txs), 7);
    List<Block> oneByOne = buildAll(ONE_BY_ONE, pool(txs), 7);

    assertThat(inPlace).isNotEmpty().isEqualTo(oneByOne);
    assertThat(inPlace).allSatisfy(b -> assertThat(b.txs()).hasSizeBetween(1, 7));
    assertValidatorsAgree(inPlace);
  }

  @Test
  void aLaterBlockWithoutTransactionsIsNotBuiltButTheFirstMayBeEmpty() {
    Map<Bytes32, Tx> pool = BlockBuilder.pool();
    BlockBuilder builder = new BlockBuilder(3, Chains.genesisTip(), new LedgerExecutor(), 10);

    Optional<Block> first = builder.next(pool, 1);
    Optional<Block> second = builder.next(pool, 2);

    assertThat(first).isPresent();
    assertThat(first.get().txs()).isEmpty();
    assertThat(first.get().header().stateRoot()).isEqualTo(Chains.genesis().root());
    assertThat(second).isEmpty();
    assertThat(builder.header().lastBlock()).isEqualTo(builder.header().firstBlock());
  }
}
