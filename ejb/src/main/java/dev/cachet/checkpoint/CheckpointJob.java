package dev.cachet.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The validator's job for one slot (Aztec's {@code CheckpointAttestationJob}, plan §6.3): created
 * by the slot's first block proposal, it executes the proposer's blocks strictly in index order,
 * each as soon as it and its predecessor are there (an early block waits), while the proposer
 * builds the next; on the checkpoint proposal it waits for the blocks still executing and attests
 * only if every block {@code 0..last} executed and matched and the checkpoint header is the one it
 * computed. At the slot's end it is disposed whatever its state.
 *
 * <p>Messages that are not the slot proposer's (a wrong signer, a signature that does not verify,
 * another slot) are refused and change nothing: nobody but the proposer can spoil a slot. The
 * proposer's own faults (two blocks for one index, a block that does not link, an empty non-first
 * block, a wrong state root) are recorded and the job will not attest; it still executes what it
 * can to the end. Every outcome that is not an attestation has one {@link Reason}.
 *
 * <p>Execution runs on {@code runner} (the node's managed executor; a manual one in tests), one
 * block at a time; everything else is guarded by this object's lock. Thread-safe.
 */
public final class CheckpointJob {

  /** Why a job did not attest: the metric's {@code reason} label, lower case. */
  public enum Reason {
    INVALID_PROPOSAL,
    WRONG_PROPOSER,
    PARENT_BLOCK_NOT_FOUND,
    PARENT_BLOCK_WRONG_SLOT,
    BLOCK_NUMBER_ALREADY_EXISTS,
    STATE_MISMATCH,
    FAILED_TXS,
    MISSING_BLOCKS,
    STARTED_MID_SLOT,
    TIMEOUT
  }

  /**
   * When blocks execute. {@code PIPELINED}: each as soon as it and its predecessor are there.
   * {@code ON_PROPOSAL}: all of them only once the checkpoint proposal arrives, the way validators
   * worked before the plan; kept to measure the pipeline against (the benchmark), never a default.
   */
  public enum Schedule {
    PIPELINED,
    ON_PROPOSAL
  }

  /** What a message did to the job. */
  public enum Received {
    ACCEPTED,
    DUPLICATE,
    REFUSED,
    /** The job was disposed, or skips its slot: the message changed nothing. */
    IGNORED
  }

  /** The job's outcome once decided. */
  public record Outcome(boolean attested, Optional<Reason> reason) {
    static Outcome attestation() {
      return new Outcome(true, Optional.empty());
    }

    static Outcome not(Reason reason) {
      return new Outcome(false, Optional.of(reason));
    }
  }

  /** The latest published checkpoint's end: what index 0 builds on. */
  public record Tip(long blockNumber, Bytes32 archive, Ledger state) {
    public Tip {
      Objects.requireNonNull(archive, "archive");
      Objects.requireNonNull(state, "state");
    }
  }

  /** A block proposal as received: the block and who signed it, already checked or not. */
  public record BlockProposal(Block block, boolean signedByProposer, boolean signatureValid) {}

  /** A checkpoint proposal as received: its header and last block, and its signature's check. */
  public record CheckpointProposal(
      CheckpointHeader header, Block lastBlock, boolean signedByProposer, boolean signatureValid) {}

  /** Sends the attestation of a checkpoint header (first: bookkeeping comes after). */
  @FunctionalInterface
  public interface Attester {
    void attest(CheckpointHeader header);
  }

  /** A block this job executed, with what it computed and how long its execution took. */
  public record Executed(
      Block block, Bytes32 archive, Ledger state, boolean matched, long executionNanos) {}

  private final long slot;
  private final Tip base;
  private final BlockExecutor executor;
  private final Executor runner;
  private final Attester attester;
  private final boolean startedMidSlot;
  private final Schedule schedule;

  private final TreeMap<Integer, Block> received = new TreeMap<>();
  private final List<Executed> executed = new ArrayList<>();
  private boolean executing;
  private boolean skipping;
  private boolean disposed;
  private Reason fault; // the proposer's first fault: no attestation
  private Reason refusal; // the first refused message's reason, if nothing else happens
  private CheckpointProposal proposal;
  private Outcome outcome;

  /**
   * @param startedMidSlot whether this node came up after the slot began: then a first block seen
   *     with an index above 0 means the earlier ones were missed for good, and the job skips the
   *     slot; otherwise an early block only waits for its predecessors (the network reorders)
   */
  public CheckpointJob(
      long slot,
      Tip base,
      BlockExecutor executor,
      Executor runner,
      Attester attester,
      boolean startedMidSlot,
      Schedule schedule) {
    this.startedMidSlot = startedMidSlot;
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.slot = slot;
    this.base = Objects.requireNonNull(base, "base");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.attester = Objects.requireNonNull(attester, "attester");
  }

  public long slot() {
    return slot;
  }

  /** A block proposal of this slot. */
  public synchronized Received block(BlockProposal p) {
    if (disposed || outcome != null) {
      return Received.IGNORED;
    }
    Optional<Reason> refused = refusal(p.block(), p.signedByProposer(), p.signatureValid());
    if (refused.isPresent()) {
      return refuse(refused.get());
    }
    return take(p.block());
  }

  /**
   * The checkpoint proposal: its last block is taken like a block proposal; the job then attests
   * once every block up to it executed and matched.
   */
  public synchronized Received checkpoint(CheckpointProposal p) {
    if (disposed || outcome != null) {
      return Received.IGNORED;
    }
    Optional<Reason> refused =
        refusal(p.lastBlock(), p.signedByProposer(), p.signatureValid())
            .or(
                () ->
                    p.header().slot() != slot
                        ? Optional.of(Reason.INVALID_PROPOSAL)
                        : Optional.empty());
    if (refused.isPresent()) {
      return refuse(refused.get());
    }
    if (proposal != null) {
      if (proposal.header().equals(p.header()) && proposal.lastBlock().equals(p.lastBlock())) {
        return Received.DUPLICATE;
      }
      fault(Reason.INVALID_PROPOSAL); // two checkpoint proposals for one slot
      return Received.ACCEPTED;
    }
    Received took = take(p.lastBlock());
    proposal = p;
    scheduleExecution(); // on the ON_PROPOSAL schedule, the blocks held start now
    Integer highest = received.isEmpty() ? null : received.lastKey();
    if (highest != null && highest > p.lastBlock().index()) {
      fault(Reason.INVALID_PROPOSAL); // does not build on the latest block (Aztec #20502)
    }
    decideIfReady();
    return took == Received.IGNORED ? Received.IGNORED : Received.ACCEPTED;
  }

  /** The slot ended: the job is disposed, its outcome decided if it was not. */
  public synchronized Outcome dispose() {
    if (outcome == null) {
      Reason reason;
      if (skipping) {
        reason = Reason.STARTED_MID_SLOT;
      } else if (fault != null) {
        reason = fault;
      } else if (proposal != null) {
        reason = Reason.MISSING_BLOCKS; // still waiting for blocks (or their execution)
      } else if (refusal != null && received.isEmpty()) {
        reason = refusal;
      } else {
        reason = Reason.TIMEOUT;
      }
      outcome = Outcome.not(reason);
    }
    disposed = true;
    return outcome;
  }

  public synchronized Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** The blocks executed so far, in index order. */
  public synchronized List<Executed> executed() {
    return List.copyOf(executed);
  }

  /** How many blocks were received (accepted), executed or not. */
  public synchronized int receivedCount() {
    return received.size();
  }

  /** The state after the checkpoint with this archive, if this job executed it and it matched. */
  public synchronized Optional<Tip> tipAt(Bytes32 archive) {
    for (Executed e : executed) {
      if (e.matched() && e.archive().equals(archive)) {
        return Optional.of(new Tip(e.block().header().blockNumber(), archive, e.state()));
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- internals, under the lock

  private Optional<Reason> refusal(Block block, boolean byProposer, boolean signatureValid) {
    if (!signatureValid) {
      return Optional.of(Reason.INVALID_PROPOSAL);
    }
    if (!byProposer) {
      return Optional.of(Reason.WRONG_PROPOSER);
    }
    if (block.header().slot() != slot) {
      return Optional.of(Reason.INVALID_PROPOSAL);
    }
    return Optional.empty();
  }

  private Received refuse(Reason reason) {
    if (refusal == null) {
      refusal = reason;
    }
    return Received.REFUSED;
  }

  private void fault(Reason reason) {
    if (fault == null) {
      fault = reason;
    }
  }

  private Received take(Block block) {
    int index = block.index();
    if (startedMidSlot && received.isEmpty() && executed.isEmpty() && index > 0) {
      skipping = true; // the node started mid-slot: the earlier blocks never come
    }
    if (skipping) {
      return Received.IGNORED;
    }
    Block held = received.get(index);
    if (held != null) {
      if (held.equals(block)) {
        return Received.DUPLICATE;
      }
      fault(Reason.INVALID_PROPOSAL); // two blocks for one index: the proposer equivocates
      return Received.ACCEPTED;
    }
    if (index > 0 && block.txs().isEmpty()) {
      fault(Reason.INVALID_PROPOSAL); // every block but the first has a transaction (Aztec #25227)
    }
    received.put(index, block);
    scheduleExecution();
    return Received.ACCEPTED;
  }

  private void scheduleExecution() {
    if (executing
        || (schedule == Schedule.ON_PROPOSAL && proposal == null)
        || !received.containsKey(executed.size())) {
      return;
    }
    executing = true;
    runner.execute(this::executeNext);
  }

  /** Runs on the runner: executes the next block in index order, then the next if it is there. */
  private void executeNext() {
    Block block;
    Ledger state;
    Optional<Reason> linkFault;
    synchronized (this) {
      block = received.get(executed.size());
      if (block == null || disposed) {
        executing = false;
        return;
      }
      Executed previous = executed.isEmpty() ? null : executed.get(executed.size() - 1);
      linkFault = link(block, previous);
      state = previous == null ? base.state() : previous.state();
    }
    // Outside the lock: messages keep arriving while a block executes.
    long started = System.nanoTime();
    BlockExecutor.Execution run = executor.execute(state, block.txs());
    long nanos = System.nanoTime() - started;
    synchronized (this) {
      BlockHeader h = block.header();
      Bytes32 archive = h.archive();
      boolean rootsMatch =
          run.stateRoot().equals(h.stateRoot())
              && Merkle.txRoot(block.txs()).equals(h.txRoot())
              && archive.equals(block.archive());
      linkFault.ifPresent(this::fault);
      if (!rootsMatch) {
        fault(Reason.STATE_MISMATCH);
      } else if (!run.failed().isEmpty()) {
        fault(Reason.FAILED_TXS);
      }
      boolean matched = linkFault.isEmpty() && rootsMatch && run.failed().isEmpty();
      executed.add(new Executed(block, archive, run.state(), matched, nanos));
      executing = false;
      decideIfReady();
      scheduleExecution();
    }
  }

  /** Whether the block links to its parent: the latest published tip, or the slot's previous. */
  private Optional<Reason> link(Block block, Executed previous) {
    BlockHeader h = block.header();
    if (previous == null) {
      if (h.blockNumber() <= base.blockNumber()) {
        return Optional.of(Reason.BLOCK_NUMBER_ALREADY_EXISTS);
      }
      if (!h.parentArchive().equals(base.archive())) {
        return Optional.of(Reason.PARENT_BLOCK_NOT_FOUND);
      }
      return h.blockNumber() == base.blockNumber() + 1
          ? Optional.empty()
          : Optional.of(Reason.INVALID_PROPOSAL);
    }
    if (h.parentArchive().equals(base.archive())) {
      return Optional.of(Reason.PARENT_BLOCK_WRONG_SLOT); // builds on the previous slot's block
    }
    if (!h.parentArchive().equals(previous.archive())) {
      return Optional.of(Reason.PARENT_BLOCK_NOT_FOUND);
    }
    if (h.blockNumber() <= previous.block().header().blockNumber()) {
      return Optional.of(Reason.BLOCK_NUMBER_ALREADY_EXISTS);
    }
    return h.blockNumber() == previous.block().header().blockNumber() + 1
        ? Optional.empty()
        : Optional.of(Reason.INVALID_PROPOSAL);
  }

  /** Attests (or decides not to) once the proposal is there and every block up to it executed. */
  private void decideIfReady() {
    if (proposal == null || outcome != null) {
      return;
    }
    int last = proposal.lastBlock().index();
    if (executed.size() <= last) {
      return; // blocks still missing or executing
    }
    if (fault != null) {
      outcome = Outcome.not(fault);
      return;
    }
    List<BlockHeader> headers = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      headers.add(executed.get(i).block().header());
    }
    CheckpointHeader local = CheckpointHeader.of(headers, executed.get(last).archive());
    if (!local.equals(proposal.header())) {
      outcome = Outcome.not(Reason.INVALID_PROPOSAL);
      return;
    }
    attester.attest(local); // the attestation first (Aztec #23722) …
    outcome = Outcome.attestation(); // … then the bookkeeping
  }
}
