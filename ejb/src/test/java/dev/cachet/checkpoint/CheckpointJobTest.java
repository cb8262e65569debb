package dev.cachet.checkpoint;

import static dev.cachet.checkpoint.Chains.blocks;
import static dev.cachet.checkpoint.Chains.checkpoint;
import static dev.cachet.checkpoint.Chains.genesisTip;
import static dev.cachet.checkpoint.Chains.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.checkpoint.CheckpointJob.Reason;
import dev.cachet.checkpoint.CheckpointJob.Received;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The per-slot job, one test per case of Aztec's plan §6.3 and its follow-ups, driven by a manual
 * executor: execution happens only when the test runs it, so every interleaving is the test's.
 */
class CheckpointJobTest {

  private static final long SLOT = 7;

  private final Chains.ManualExecutor runner = new Chains.ManualExecutor();
  private final List<CheckpointHeader> sent = new ArrayList<>();
  private final List<String> executedOrder = new ArrayList<>();
  private final BlockExecutor recording =
      (state, txs) -> {
        executedOrder.add(Integer.toString(txs.size() - 1)); // block i holds i + 1 txs
        return new LedgerExecutor().execute(state, txs);
      };
  private final CheckpointJob job =
      new CheckpointJob(
          SLOT,
          genesisTip(),
          recording,
          runner,
          sent::add,
          false,
          CheckpointJob.Schedule.PIPELINED);

  @Test
  void happyPathFiveBlocksAreExecutedAsTheyArriveAndTheCheckpointIsAttested() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 5);
    for (Block b : blocks.subList(0, 4)) {
      assertThat(job.block(proposal(b))).isEqualTo(Received.ACCEPTED);
      runner.runAll(); // executed while the proposer builds the next
    }
    assertThat(job.executed()).hasSize(4);
    assertThat(sent).isEmpty();
    assertThat(job.checkpoint(checkpoint(blocks))).isEqualTo(Received.ACCEPTED);
    runner.runAll(); // only the last block is left to execute
    assertThat(executedOrder).containsExactly("0", "1", "2", "3", "4");
    assertThat(sent).containsExactly(Chains.header(blocks));
    assertThat(job.dispose().attested()).isTrue();
    assertThat(job.tipAt(blocks.get(4).archive())).isPresent();
  }

  @Test
  void onTheOnProposalScheduleNothingExecutesUntilTheProposalThenEverythingDoes() {
    CheckpointJob held =
        new CheckpointJob(
            SLOT,
            genesisTip(),
            recording,
            runner,
            sent::add,
            false,
            CheckpointJob.Schedule.ON_PROPOSAL);
    List<Block> blocks = blocks(SLOT, genesisTip(), 4);
    for (Block b : blocks.subList(0, 3)) {
      assertThat(held.block(proposal(b))).isEqualTo(Received.ACCEPTED);
    }
    assertThat(runner.runAll()).as("the blocks wait for the proposal").isZero();
    assertThat(held.executed()).isEmpty();

    held.checkpoint(checkpoint(blocks));
    runner.runAll();

    assertThat(executedOrder).containsExactly("0", "1", "2", "3");
    assertThat(sent).containsExactly(Chains.header(blocks));
    assertThat(held.executed())
        .allSatisfy(e -> assertThat(e.matched()).isTrue())
        .allSatisfy(e -> assertThat(e.executionNanos()).isPositive());
  }

  @Test
  void outOfOrderBlocksWaitForTheirPredecessorsAndRunInIndexOrder() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 5);
    job.block(proposal(blocks.get(3)));
    job.block(proposal(blocks.get(1)));
    runner.runAll();
    assertThat(job.executed()).as("nothing runs before block 0").isEmpty();
    job.block(proposal(blocks.get(0)));
    job.block(proposal(blocks.get(2)));
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(executedOrder).containsExactly("0", "1", "2", "3", "4");
    assertThat(sent).hasSize(1);
  }

  @Test
  void aMissingBlockMeansNoAttestation() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 5);
    for (int i : new int[] {0, 1, 3}) {
      job.block(proposal(blocks.get(i)));
    }
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(job.executed()).hasSize(2).as("block 3 waits for block 2, which never comes");
    assertThat(sent).isEmpty();
    assertThat(job.dispose().reason()).contains(Reason.MISSING_BLOCKS);
  }

  @Test
  void aJobOfANodeStartedMidSlotWhoseFirstBlockIsNotIndexZeroSkipsTheSlot() {
    CheckpointJob job =
        new CheckpointJob(
            SLOT,
            genesisTip(),
            recording,
            runner,
            sent::add,
            true,
            CheckpointJob.Schedule.PIPELINED);
    List<Block> blocks = blocks(SLOT, genesisTip(), 5);
    assertThat(job.block(proposal(blocks.get(2)))).isEqualTo(Received.IGNORED);
    job.block(proposal(blocks.get(3)));
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(job.executed()).isEmpty();
    assertThat(sent).isEmpty();
    assertThat(job.dispose().reason()).contains(Reason.STARTED_MID_SLOT);
  }

  @Test
  void theSlotEndingBeforeTheCheckpointProposalDisposesTheJobAndSendsNothing() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 5);
    blocks.subList(0, 4).forEach(b -> job.block(proposal(b)));
    runner.runAll();
    assertThat(job.dispose().reason()).contains(Reason.TIMEOUT);
    assertThat(job.checkpoint(checkpoint(blocks))).isEqualTo(Received.IGNORED);
    runner.runAll();
    assertThat(sent).isEmpty();
  }

  @Test
  void aBlockWhoseClaimedStateRootIsWrongIsAStateMismatchAndTheJobRunsToTheEndWithoutAttesting() {
    List<Block> blocks = new ArrayList<>(blocks(SLOT, genesisTip(), 3));
    Block honest = blocks.get(1);
    BlockHeader h = honest.header();
    BlockHeader lying =
        new BlockHeader(
            h.slot(),
            h.blockNumber(),
            h.indexWithinCheckpoint(),
            h.parentArchive(),
            Bytes32.sha256(new byte[] {9}),
            h.txRoot(),
            h.timestamp());
    blocks.set(1, new Block(lying, lying.archive(), honest.txs()));
    job.block(proposal(blocks.get(0)));
    job.block(proposal(blocks.get(1)));
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(job.executed())
        .as("the job runs to the end: block 2, which names the honest parent, too")
        .hasSize(3);
    assertThat(job.executed().get(1).matched()).isFalse();
    assertThat(sent).isEmpty();
    assertThat(job.dispose().reason()).contains(Reason.STATE_MISMATCH);
  }

  @Test
  void aBlockFromAnotherThanTheSlotsProposerIsRefusedAndChangesNothing() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 2);
    assertThat(job.block(new CheckpointJob.BlockProposal(blocks.get(0), false, true)))
        .isEqualTo(Received.REFUSED);
    assertThat(job.block(new CheckpointJob.BlockProposal(blocks.get(0), true, false)))
        .as("a signature that does not verify")
        .isEqualTo(Received.REFUSED);
    assertThat(job.receivedCount()).isZero();
    assertThat(job.dispose().reason()).contains(Reason.WRONG_PROPOSER);
  }

  @Test
  void aWrongProposersBlockDoesNotSpoilTheRightOnesSlot() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 3);
    job.block(new CheckpointJob.BlockProposal(blocks.get(0), false, true));
    blocks.forEach(b -> job.block(proposal(b)));
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(sent).hasSize(1);
  }

  @Test
  void aDuplicateBlockIsIgnored() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 3);
    job.block(proposal(blocks.get(0)));
    assertThat(job.block(proposal(blocks.get(0)))).isEqualTo(Received.DUPLICATE);
    job.block(proposal(blocks.get(1)));
    runner.runAll();
    assertThat(job.block(proposal(blocks.get(1)))).isEqualTo(Received.DUPLICATE);
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(executedOrder).containsExactly("0", "1", "2");
    assertThat(sent).hasSize(1);
  }

  @Test
  void twoDifferentBlocksForOneIndexAreTheProposersFault() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 3);
    List<Block> other = blocks(SLOT, new CheckpointJob.Tip(0, Bytes32.ZERO, Chains.genesis()), 3);
    Block conflicting =
        new Block(blocks.get(1).header(), blocks.get(1).archive(), other.get(0).txs());
    job.block(proposal(blocks.get(0)));
    job.block(proposal(blocks.get(1)));
    assertThat(job.block(proposal(conflicting))).isEqualTo(Received.ACCEPTED);
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(sent).isEmpty();
    assertThat(job.dispose().reason()).contains(Reason.INVALID_PROPOSAL);
  }

  @Test
  void anEmptyNonFirstBlockIsInvalid() {
    List<Block> blocks = new ArrayList<>(blocks(SLOT, genesisTip(), 2));
    Block first = blocks.get(0);
    Ledger after = new LedgerExecutor().execute(Chains.genesis(), first.txs()).state();
    BlockHeader empty =
        new BlockHeader(SLOT, 2, 1, first.archive(), after.root(), Merkle.txRoot(List.of()), 7_001);
    blocks.set(1, new Block(empty, empty.archive(), List.of()));
    blocks.forEach(b -> job.block(proposal(b)));
    job.checkpoint(checkpoint(blocks));
    runner.runAll();
    assertThat(sent).isEmpty();
    assertThat(job.dispose().reason()).contains(Reason.INVALID_PROPOSAL);
  }

  @Test
  void aCheckpointThatDoesNotBuildOnTheLatestBlockIsRefused() {
    List<Block> blocks = blocks(SLOT, genesisTip(), 5);
    blocks.forEach(b -> job.block(proposal(b)));
    job.checkpoint(checkpoint(blocks.subList(0, 4))); // ends at block 3, block 4 is there
    runner.runAll();
    assertThat(sent).isEmpty();
    assertThat(job.dispose().reason()).contains(Reason.INVALID_PROPOSAL);
  }

  @Test
  void failedTransactionsMeanNoAttestation() {
    Block honest = blocks(SLOT, genesisTip(), 1).get(0);
    List<Tx> txs = new ArrayList<>(honest.txs());
    txs.add(new Tx(Chains.account(3), Chains.account(1), 5_000, 0)); // more than its balance
    BlockExecutor.Execution run = new LedgerExecutor().execute(Chains.genesis(), txs);
    assertThat(run.failed()).containsExactly(1);
    BlockHeader h =
        new BlockHeader(SLOT, 1, 0, Bytes32.ZERO, run.stateRoot(), Merkle.txRoot(txs), 7_000);
    Block block = new Block(h, h.archive(), txs);
    job.block(proposal(block));
    job.checkpoint(checkpoint(List.of(block)));
    runner.runAll();
    assertThat(sent).isEmpty();
    assertThat(job.dispose().reason()).contains(Reason.FAILED_TXS);
  }

  @Test
  void aFirstBlockOnAnotherParentOrNumberDoesNotLink() {
    CheckpointJob.Tip tip = genesisTip();
    List<Block> previousSlot = blocks(SLOT - 1, tip, 2);
    CheckpointJob.Tip published =
        new CheckpointJob.Tip(
            2,
            previousSlot.get(1).archive(),
            new LedgerExecutor()
                .execute(
                    new LedgerExecutor().execute(tip.state(), previousSlot.get(0).txs()).state(),
                    previousSlot.get(1).txs())
                .state());
    // This slot's proposer builds on genesis, not on the published tip: its parent is unknown.
    Chains.ManualExecutor r = new Chains.ManualExecutor();
    List<CheckpointHeader> out = new ArrayList<>();
    CheckpointJob onTip =
        new CheckpointJob(
            SLOT,
            published,
            new LedgerExecutor(),
            r,
            out::add,
            false,
            CheckpointJob.Schedule.PIPELINED);
    List<Block> stale = blocks(SLOT, tip, 2);
    stale.forEach(b -> onTip.block(proposal(b)));
    onTip.checkpoint(checkpoint(stale));
    r.runAll();
    assertThat(out).isEmpty();
    assertThat(onTip.dispose().reason()).contains(Reason.BLOCK_NUMBER_ALREADY_EXISTS);

    // Block 1 of a slot naming the previous slot's block as its parent.
    List<Block> good = blocks(SLOT, published, 2);
    BlockHeader h1 = good.get(1).header();
    BlockHeader wrongSlotParent =
        new BlockHeader(
            SLOT, h1.blockNumber(), 1, published.archive(), h1.stateRoot(), h1.txRoot(), 1);
    Chains.ManualExecutor r2 = new Chains.ManualExecutor();
    CheckpointJob second =
        new CheckpointJob(
            SLOT,
            published,
            new LedgerExecutor(),
            r2,
            out::add,
            false,
            CheckpointJob.Schedule.PIPELINED);
    second.block(proposal(good.get(0)));
    second.block(
        proposal(new Block(wrongSlotParent, wrongSlotParent.archive(), good.get(1).txs())));
    r2.runAll();
    assertThat(second.dispose().reason()).contains(Reason.PARENT_BLOCK_WRONG_SLOT);
    assertThat(out).isEmpty();
    assertThat(second.outcome()).isNotEqualTo(Optional.empty());
  }
}
