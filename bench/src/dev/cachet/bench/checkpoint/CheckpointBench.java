package dev.cachet.bench.checkpoint;

import dev.cachet.checkpoint.Block;
import dev.cachet.checkpoint.BlockBuilder;
import dev.cachet.checkpoint.BlockExecutor;
import dev.cachet.checkpoint.Bytes32;
import dev.cachet.checkpoint.CheckpointHeader;
import dev.cachet.checkpoint.CheckpointJob;
import dev.cachet.checkpoint.Ledger;
import dev.cachet.checkpoint.LedgerExecutor;
import dev.cachet.checkpoint.Tx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 15's benchmark, in one JVM: the validator's {@link CheckpointJob} (the node's own class)
 * on a slot of 8 blocks of 100 transactions on the real account ledger, the last inside the
 * checkpoint proposal. Two arrival schedules: the node's block interval on its defaults (4 s slots,
 * the blocks over the first half: validators execute block N while the proposer waits to build
 * N + 1), and one block-execution time apart (no slack at all: every slow block delays the rest).
 * Pipelined: the job executes each block as it arrives (on a thread of its own, as on the node's
 * managed executor). Synchronous: the same job, its executions held back until the checkpoint
 * proposal arrives (the way validators worked before the plan: the job's own {@code
 * ON_PROPOSAL} schedule, the node's {@code cachet.checkpoint.execution=on-proposal}). Figures: the time from the
 * proposal's arrival to the attestation, split into the last block's execution in the job and the
 * rest, and one block's execution time; and the proposer's time to build one block.
 */
public final class CheckpointBench {

  private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);
  private static final int BLOCKS = Integer.getInteger("bench.blocks", 8);
  private static final int TXS = Integer.getInteger("bench.txs", 100);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 31);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 20);
  private static final long[] BUILD = new long[Integer.getInteger("bench.blocks", 8)];

  /** The node's block interval on its defaults: 4 s slots, the first half for the blocks. */
  private static final long NODE_INTERVAL =
      Long.getLong("bench.slot-millis", 4_000) * 1_000_000L / 2 / BLOCKS;

  public static void main(String[] args) throws Exception {
    Map<Bytes32, Long> balances = new LinkedHashMap<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      balances.put(account(i), 1_000_000_000L);
    }
    Ledger genesis = Ledger.genesis(balances);
    CheckpointJob.Tip tip = new CheckpointJob.Tip(0, Bytes32.ZERO, genesis);
    LedgerExecutor executor = new LedgerExecutor();
    List<Block> blocks = build(tip, executor);
    CheckpointHeader header =
        CheckpointHeader.of(blocks.stream().map(Block::header).toList(), blocks.get(BLOCKS - 1).archive());

    long[] exec = new long[ROUNDS * 3];
    for (int w = 0; w < WARMUP; w++) {
      executor.execute(genesis, blocks.get(0).txs());
    }
    for (int i = 0; i < exec.length; i++) {
      long t0 = System.nanoTime();
      executor.execute(genesis, blocks.get(0).txs());
      exec[i] = System.nanoTime() - t0;
    }
    long oneBlock = median(exec);
    long build = median(BUILD);
    Long fixed = Long.getLong("bench.interval-micros");
    System.out.printf(
        Locale.ROOT,
        "slot: %d blocks of %d transactions, %,d accounts; %d rounds after %d warm-up rounds,"
            + " pipelined and synchronous interleaved%n",
        BLOCKS, TXS, ACCOUNTS, ROUNDS, WARMUP);
    System.out.printf(
        Locale.ROOT,
        "execution of one block: median %.2f ms, p90 %.2f ms; the proposer's building of one block"
            + " (BlockBuilder, executing each candidate): median %.2f ms%n",
        oneBlock / 1e6, percentile(exec, 0.9) / 1e6, build / 1e6);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      if (fixed != null) {
        schedule("blocks " + fixed / 1000.0 + " ms apart (BENCH_INTERVAL_MICROS)", fixed * 1000, oneBlock, tip, executor, blocks, header, pool);
      } else {
        schedule("blocks arriving at the node's block interval (4 s slots, 8 blocks in the first half)", NODE_INTERVAL, oneBlock, tip, executor, blocks, header, pool);
        schedule("blocks arriving one execution apart (no slack)", oneBlock, oneBlock, tip, executor, blocks, header, pool);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void schedule(
      String what,
      long interval,
      long oneBlock,
      CheckpointJob.Tip tip,
      BlockExecutor executor,
      List<Block> blocks,
      CheckpointHeader header,
      ExecutorService pool)
      throws InterruptedException {
    for (int w = 0; w < WARMUP; w++) {
      run(tip, executor, blocks, header, interval, pool, false);
      run(tip, executor, blocks, header, interval, pool, true);
    }
    long[] pipelined = new long[ROUNDS];
    long[] synchronous = new long[ROUNDS];
    long[] lastBlock = new long[ROUNDS];
    long[] rest = new long[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) { // interleaved, so a drift shows in both alike
      long[] p = run(tip, executor, blocks, header, interval, pool, false);
      pipelined[r] = p[0];
      lastBlock[r] = p[1];
      rest[r] = p[0] - p[1];
      synchronous[r] = run(tip, executor, blocks, header, interval, pool, true)[0];
    }
    long p = median(pipelined);
    long s = median(synchronous);
    double ofBlock = (double) p / oneBlock;
    double faster = (double) s / p;
    System.out.printf(Locale.ROOT, "%n%s, %.2f ms apart:%n", what, interval / 1e6);
    System.out.printf(
        Locale.ROOT,
        "  checkpoint proposal -> attestation: pipelined median %.2f ms (p90 %.2f), synchronous"
            + " median %.2f ms (p90 %.2f)%n",
        p / 1e6, percentile(pipelined, 0.9) / 1e6, s / 1e6, percentile(synchronous, 0.9) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "  pipelined, after the proposal: the last block's execution in the job median %.2f ms;"
            + " the rest (waking the executor, roots, header, attesting) median %.2f ms%n",
        median(lastBlock) / 1e6, median(rest) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "  goal: pipelined within 1.5x one block's execution: %.2fx: %s%n",
        ofBlock, ofBlock <= 1.5 ? "MET" : "NOT MET");
    System.out.printf(
        Locale.ROOT,
        "  goal: pipelined at least 4x faster than synchronous: %.2fx: %s%n",
        faster, faster >= 4 ? "MET" : "NOT MET");
  }

  /**
   * One slot: blocks fed at the interval; the time from the proposal to the attestation, and the
   * last block's execution time in the job.
   */
  private static long[] run(
      CheckpointJob.Tip tip,
      BlockExecutor executor,
      List<Block> blocks,
      CheckpointHeader header,
      long interval,
      ExecutorService pool,
      boolean synchronous)
      throws InterruptedException {
    CountDownLatch attested = new CountDownLatch(1);
    AtomicLong at = new AtomicLong();
    CheckpointJob job =
        new CheckpointJob(
            1,
            tip,
            executor,
            pool,
            h -> {
              at.set(System.nanoTime());
              attested.countDown();
            },
            false,
            synchronous ? CheckpointJob.Schedule.ON_PROPOSAL : CheckpointJob.Schedule.PIPELINED);
    long start = System.nanoTime();
    for (int i = 0; i < blocks.size() - 1; i++) {
      sleepUntil(start + i * interval);
      job.block(new CheckpointJob.BlockProposal(blocks.get(i), true, true));
    }
    sleepUntil(start + (blocks.size() - 1) * interval);
    long proposal = System.nanoTime();
    job.checkpoint(new CheckpointJob.CheckpointProposal(header, blocks.get(blocks.size() - 1), true, true));
    if (!attested.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no attestation");
    }
    List<CheckpointJob.Executed> executed = job.executed();
    return new long[] {
      at.get() - proposal, executed.get(executed.size() - 1).executionNanos()
    };
  }

  private static List<Block> build(CheckpointJob.Tip tip, LedgerExecutor executor) {
    Map<Bytes32, Tx> pool = BlockBuilder.pool();
    long[] nonces = new long[ACCOUNTS];
    java.util.Random random = new java.util.Random(15);
    for (int n = 0; n < BLOCKS * TXS; n++) {
      int from = random.nextInt(ACCOUNTS);
      Tx tx = new Tx(account(from), account(random.nextInt(ACCOUNTS)), 1 + random.nextInt(100), nonces[from]++);
      pool.put(tx.hash(), tx);
    }
    List<Block> blocks = new ArrayList<>();
    // Built WARMUP + 1 times (the pool copied each time): the last build's per-block times count.
    for (int round = 0; round <= WARMUP; round++) {
      Map<Bytes32, Tx> copy = new LinkedHashMap<>(pool);
      BlockBuilder builder = new BlockBuilder(1, tip, executor, TXS);
      blocks.clear();
      for (int i = 0; i < BLOCKS; i++) {
        long t0 = System.nanoTime();
        blocks.add(builder.next(copy, i).orElseThrow());
        BUILD[i] = System.nanoTime() - t0;
      }
    }
    for (Block b : blocks) {
      if (b.txs().size() != TXS) {
        throw new IllegalStateException("a block of " + b.txs().size() + " transactions");
      }
    }
    return blocks;
  }

  private static Bytes32 account(int i) {
    byte[] id = new byte[32];
    id[0] = (byte) 0xac;
    id[28] = (byte) (i >>> 24);
    id[29] = (byte) (i >>> 16);
    id[30] = (byte) (i >>> 8);
    id[31] = (byte) i;
    return Bytes32.of(id);
  }

  /** Parks until {@code nanos} (never spins: on one core a spinning feeder starves the job). */
  private static void sleepUntil(long nanos) {
    long wait;
    while ((wait = nanos - System.nanoTime()) > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(wait);
    }
  }

  private static long median(long[] values) {
    return percentile(values, 0.5);
  }

  private static long percentile(long[] values, double q) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
