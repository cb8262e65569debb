package dev.cachet.checkpoint;

import dev.cachet.committee.CheckpointDuty;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * A node's part in checkpoint attestation: the proposer's schedule in its slots (build blocks from
 * the pool at the block interval, stream them, send the last inside the checkpoint proposal,
 * collect attestations until a quorum or the deadline, publish), the validator's job per slot
 * ({@link CheckpointJob}), the attestation pool, the transaction pool, and the published
 * checkpoints with the tip they lead to. Everything the node needs from outside comes through
 * {@link Ports}. Thread-safe: one lock guards the state; jobs execute on the ports' executor.
 */
public final class CheckpointNode {

  private static final Logger LOG = Logger.getLogger(CheckpointNode.class.getName());

  /** The most transactions the pool holds. */
  static final int MAX_POOL = 100_000;

  /** What the node needs from outside. */
  public interface Ports {
    Optional<Committee> committeeOf(long slot);

    IdentityKey self();

    long now();

    long slotStart(long slot);

    long slotMillis();

    /** Schedules {@code task} at {@code atMillis} (at once if past). */
    void at(long atMillis, Runnable task);

    /** Where jobs execute blocks. */
    Executor executor();

    /** This node's Ed25519 signature of a 32-byte digest. */
    byte[] signIdentity(Bytes32 digest);

    /**
     * The XMSS^MT signature of {@code digest} at leaf {@code slot} by this node's validator key of
     * the role; empty if it cannot sign (no key, the slot signed already with another message).
     */
    Optional<byte[]> signXmss(boolean proposal, long validatorIndex, long slot, Bytes32 digest);

    /** Sends a message to every member of the committee but this node. */
    void broadcast(Committee committee, Message message);

    void stored(Published published);

    /** The published checkpoint of {@code slot} from a member that holds it, if any does. */
    Optional<Published> fetch(long slot);

    void outcome(long slot, CheckpointJob.Outcome outcome);

    /** The attestation of {@code slot} was sent, this long after its proposal arrived. */
    default void attestationSent(long slot, long nanosSinceProposal, boolean asProposer) {}

    /** The job of {@code slot} was disposed, having executed blocks this long each. */
    default void blocksExecuted(long slot, List<Long> executionNanos) {}
  }

  /** The messages between nodes. */
  public sealed interface Message {}

  /** A non-last block, signed with the proposer's identity key over its domain-0 digest. */
  public record BlockMessage(Block block, IdentityKey signer, byte[] signature)
      implements Message {}

  /** The checkpoint proposal: the last block with the header, the proposal key's signature. */
  public record ProposalMessage(CheckpointHeader header, Block lastBlock, byte[] signature)
      implements Message {}

  /** A validator's attestation. */
  public record AttestationMessage(CheckpointHeader header, long validatorIndex, byte[] signature)
      implements Message {}

  /** A published checkpoint: its blocks and the quorum's attestations, in committee order. */
  public record Published(
      CheckpointHeader header, List<Block> blocks, List<AttestationPool.Attestation> attestations)
      implements Message {
    public Published {
      blocks = List.copyOf(blocks);
      attestations = List.copyOf(attestations);
    }
  }

  /** Transactions relayed to every member's pool. */
  public record TxsMessage(List<Tx> txs) implements Message {
    public TxsMessage {
      txs = List.copyOf(txs);
    }
  }

  /**
   * This node's attestation signature of a proposal's header, made while the job executes: sent
   * only if the job attests that header, else it never leaves the node.
   */
  private record Presigned(
      CheckpointHeader header, CompletableFuture<Optional<byte[]>> signature) {}

  /** The timing and sizes of a slot, and when the jobs execute. */
  public record Settings(
      int blocksPerSlot,
      double buildFraction,
      double deadlineFraction,
      int maxTxsPerBlock,
      int poolSlots,
      CheckpointJob.Schedule schedule) {
    public Settings(
        int blocksPerSlot,
        double buildFraction,
        double deadlineFraction,
        int maxTxsPerBlock,
        int poolSlots) {
      this(
          blocksPerSlot,
          buildFraction,
          deadlineFraction,
          maxTxsPerBlock,
          poolSlots,
          CheckpointJob.Schedule.PIPELINED);
    }
  }

  /** This node's view of a slot. */
  public record SlotView(
      long slot,
      Optional<IdentityKey> proposer,
      int blocksReceived,
      int blocksExecuted,
      Optional<CheckpointJob.Outcome> outcome,
      Optional<CheckpointHeader> attested,
      boolean published,
      List<Long> executionMicros,
      Optional<Long> attestationMicros) {}

  private final Ports ports;
  private final Settings settings;
  private final BlockExecutor executor;
  private final CheckpointSignatures signatures;
  private final long startedAt;

  private final Object lock = new Object();
  private CheckpointJob.Tip tip;
  private long tipSlot = -1; // the slot of the checkpoint the tip is after; -1: genesis
  private boolean catchingUp;
  private final Map<Bytes32, Tx> pool = new LinkedHashMap<>();
  private final TreeMap<Long, CheckpointJob> jobs = new TreeMap<>();
  private final TreeMap<Long, CheckpointJob.Outcome> outcomes = new TreeMap<>();
  private final TreeMap<Long, CheckpointHeader> attested = new TreeMap<>();
  private final TreeMap<Long, Published> published = new TreeMap<>();
  private final TreeMap<Long, Long> proposalArrived = new TreeMap<>(); // System.nanoTime()
  private final TreeMap<Long, Long> attestationNanos = new TreeMap<>();
  private final TreeMap<Long, List<Long>> executionNanos = new TreeMap<>();
  private final TreeMap<Long, Presigned> presigned = new TreeMap<>();
  private final TreeMap<Long, Integer> receivedCounts = new TreeMap<>();
  private final Map<Long, Proposing> proposing = new TreeMap<>();
  private final AttestationPool attestations;
  private final Map<CheckpointJob.Reason, Long> reasons = new EnumMap<>(CheckpointJob.Reason.class);

  public CheckpointNode(
      Ports ports,
      Settings settings,
      BlockExecutor executor,
      CheckpointSignatures signatures,
      CheckpointJob.Tip genesis,
      List<Published> stored) {
    this.ports = ports;
    this.settings = settings;
    this.executor = executor;
    this.signatures = signatures;
    this.startedAt = ports.now();
    this.attestations = new AttestationPool(settings.poolSlots());
    this.tip = genesis;
    for (Published p : stored) { // in slot order: re-executed to rebuild the tip
      adopt(p);
    }
  }

  // ---------------------------------------------------------------- the slot's start

  /** The slot began: jobs of earlier slots are disposed; the proposer starts building. */
  public void slotStarted(long slot) {
    synchronized (lock) {
      for (Map.Entry<Long, CheckpointJob> e : List.copyOf(jobs.headMap(slot, false).entrySet())) {
        dispose(e.getKey(), e.getValue());
      }
      proposing.keySet().removeIf(s -> s < slot);
      while (published.size() > settings.poolSlots() * 4L) {
        published.pollFirstEntry();
      }
      Optional<Committee> committee = ports.committeeOf(slot);
      Optional<Member> proposer = committee.flatMap(c -> c.proposerOf(slot));
      if (proposer.isEmpty() || !proposer.get().identityKey().equals(ports.self())) {
        return;
      }
      Proposing p = new Proposing(slot, committee.get(), proposer.get().duty().orElseThrow());
      proposing.put(slot, p);
      long start = ports.slotStart(slot);
      long interval =
          Math.max(
              1, (long) (ports.slotMillis() * settings.buildFraction()) / settings.blocksPerSlot());
      for (int i = 0; i <= settings.blocksPerSlot(); i++) {
        int index = i;
        ports.at(start + i * interval, () -> p.step(index));
      }
      ports.at(start + (long) (ports.slotMillis() * settings.deadlineFraction()), p::deadline);
    }
  }

  private void dispose(long slot, CheckpointJob job) {
    jobs.remove(slot);
    CheckpointJob.Outcome o = job.dispose();
    outcomes.put(slot, o);
    o.reason().ifPresent(r -> reasons.merge(r, 1L, Long::sum));
    List<Long> nanos = job.executed().stream().map(CheckpointJob.Executed::executionNanos).toList();
    executionNanos.put(slot, nanos);
    receivedCounts.put(slot, job.receivedCount());
    proposalArrived.remove(slot);
    presigned.remove(slot);
    for (TreeMap<Long, ?> kept :
        List.of(outcomes, attested, executionNanos, attestationNanos, receivedCounts)) {
      while (kept.size() > settings.poolSlots()) {
        kept.pollFirstEntry();
      }
    }
    ports.outcome(slot, o);
    ports.blocksExecuted(slot, nanos);
  }

  /** The proposer's work in one of its slots. */
  private final class Proposing {
    final long slot;
    final Committee committee;
    final CheckpointDuty duty;
    BlockBuilder builder;
    Block held; // built, not sent yet: sent as a block proposal once the next one exists
    boolean proposed;
    boolean done;
    CheckpointHeader header;

    Proposing(long slot, Committee committee, CheckpointDuty duty) {
      this.slot = slot;
      this.committee = committee;
      this.duty = duty;
    }

    /** Builds block {@code index} (or, past the last, proposes the checkpoint). */
    void step(int index) {
      synchronized (lock) {
        if (proposed || done) {
          return;
        }
        if (builder == null) {
          builder = new BlockBuilder(slot, tip, executor, settings.maxTxsPerBlock());
        }
        Optional<Block> next =
            index < settings.blocksPerSlot() ? builder.next(pool, ports.now()) : Optional.empty();
        if (next.isPresent() && held != null) {
          sendBlock(held);
        }
        if (next.isPresent()) {
          held = next.get();
          return;
        }
        if (held != null) {
          propose();
        }
      }
    }

    private void sendBlock(Block block) {
      byte[] signature = ports.signIdentity(CheckpointSignatures.blockDigest(block));
      BlockMessage m = new BlockMessage(block, ports.self(), signature);
      ports.broadcast(committee, m);
      receiveBlock(m);
    }

    private void propose() {
      proposed = true;
      header = builder.header();
      Optional<byte[]> signature =
          ports.signXmss(
              true, duty.validatorIndex(), slot, CheckpointSignatures.proposalDigest(header, held));
      if (signature.isEmpty()) {
        LOG.warning("checkpoint of slot " + slot + " not proposed: the proposal key cannot sign");
        return;
      }
      ProposalMessage m = new ProposalMessage(header, held, signature.get());
      ports.broadcast(committee, m);
      receiveProposal(m);
    }

    void attestationAdded() {
      if (done || header == null || !attestations.isQuorum(committee, header)) {
        return;
      }
      done = true;
      Published p =
          new Published(header, builder.built(), attestations.attestations(committee, header));
      if (adopt(p)) {
        ports.broadcast(committee, p);
      }
    }

    void deadline() {
      synchronized (lock) {
        if (!done) {
          done = true;
          LOG.info("checkpoint of slot " + slot + " not published: no quorum by the deadline");
        }
      }
    }
  }

  // ---------------------------------------------------------------- messages

  /** A block proposal from a peer (or this node as proposer). */
  public CheckpointJob.Received receiveBlock(BlockMessage m) {
    long slot = m.block().header().slot();
    Optional<Committee> committee = ports.committeeOf(slot);
    // Checked apart, so a forged block is INVALID_PROPOSAL and a non-proposer's WRONG_PROPOSER.
    boolean valid = CheckpointSignatures.signedBy(m.block(), m.signer(), m.signature());
    boolean byProposer =
        committee
            .flatMap(c -> c.proposerOf(slot))
            .map(p -> p.identityKey().equals(m.signer()))
            .orElse(false);
    synchronized (lock) {
      return job(slot)
          .map(j -> j.block(new CheckpointJob.BlockProposal(m.block(), byProposer, valid)))
          .orElse(CheckpointJob.Received.IGNORED);
    }
  }

  /** The checkpoint proposal. */
  public CheckpointJob.Received receiveProposal(ProposalMessage m) {
    long arrived = System.nanoTime();
    long slot = m.header().slot();
    Optional<Committee> committee = ports.committeeOf(slot);
    boolean valid =
        committee.isPresent()
            && signatures.proposalSigned(committee.get(), m.header(), m.lastBlock(), m.signature());
    synchronized (lock) {
      Optional<CheckpointJob> job = job(slot);
      if (job.isEmpty()) {
        return CheckpointJob.Received.IGNORED;
      }
      if (valid) {
        proposalArrived.putIfAbsent(slot, arrived); // before the job may attest
      }
      CheckpointJob.Received received =
          job.get()
              .checkpoint(
                  new CheckpointJob.CheckpointProposal(m.header(), m.lastBlock(), valid, valid));
      if (received == CheckpointJob.Received.ACCEPTED && valid) {
        presign(slot, m.header(), committee);
      }
      return received;
    }
  }

  /**
   * An attestation: verified against the committee, then pooled.
   *
   * @return whether it verified (and so was pooled, or known)
   */
  public boolean receiveAttestation(AttestationMessage m) {
    long slot = m.header().slot();
    Optional<Committee> committee = ports.committeeOf(slot);
    if (committee.isEmpty()
        || !signatures.attestationSigned(
            committee.get(), m.header(), m.validatorIndex(), m.signature())) {
      return false;
    }
    synchronized (lock) {
      attestations.add(
          m.header(), new AttestationPool.Attestation(m.validatorIndex(), m.signature()));
      Proposing p = proposing.get(slot);
      if (p != null) {
        p.attestationAdded();
      }
    }
    return true;
  }

  /**
   * A published checkpoint: stored and adopted if a quorum of the committee attested it, its blocks
   * form it, and they re-execute on this node's tip.
   *
   * @return whether it was adopted (or held already)
   */
  public boolean receivePublished(Published p) {
    Optional<Committee> committee = ports.committeeOf(p.header().slot());
    if (committee.isEmpty() || !quorumAttested(committee.get(), p)) {
      return false;
    }
    synchronized (lock) {
      if (adopt(p)) {
        return true;
      }
      if (p.header().slot() <= tipSlot + 1 || catchingUp) {
        return false;
      }
      catchingUp = true; // this node missed checkpoints (it was down): fetch them, in order
    }
    ports.executor().execute(() -> catchUp(p));
    return false;
  }

  /** Fetches and adopts the published checkpoints between the tip and {@code latest}. */
  private void catchUp(Published latest) {
    try {
      long from;
      synchronized (lock) {
        from = tipSlot + 1;
      }
      for (long slot = from; slot < latest.header().slot(); slot++) {
        Optional<Published> fetched = ports.fetch(slot);
        Optional<Committee> committee = ports.committeeOf(slot);
        if (fetched.isPresent()
            && committee.isPresent()
            && fetched.get().header().slot() == slot
            && quorumAttested(committee.get(), fetched.get())) {
          synchronized (lock) {
            adopt(fetched.get());
          }
        }
      }
      synchronized (lock) {
        adopt(latest);
      }
    } finally {
      synchronized (lock) {
        catchingUp = false;
      }
    }
  }

  private boolean quorumAttested(Committee committee, Published p) {
    List<IdentityKey> signers = new ArrayList<>();
    for (AttestationPool.Attestation a : p.attestations()) {
      if (!signatures.attestationSigned(committee, p.header(), a.validatorIndex(), a.signature())) {
        return false;
      }
      committee.validators().stream()
          .filter(m -> m.duty().get().validatorIndex() == a.validatorIndex())
          .findFirst()
          .ifPresent(m -> signers.add(m.identityKey()));
    }
    return committee.isQuorum(signers);
  }

  /** Under the lock: adopts a published checkpoint that builds on the tip. */
  private boolean adopt(Published p) {
    long slot = p.header().slot();
    if (published.containsKey(slot)) {
      return published.get(slot).header().equals(p.header());
    }
    if (p.blocks().isEmpty()
        || !CheckpointHeader.of(
                p.blocks().stream().map(Block::header).toList(),
                p.blocks().get(p.blocks().size() - 1).archive())
            .equals(p.header())) {
      return false;
    }
    Optional<CheckpointJob.Tip> next =
        Optional.ofNullable(jobs.get(slot)).flatMap(j -> j.tipAt(p.header().archive()));
    if (next.isEmpty()) {
      next = reexecute(p.blocks());
    }
    if (next.isEmpty()) {
      LOG.warning("published checkpoint of slot " + slot + " does not build on this node's tip");
      return false;
    }
    tip = next.get();
    tipSlot = slot;
    published.put(slot, p);
    for (Block b : p.blocks()) {
      for (Tx tx : b.txs()) {
        pool.remove(tx.hash());
      }
    }
    ports.stored(p);
    return true;
  }

  private Optional<CheckpointJob.Tip> reexecute(List<Block> blocks) {
    Ledger state = tip.state();
    Bytes32 archive = tip.archive();
    long number = tip.blockNumber();
    for (Block b : blocks) {
      BlockHeader h = b.header();
      BlockExecutor.Execution run = executor.execute(state, b.txs());
      if (!run.failed().isEmpty()
          || !run.stateRoot().equals(h.stateRoot())
          || !h.parentArchive().equals(archive)
          || h.blockNumber() != number + 1
          || !h.archive().equals(b.archive())) {
        return Optional.empty();
      }
      state = run.state();
      archive = h.archive();
      number++;
    }
    return Optional.of(new CheckpointJob.Tip(number, archive, state));
  }

  /** Transactions from this node's client (relayed) or a peer's relay (not relayed again). */
  public List<Bytes32> receiveTxs(List<Tx> txs, boolean relay, Optional<Committee> committee) {
    List<Bytes32> hashes = new ArrayList<>();
    synchronized (lock) {
      for (Tx tx : txs) {
        Bytes32 hash = tx.hash();
        hashes.add(hash);
        if (pool.size() < MAX_POOL) {
          pool.putIfAbsent(hash, tx);
        }
      }
    }
    if (relay && committee.isPresent()) {
      ports.broadcast(committee.get(), new TxsMessage(txs));
    }
    return hashes;
  }

  /** The job of {@code slot}, created on its first message (only for the current slot or next). */
  private Optional<CheckpointJob> job(long slot) {
    if (outcomes.containsKey(slot)) {
      return Optional.empty(); // disposed
    }
    CheckpointJob job = jobs.get(slot);
    if (job == null) {
      long current = slotAt(ports.now());
      if (slot < current || slot > current + 1) {
        return Optional.empty();
      }
      boolean midSlot = startedAt > ports.slotStart(slot);
      Optional<Committee> committee = ports.committeeOf(slot);
      Optional<CheckpointDuty> own =
          committee.flatMap(c -> c.member(ports.self())).flatMap(Member::duty);
      job =
          new CheckpointJob(
              slot,
              tip,
              executor,
              ports.executor(),
              // Off the job's lock (its execution thread holds it): the node's lock comes first.
              header -> ports.executor().execute(() -> attest(slot, header, own, committee)),
              midSlot,
              settings.schedule());
      jobs.put(slot, job);
    }
    return Optional.of(job);
  }

  private long slotAt(long millis) {
    long slotMillis = ports.slotMillis();
    long s0 = ports.slotStart(0);
    return millis < s0 ? 0 : (millis - s0) / slotMillis;
  }

  /**
   * Under the lock, for the slot's first accepted proposal (its signature verified): signs its
   * header with this node's attestation key on the executor, beside the job's execution of the last
   * block, so that the attestation waits for one of the two, not both in turn. Safe: the slot's
   * leaf signs only this slot's checkpoint, the proposer's one header (a second one is a fault and
   * nothing is attested); the signature is durable before it exists (the key manager's rule) and is
   * sent only if the job attests this header.
   */
  private void presign(long slot, CheckpointHeader header, Optional<Committee> committee) {
    Optional<CheckpointDuty> own =
        committee.flatMap(c -> c.member(ports.self())).flatMap(Member::duty);
    if (own.isEmpty() || presigned.containsKey(slot)) {
      return;
    }
    long validator = own.get().validatorIndex();
    presigned.put(
        slot,
        new Presigned(
            header,
            CompletableFuture.supplyAsync(
                () ->
                    ports.signXmss(
                        false, validator, slot, CheckpointSignatures.attestationDigest(header)),
                ports.executor())));
  }

  /**
   * The job's attester: sign with this node's attestation key (or take the signature made beside
   * the execution), send to all, pool it.
   */
  private void attest(
      long slot,
      CheckpointHeader header,
      Optional<CheckpointDuty> own,
      Optional<Committee> committee) {
    if (own.isEmpty() || committee.isEmpty()) {
      return; // this node runs no validator: it executes, but has nothing to sign with
    }
    Presigned pre;
    synchronized (lock) {
      pre = presigned.get(slot);
    }
    if (pre != null && pre.header().equals(header)) {
      pre.signature()
          .whenComplete(
              (signature, failed) -> {
                if (failed == null) {
                  send(slot, header, own.get(), committee.get(), signature);
                } else {
                  LOG.warning("the attestation of slot " + slot + " did not sign: " + failed);
                }
              });
      return;
    }
    send(
        slot,
        header,
        own.get(),
        committee.get(),
        ports.signXmss(
            false,
            own.get().validatorIndex(),
            slot,
            CheckpointSignatures.attestationDigest(header)));
  }

  private void send(
      long slot,
      CheckpointHeader header,
      CheckpointDuty own,
      Committee committee,
      Optional<byte[]> signature) {
    if (signature.isEmpty()) {
      return;
    }
    AttestationMessage m = new AttestationMessage(header, own.validatorIndex(), signature.get());
    ports.broadcast(committee, m); // the attestation first …
    long sent = System.nanoTime();
    synchronized (lock) { // … then the bookkeeping
      attested.put(slot, header);
      Long arrived = proposalArrived.remove(slot);
      if (arrived != null) {
        attestationNanos.put(slot, sent - arrived);
        ports.attestationSent(slot, sent - arrived, proposing.containsKey(slot));
      }
      attestations.add(header, new AttestationPool.Attestation(m.validatorIndex(), m.signature()));
      Proposing p = proposing.get(slot);
      if (p != null) {
        p.attestationAdded();
      }
    }
  }

  // ---------------------------------------------------------------- reads

  public Optional<Published> published(long slot) {
    synchronized (lock) {
      return Optional.ofNullable(published.get(slot));
    }
  }

  public SlotView slot(long slot) {
    synchronized (lock) {
      CheckpointJob job = jobs.get(slot);
      List<Long> nanos =
          job != null
              ? job.executed().stream().map(CheckpointJob.Executed::executionNanos).toList()
              : executionNanos.getOrDefault(slot, List.of());
      return new SlotView(
          slot,
          ports.committeeOf(slot).flatMap(c -> c.proposerOf(slot)).map(Member::identityKey),
          job == null ? receivedCounts.getOrDefault(slot, 0) : job.receivedCount(),
          nanos.size(),
          Optional.ofNullable(outcomes.get(slot)),
          Optional.ofNullable(attested.get(slot)),
          published.containsKey(slot),
          nanos.stream().map(n -> n / 1_000).toList(),
          Optional.ofNullable(attestationNanos.get(slot)).map(n -> n / 1_000));
    }
  }

  public CheckpointJob.Tip tip() {
    synchronized (lock) {
      return tip;
    }
  }

  public int poolSize() {
    synchronized (lock) {
      return pool.size();
    }
  }

  public Map<CheckpointJob.Reason, Long> reasons() {
    synchronized (lock) {
      return Map.copyOf(reasons);
    }
  }
}
