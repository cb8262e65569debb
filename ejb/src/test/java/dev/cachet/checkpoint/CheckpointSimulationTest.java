package dev.cachet.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A deterministic simulation of checkpoint slots over many seeds: four validators, the proposer
 * rotating by slot, blocks built by {@link BlockBuilder} and streamed with seeded delays (so they
 * arrive out of order), drops, a validator down for a slot, and proposers that lie about a block's
 * state root. Each validator runs its {@link CheckpointJob}; attestations go to the proposer, which
 * publishes with a quorum (3 of 4) by the slot's end; every validator then adopts the published
 * checkpoint, re-executing it if its job did not. Invariants checked in every slot: an honest
 * validator attests only a checkpoint that an honest re-execution confirms, a lying proposer's
 * checkpoint is never published, every validator holds the same state root after each slot, and a
 * slot without faults is published.
 */
class CheckpointSimulationTest {

  private static final int VALIDATORS = 4;
  private static final int QUORUM = 3;
  private static final long SLOT_MILLIS = 1_000;

  @Test
  void everySeedKeepsTheInvariants() {
    int published = 0;
    int lies = 0;
    int quiet = 0;
    int slots = 0;
    for (long seed = 1; seed <= 150; seed++) {
      Outcome o = run(seed, 12);
      published += o.published;
      lies += o.lies;
      quiet += o.quietSlots;
      slots += o.slots;
    }
    System.out.printf(
        "checkpoint simulation: 150 seeds, %d slots, %d published, %d lying proposals (none"
            + " published), %d fault-free slots (all published)%n",
        slots, published, lies, quiet);
    assertThat(published).isPositive();
    assertThat(lies).isPositive();
  }

  record Outcome(int slots, int published, int lies, int quietSlots) {}

  private record Event(long at, long order, Runnable action) {}

  private static Outcome run(long seed, int slotCount) {
    Random random = new Random(seed);
    LedgerExecutor executor = new LedgerExecutor();
    CheckpointJob.Tip genesis = Chains.genesisTip();
    CheckpointJob.Tip[] tips = new CheckpointJob.Tip[VALIDATORS];
    java.util.Arrays.fill(tips, genesis);
    long[] nonces = new long[5];
    int published = 0;
    int lies = 0;
    int quiet = 0;
    for (long slot = 1; slot <= slotCount; slot++) {
      int proposer = (int) (slot % VALIDATORS);
      boolean lying = random.nextInt(6) == 0;
      int down = random.nextInt(5) == 0 ? random.nextInt(VALIDATORS) : -1;
      if (down == proposer) {
        down = -1;
      }
      double drop = random.nextInt(4) == 0 ? 0.15 : 0.0;
      boolean faultFree = !lying && down < 0 && drop == 0;
      // The pool: transfers from accounts 1..4, in each sender's nonce order.
      Map<Bytes32, Tx> pool = BlockBuilder.pool();
      int txCount = 1 + random.nextInt(12);
      for (int k = 0; k < txCount; k++) {
        int from = 1 + random.nextInt(4);
        Tx tx =
            new Tx(
                Chains.account(from),
                Chains.account(1 + random.nextInt(4)),
                1 + random.nextInt(3),
                nonces[from]++);
        pool.put(tx.hash(), tx);
      }
      BlockBuilder builder = new BlockBuilder(slot, tips[proposer], executor, 3);
      int blocksWanted = 1 + random.nextInt(5);
      List<Block> blocks = new ArrayList<>();
      for (int i = 0; i < blocksWanted; i++) {
        builder.next(pool, slot * SLOT_MILLIS + i).ifPresent(blocks::add);
      }
      // Senders whose transactions did not fit wait: the pool is rebuilt each slot, so give their
      // unused nonces back (what stayed in the pool never applied).
      for (Tx left : pool.values()) {
        int from = left.from().bytes()[31];
        nonces[from] = Math.min(nonces[from], left.nonce());
      }
      if (lying) {
        blocks = lie(blocks, random.nextInt(blocks.size()));
        lies++;
      }
      final long thisSlot = slot;
      final List<Block> proposed = blocks;
      final CheckpointJob.Tip proposersTip = tips[proposer];
      CheckpointHeader header =
          CheckpointHeader.of(
              blocks.stream().map(Block::header).toList(), blocks.get(blocks.size() - 1).archive());
      // The honest truth: re-execute on the proposer's tip (which every validator shares).
      boolean valid = reexecute(executor, tips[proposer], blocks).isPresent();
      assertThat(valid)
          .as("seed %d slot %d: a lie never re-executes", seed, slot)
          .isEqualTo(!lying);

      PriorityQueue<Event> events =
          new PriorityQueue<>(
              (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
      long[] order = {0};
      Set<Integer> attesters = new HashSet<>();
      Map<Integer, CheckpointJob> jobs = new HashMap<>();
      Map<Integer, Chains.ManualExecutor> runners = new HashMap<>();
      for (int v = 0; v < VALIDATORS; v++) {
        final int node = v;
        Chains.ManualExecutor runner = new Chains.ManualExecutor();
        runners.put(v, runner);
        jobs.put(
            v,
            new CheckpointJob(
                slot,
                tips[v],
                executor,
                runner,
                h -> {
                  assertThat(h)
                      .as("seed %d slot %d: attests what was proposed", seed, thisSlot)
                      .isEqualTo(header);
                  assertThat(node == proposer || !lying)
                      .as(
                          "seed %d slot %d: an honest validator never attests a lie",
                          seed, thisSlot)
                      .isTrue();
                  boolean lost = random.nextDouble() < drop;
                  if (!lost) {
                    events.add(new Event(900, order[0]++, () -> attesters.add(node)));
                  }
                },
                false,
                // Some validators execute only on the proposal: the outcome must not differ.
                (seed + v) % 3 == 0
                    ? CheckpointJob.Schedule.ON_PROPOSAL
                    : CheckpointJob.Schedule.PIPELINED));
      }
      // The proposer's own job gets its blocks at once; the others with delays, maybe dropped.
      for (int v = 0; v < VALIDATORS; v++) {
        if (v == down) {
          continue;
        }
        for (int i = 0; i < blocks.size(); i++) {
          Block b = blocks.get(i);
          boolean last = i == blocks.size() - 1;
          long at = v == proposer ? i * 100L : i * 100L + random.nextInt(400);
          if (v != proposer && random.nextDouble() < drop) {
            continue;
          }
          CheckpointJob job = jobs.get(v);
          events.add(
              new Event(
                  at,
                  order[0]++,
                  last
                      ? () ->
                          job.checkpoint(
                              new CheckpointJob.CheckpointProposal(header, b, true, true))
                      : () -> job.block(new CheckpointJob.BlockProposal(b, true, true))));
        }
      }
      while (!events.isEmpty()) {
        Event e = events.poll();
        e.action.run();
        runners.values().forEach(Chains.ManualExecutor::runAll);
      }
      jobs.values().forEach(CheckpointJob::dispose);
      boolean publish = attesters.size() >= QUORUM;
      assertThat(publish && lying)
          .as("seed %d slot %d: a lie is never published", seed, slot)
          .isFalse();
      if (faultFree) {
        quiet++;
        assertThat(publish)
            .as("seed %d slot %d: a fault-free slot is published", seed, slot)
            .isTrue();
      }
      if (publish) {
        published++;
        for (int v = 0; v < VALIDATORS; v++) {
          CheckpointJob.Tip adopted =
              jobs.get(v)
                  .tipAt(header.archive())
                  .or(() -> reexecute(executor, proposersTip, proposed))
                  .orElseThrow();
          tips[v] = adopted;
        }
        for (int v = 1; v < VALIDATORS; v++) {
          assertThat(tips[v].state().root()).isEqualTo(tips[0].state().root());
          assertThat(tips[v].archive()).isEqualTo(tips[0].archive());
        }
      } else {
        // Unpublished: every sender's nonces of this slot come back.
        for (Block b : blocks) {
          for (Tx tx : b.txs()) {
            int from = tx.from().bytes()[31];
            nonces[from] = Math.min(nonces[from], tx.nonce());
          }
        }
      }
    }
    return new Outcome(slotCount, published, lies, quiet);
  }

  /** The blocks with block {@code at}'s claimed state root replaced, archives made consistent. */
  private static List<Block> lie(List<Block> blocks, int at) {
    List<Block> out = new ArrayList<>();
    Bytes32 parent = blocks.get(0).header().parentArchive();
    for (int i = 0; i < blocks.size(); i++) {
      BlockHeader h = blocks.get(i).header();
      Bytes32 root = i == at ? Bytes32.sha256(h.stateRoot().bytes()) : h.stateRoot();
      BlockHeader changed =
          new BlockHeader(
              h.slot(),
              h.blockNumber(),
              h.indexWithinCheckpoint(),
              parent,
              root,
              h.txRoot(),
              h.timestamp());
      out.add(new Block(changed, changed.archive(), blocks.get(i).txs()));
      parent = changed.archive();
    }
    return out;
  }

  /** Honest re-execution of published blocks on a tip: the tip after them, if every one matches. */
  private static java.util.Optional<CheckpointJob.Tip> reexecute(
      BlockExecutor executor, CheckpointJob.Tip tip, List<Block> blocks) {
    Ledger state = tip.state();
    Bytes32 archive = tip.archive();
    long number = tip.blockNumber();
    for (Block b : blocks) {
      BlockExecutor.Execution run = executor.execute(state, b.txs());
      BlockHeader h = b.header();
      if (!run.failed().isEmpty()
          || !run.stateRoot().equals(h.stateRoot())
          || !h.parentArchive().equals(archive)
          || h.blockNumber() != number + 1
          || !h.archive().equals(b.archive())) {
        return java.util.Optional.empty();
      }
      state = run.state();
      archive = h.archive();
      number++;
    }
    return java.util.Optional.of(new CheckpointJob.Tip(number, archive, state));
  }
}
