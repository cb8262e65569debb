package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.Epochs;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.EpochWindow;
import dev.cachet.peer.InvalidSignatureException;
import dev.cachet.peer.NotAMemberException;
import dev.cachet.peer.PeerSigner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node's side of the epoch handoff (issue 13), for every epoch in its window:
 *
 * <ol>
 *   <li><b>Ready.</b> After the announcement close plus a grace, once it holds the blob of every
 *       announcement signed at or before the close (or at the backstop, with what it holds), a
 *       member of epoch {@code e} signs one ready signal over its snapshot, keeps it durably, then
 *       sends it with the snapshot to every member of {@code e}. Never a second one: a restart
 *       sends the same.
 *   <li><b>Freeze.</b> Ready signals for one digest from a quorum of stake freeze the epoch on that
 *       snapshot; the signals are a freeze certificate, kept durably and sent to every member of
 *       {@code e} and {@code e + 1}. A valid freeze certificate received is adopted.
 *   <li><b>Attest.</b> Once frozen and once committee {@code e + 1} is known, a member of {@code e}
 *       signs one attestation of (epoch, next key set, frozen items), keeps it durably, then sends
 *       it to every member of {@code e} and {@code e + 1}.
 *   <li><b>Certify.</b> Every node aggregates attestations (each accepted one kept durably); at a
 *       quorum of {@code e}'s stake the certificate is minted and kept forever.
 *   <li><b>Barrier.</b> A member of the current epoch {@code c} takes part in its duties only once
 *       it holds a verified certificate of {@code c - 1} (if {@code c - 1} had a committee); while
 *       it waits it asks members of {@code c - 1} for it, in turn, and verifies what it gets.
 * </ol>
 *
 * Until its epoch is certified a node sends its signals again every {@code resend}, and asks a peer
 * for the certificate, so lost messages and restarts cost time, not the epoch. Thread-safe: state
 * is guarded by this object's monitor; peer calls and store writes are made outside it or are the
 * store's own.
 */
public final class HandoffEngine {

  /** What taking a peer's message did. */
  public enum Received {
    NEW,
    KNOWN
  }

  /** The node's view of one epoch's handoff ({@code GET /api/v1/handoff/{epoch}}). */
  public record View(
      long epoch,
      Phase phase,
      Optional<ReadySignal> ready,
      Optional<FreezeCertificate> freeze,
      List<IdentityKey> excluded,
      Map<Hash32, Long> readyStake,
      int signatures,
      long signedStake) {}

  /** Whether the node may act in the current epoch, and if not why. */
  public record Barrier(long epoch, boolean passed, Optional<String> waitingFor) {}

  private final CommitteeDirectory committees;
  private final Epochs epochs;
  private final PeerSigner self;
  private final HandoffTransport transport;
  private final HandoffStore store;
  private final HandoffInputs inputs;
  private final Clock clock;
  private final HandoffSettings settings;
  private final HandoffObserver observer;

  // Guarded by this.
  private final Map<Long, EpochState> states = new TreeMap<>();
  private int fetchTurn;

  public HandoffEngine(
      CommitteeDirectory committees,
      Epochs epochs,
      PeerSigner self,
      HandoffTransport transport,
      HandoffStore store,
      HandoffInputs inputs,
      Clock clock,
      HandoffSettings settings,
      HandoffObserver observer) {
    this.committees = committees;
    this.epochs = epochs;
    this.self = self;
    this.transport = transport;
    this.store = store;
    this.inputs = inputs;
    this.clock = clock;
    this.settings = settings;
    this.observer = observer;
  }

  // ---- the clock drives it ----

  /** Everything due now, for the epochs in the window; call it at the exchange's cadence. */
  public void tick() {
    long current = epochs.currentEpoch();
    Instant now = clock.instant();
    List<Runnable> sends = new ArrayList<>();
    for (long epoch = Math.max(0, current - 1); epoch <= current; epoch++) {
      Optional<Committee> committee = committees.find(epoch);
      if (committee.isEmpty()) {
        continue;
      }
      stepEpoch(committee.get(), now, sends);
    }
    barrierStep(current, sends);
    sends.forEach(Runnable::run);
  }

  private void stepEpoch(Committee committee, Instant now, List<Runnable> sends) {
    long epoch = committee.epoch();
    EpochState state;
    synchronized (this) {
      state = state(epoch);
    }
    IdentityKey me = self.identityKey();
    boolean member = committee.contains(me);
    // Ready.
    if (member && state.ownReady == null && dueReady(epoch, now)) {
      Optional<Items> snapshot = snapshotIfReady(epoch, now);
      if (snapshot.isPresent()) {
        ReadySignal signed = ReadySignal.sign(epoch, snapshot.get().digest(), self);
        ReadySignal kept = store.keepOwnReady(signed, snapshot.get()); // durable before sent
        Items keptSnapshot = store.ownSnapshot(epoch).orElse(snapshot.get());
        synchronized (this) {
          state.ownReady = kept;
          state.ownSnapshot = keptSnapshot;
        }
        offerReady(committee, kept, keptSnapshot, sends);
        broadcastReady(committee, kept, keptSnapshot, sends);
        synchronized (this) {
          state.lastSent = now;
        }
      }
    }
    // Resend until certified.
    boolean resend;
    synchronized (this) {
      resend =
          state.certificate == null
              && (state.lastSent == null || !now.isBefore(state.lastSent.plus(settings.resend())));
      if (resend) {
        state.lastSent = now;
      }
    }
    if (resend) {
      if (state.freeze != null) {
        FreezeCertificate freeze = state.freeze;
        for (Member m : union(epoch, Set.of(me))) {
          sends.add(() -> transport.sendFreeze(m, freeze));
        }
      } else if (state.ownReady != null) {
        broadcastReady(committee, state.ownReady, state.ownSnapshot, sends);
      }
      if (state.freeze != null || !now.isBefore(at(epoch, settings.backstopFraction()))) {
        // Others may have certified and gone quiet: ask one of them, in turn.
        fetchCertificateFromNext(committee, epoch, sends);
      }
      if (state.ownAttestation != null) {
        broadcastAttestation(epoch, state.ownStatement, state.ownAttestation, sends);
      }
    }
    // Attest (also done at once when the epoch freezes; here for the next committee coming later).
    attest(committee, state, sends);
  }

  /**
   * Signs this member's one attestation of the epoch, once it is frozen and the next committee is
   * known: durable before sent, counted, and sent to every member of both committees. Called at
   * every tick and as soon as the epoch freezes (not a tick later); one caller at a time signs.
   */
  private void attest(Committee committee, EpochState state, List<Runnable> sends) {
    IdentityKey me = self.identityKey();
    long epoch = committee.epoch();
    if (!committee.contains(me)) {
      return;
    }
    FreezeCertificate freeze;
    synchronized (this) {
      if (state.freeze == null || state.ownAttestation != null || state.attesting) {
        return;
      }
      freeze = state.freeze;
      state.attesting = true;
    }
    try {
      Optional<HandoffStatement> attested = statementFor(epoch, freeze);
      if (attested.isEmpty()) {
        return;
      }
      HandoffStatement statement = attested.get();
      Attestation signed = new Attestation(me, self.sign(statement.signedBytes()));
      Attestation kept = store.keepOwnAttestation(statement, signed); // durable before sent
      synchronized (this) {
        state.ownAttestation = kept;
        state.ownStatement = statement;
      }
      acceptAttestation(committee, statement, kept);
      broadcastAttestation(epoch, statement, kept, sends);
    } finally {
      synchronized (this) {
        state.attesting = false;
      }
    }
  }

  private boolean dueReady(long epoch, Instant now) {
    return !now.isBefore(at(epoch, settings.closeFraction() + settings.graceFraction()));
  }

  /**
   * The snapshot to sign, if it is time: every announcement signed at or before the close whose
   * blob is held, once all of them are held or the backstop has come.
   */
  private Optional<Items> snapshotIfReady(long epoch, Instant now) {
    long close = at(epoch, settings.closeFraction()).toEpochMilli();
    Map<IdentityKey, Hash32> held = new LinkedHashMap<>();
    boolean missing = false;
    for (HandoffInputs.Input input : inputs.announcements(epoch)) {
      if (input.timestampMillis() > close) {
        continue;
      }
      if (input.blobHeld()) {
        held.put(input.announcer(), input.blobHash());
      } else {
        missing = true;
      }
    }
    boolean backstop = !now.isBefore(at(epoch, settings.backstopFraction()));
    if (missing && !backstop) {
      return Optional.empty();
    }
    return Optional.of(Items.metadata(held));
  }

  private Instant at(long epoch, double fraction) {
    return epochs.startOf(epoch).plusMillis(Math.round(epochs.duration().toMillis() * fraction));
  }

  // ---- messages from peers ----

  /**
   * Takes a member's ready signal with its snapshot.
   *
   * @throws NotAMemberException if the signer is not a member of the epoch
   * @throws InvalidHandoffException {@code INVALID_SNAPSHOT} if the snapshot is not the digest's
   * @throws InvalidSignatureException if the signature does not verify
   */
  public Received receiveReady(ReadySignal signal, Items snapshot) {
    Committee committee = checkedCommittee(signal.epoch(), signal.signer());
    if (!snapshot.digest().equals(signal.snapshotDigest())) {
      throw new InvalidHandoffException(
          "INVALID_SNAPSHOT", "the snapshot does not hash to the signal's digest");
    }
    synchronized (this) {
      EpochState state = states.get(signal.epoch());
      if (state != null && signal.equals(state.readies.get(signal.signer()))) {
        return Received.KNOWN; // a copy of one checked when it was first taken
      }
    }
    if (!signal.verifies()) {
      throw new InvalidSignatureException("the ready signal");
    }
    List<Runnable> sends = new ArrayList<>();
    Received received = offerReady(committee, signal, snapshot, sends);
    sends.forEach(Runnable::run);
    return received;
  }

  /**
   * Takes a freeze certificate: adopted if valid and the epoch is not frozen yet. One for the
   * snapshot this node has frozen already is known without checking its signals: frozen members
   * send their freeze to every member until certified, and checking each copy would cost a quorum
   * of signature checks for nothing.
   *
   * @throws InvalidHandoffException {@code INVALID_FREEZE} if it is not valid
   */
  public Received receiveFreeze(FreezeCertificate freeze) {
    EpochWindow.check(freeze.epoch(), epochs.currentEpoch());
    synchronized (this) {
      EpochState state = states.get(freeze.epoch());
      if (state != null
          && state.freeze != null
          && state.freeze.snapshot().equals(freeze.snapshot())) {
        return Received.KNOWN;
      }
    }
    Committee committee =
        committees
            .find(freeze.epoch())
            .orElseThrow(
                () ->
                    new InvalidHandoffException(
                        "INVALID_FREEZE", "no committee is known for epoch " + freeze.epoch()));
    Optional<String> invalid = freeze.invalidity(committee);
    if (invalid.isPresent()) {
      throw new InvalidHandoffException("INVALID_FREEZE", invalid.get());
    }
    if (!adoptFreeze(freeze)) {
      return Received.KNOWN;
    }
    List<Runnable> sends = new ArrayList<>();
    attest(committee, stateOf(freeze.epoch()), sends);
    sends.forEach(Runnable::run);
    return Received.NEW;
  }

  private synchronized EpochState stateOf(long epoch) {
    return state(epoch);
  }

  /**
   * Takes a member's attestation.
   *
   * @throws NotAMemberException if the signer is not a member of the epoch
   * @throws InvalidSignatureException if the signature does not verify
   */
  public Received receiveAttestation(HandoffStatement statement, Attestation attestation) {
    Committee committee = checkedCommittee(statement.epoch(), attestation.signer());
    synchronized (this) {
      EpochState state = states.get(statement.epoch());
      if (state != null
          && state.aggregator != null
          && state.aggregator.accepted().contains(Map.entry(statement, attestation))) {
        return Received.KNOWN; // a copy of one checked when it was first taken
      }
    }
    // The aggregator verifies the signature (once: it is the one place that counts signers).
    Aggregator.Outcome outcome = acceptAttestation(committee, statement, attestation);
    if (outcome == Aggregator.Outcome.INVALID_SIGNATURE) {
      throw new InvalidSignatureException("the handoff attestation");
    }
    return outcome == Aggregator.Outcome.ACCEPTED ? Received.NEW : Received.KNOWN;
  }

  private Committee checkedCommittee(long epoch, IdentityKey signer) {
    EpochWindow.check(epoch, epochs.currentEpoch());
    Optional<Committee> committee = committees.find(epoch);
    if (committee.isEmpty() || !committee.get().contains(signer)) {
      observer.attestationRefused("NOT_A_MEMBER");
      throw new NotAMemberException(signer, "the committee of epoch " + epoch);
    }
    return committee.get();
  }

  private Received offerReady(
      Committee committee, ReadySignal signal, Items snapshot, List<Runnable> sends) {
    long epoch = committee.epoch();
    FreezeCertificate freeze = null;
    synchronized (this) {
      EpochState state = state(epoch);
      if (state.readies.containsKey(signal.signer())) {
        return Received.KNOWN; // one signal per signer: a second one adds nothing
      }
      state.readies.put(signal.signer(), signal);
      state.snapshots.putIfAbsent(signal.snapshotDigest(), snapshot);
      if (state.freeze == null) {
        List<ReadySignal> same = new ArrayList<>();
        for (ReadySignal r : state.readies.values()) {
          if (r.snapshotDigest().equals(signal.snapshotDigest())) {
            same.add(r);
          }
        }
        Set<IdentityKey> signers = new HashSet<>();
        same.forEach(r -> signers.add(r.signer()));
        if (committee.isQuorum(signers)) {
          freeze = new FreezeCertificate(epoch, snapshot, same);
        }
      }
    }
    if (freeze != null && adoptFreeze(freeze)) {
      FreezeCertificate frozen = freeze;
      for (Member m : union(epoch, Set.of(self.identityKey()))) {
        sends.add(() -> transport.sendFreeze(m, frozen));
      }
      attest(committee, stateOf(epoch), sends);
    }
    return Received.NEW;
  }

  /** Keeps the freeze (durable before acted on); false if the epoch was frozen already. */
  private boolean adoptFreeze(FreezeCertificate freeze) {
    synchronized (this) {
      if (state(freeze.epoch()).freeze != null) {
        return false;
      }
    }
    FreezeCertificate kept = store.keepFreeze(freeze);
    synchronized (this) {
      EpochState state = state(freeze.epoch());
      if (state.freeze != null) {
        return false;
      }
      state.freeze = kept;
    }
    observer.frozen(freeze.epoch(), freeze.snapshot().size());
    return true;
  }

  /**
   * Offers an attestation to the epoch's aggregator, which verifies it; one it accepts is kept
   * durably, and may complete the certificate. Answers the aggregator's outcome.
   */
  private Aggregator.Outcome acceptAttestation(
      Committee committee, HandoffStatement statement, Attestation attestation) {
    long epoch = committee.epoch();
    Aggregator.Outcome outcome;
    synchronized (this) {
      outcome = state(epoch).aggregator(committee).offer(statement, attestation);
    }
    if (outcome != Aggregator.Outcome.ACCEPTED) {
      if (outcome != Aggregator.Outcome.DUPLICATE) {
        observer.attestationRefused(outcome.name());
      }
      return outcome;
    }
    store.keepAttestation(statement, attestation);
    observer.attestationAccepted();
    Optional<HandoffCertificate> certificate;
    synchronized (this) {
      EpochState state = state(epoch);
      certificate =
          state.certificate == null ? state.aggregator(committee).certificate() : Optional.empty();
    }
    certificate.ifPresent(this::keepCertificate);
    return outcome;
  }

  private void keepCertificate(HandoffCertificate certificate) {
    HandoffCertificate kept = store.keepCertificate(certificate);
    synchronized (this) {
      state(kept.epoch()).certificate = kept;
    }
    observer.certified(kept.epoch());
  }

  // ---- the barrier ----

  private void barrierStep(long current, List<Runnable> sends) {
    Barrier barrier = barrier(current);
    if (barrier.passed()) {
      return;
    }
    Optional<Committee> previous = committees.find(current - 1);
    if (previous.isEmpty()) {
      return;
    }
    boolean due;
    Instant now = clock.instant();
    synchronized (this) {
      EpochState state = state(current - 1);
      due = state.lastFetch == null || !now.isBefore(state.lastFetch.plus(settings.resend()));
      if (due) {
        state.lastFetch = now;
      }
    }
    if (due) {
      observer.barrierWaiting();
      fetchCertificateFromNext(previous.get(), current - 1, sends);
    }
  }

  /**
   * Whether this node may take part in epoch {@code epoch}'s duties: it is a member, and it holds
   * the certificate of {@code epoch - 1}, or {@code epoch - 1} had no committee.
   */
  public Barrier barrier(long epoch) {
    Optional<Committee> committee = committees.find(epoch);
    if (committee.isEmpty() || !committee.get().contains(self.identityKey())) {
      return new Barrier(epoch, true, Optional.empty());
    }
    if (epoch == 0 || committees.find(epoch - 1).isEmpty()) {
      return new Barrier(epoch, true, Optional.empty());
    }
    if (certificate(epoch - 1).isPresent()) {
      return new Barrier(epoch, true, Optional.empty());
    }
    return new Barrier(
        epoch, false, Optional.of("the verified handoff certificate of epoch " + (epoch - 1)));
  }

  private void fetchCertificateFromNext(Committee committee, long epoch, List<Runnable> sends) {
    List<Member> peers = new ArrayList<>();
    for (Member m : committee.members()) {
      if (!m.identityKey().equals(self.identityKey())) {
        peers.add(m);
      }
    }
    if (peers.isEmpty()) {
      return;
    }
    Member peer;
    synchronized (this) {
      peer = peers.get(Math.floorMod(fetchTurn++, peers.size()));
    }
    sends.add(() -> transport.fetchCertificate(peer, epoch, got -> offered(epoch, got)));
  }

  /** A certificate a peer served: kept only if it verifies against this node's committees. */
  private void offered(long epoch, Optional<HandoffCertificate> got) {
    if (got.isEmpty() || certificate(epoch).isPresent()) {
      return;
    }
    if (got.get().epoch() != epoch) { // a valid certificate, of another epoch: not what was asked
      observer.certificateRefused();
      return;
    }
    Optional<Committee> committee = committees.find(epoch);
    Optional<Committee> next = committees.find(epoch + 1);
    if (committee.isEmpty() || next.isEmpty()) {
      return;
    }
    if (CertificateCheck.verify(got.get(), committee.get(), next.get()).valid()) {
      keepCertificate(got.get());
    } else {
      observer.certificateRefused();
    }
  }

  // ---- reads ----

  public Optional<HandoffCertificate> certificate(long epoch) {
    synchronized (this) {
      EpochState state = states.get(epoch);
      if (state != null && state.certificate != null) {
        return Optional.of(state.certificate);
      }
    }
    return store.certificate(epoch);
  }

  public Optional<HandoffCertificate> latestCertificate() {
    return store.latestCertified().stream().boxed().findFirst().flatMap(this::certificate);
  }

  public View view(long epoch) {
    Optional<Committee> committee = committees.find(epoch);
    synchronized (this) {
      EpochState state = state(epoch);
      Map<Hash32, Long> readyStake = new LinkedHashMap<>();
      if (committee.isPresent()) {
        Map<Hash32, Set<IdentityKey>> by = new LinkedHashMap<>();
        state
            .readies
            .values()
            .forEach(
                r -> by.computeIfAbsent(r.snapshotDigest(), d -> new HashSet<>()).add(r.signer()));
        by.forEach((d, signers) -> readyStake.put(d, committee.get().stakeOf(signers)));
      }
      List<IdentityKey> excluded = new ArrayList<>();
      if (state.freeze != null && committee.isPresent()) {
        Set<IdentityKey> in = new HashSet<>();
        state.freeze.snapshot().list().forEach(i -> in.add(i.key()));
        for (Member m : committee.get().members()) {
          if (!in.contains(m.identityKey())) {
            excluded.add(m.identityKey());
          }
        }
      }
      int signatures = 0;
      long signedStake = 0;
      if (state.aggregator != null) {
        signatures = state.aggregator.accepted().size();
        if (state.freeze != null && state.ownStatement != null) {
          signedStake = state.aggregator.stakeFor(state.ownStatement);
        }
      }
      return new View(
          epoch,
          state.phase(),
          Optional.ofNullable(state.ownReady),
          Optional.ofNullable(state.freeze),
          excluded,
          readyStake,
          signatures,
          signedStake);
    }
  }

  // ---- restart ----

  /** Rebuilds the state of the epochs in the window from the store (after a restart). */
  public void restore() {
    long current = epochs.currentEpoch();
    for (long epoch = Math.max(0, current - 1); epoch <= current + 1; epoch++) {
      Optional<Committee> committee = committees.find(epoch);
      if (committee.isEmpty()) {
        continue;
      }
      Optional<ReadySignal> ready = store.ownReady(epoch);
      Optional<Items> snapshot = store.ownSnapshot(epoch);
      Optional<FreezeCertificate> freeze = store.freeze(epoch);
      Optional<Attestation> own = store.ownAttestation(epoch);
      List<Map.Entry<HandoffStatement, Attestation>> accepted = store.attestations(epoch);
      Optional<HandoffCertificate> certificate = store.certificate(epoch);
      Optional<HandoffStatement> uncounted =
          own.isPresent() && accepted.stream().noneMatch(e -> e.getValue().equals(own.get()))
              ? statementSigned(epoch, freeze, own.get())
              : Optional.empty();
      synchronized (this) {
        EpochState state = state(epoch);
        state.ownReady = ready.orElse(null);
        state.ownSnapshot = snapshot.orElse(null);
        state.freeze = freeze.orElse(null);
        state.ownAttestation = own.orElse(null);
        Aggregator aggregator = state.aggregator(committee.get());
        for (Map.Entry<HandoffStatement, Attestation> e : accepted) {
          aggregator.offer(e.getKey(), e.getValue());
          if (own.isPresent() && e.getValue().equals(own.get())) {
            state.ownStatement = e.getKey();
          }
        }
        uncounted.ifPresent(statement -> state.ownStatement = statement);
        state.certificate = certificate.orElse(null);
        if (state.certificate == null) {
          certificate = aggregator.certificate(); // the quorum may have been crossed already
        } else {
          certificate = Optional.empty();
        }
      }
      certificate.ifPresent(this::keepCertificate);
      // Its own signals count for its own freeze and certificate, as when it signed them.
      List<Runnable> sends = new ArrayList<>();
      if (ready.isPresent() && snapshot.isPresent()) {
        offerReady(committee.get(), ready.get(), snapshot.get(), sends);
      }
      uncounted.ifPresent(statement -> acceptAttestation(committee.get(), statement, own.get()));
      sends.forEach(Runnable::run);
    }
  }

  /**
   * The statement this node's own attestation was signed over: the frozen snapshot for the next
   * committee, as {@link #attest} builds it (the freeze is kept before anything is signed).
   */
  private Optional<HandoffStatement> statementSigned(
      long epoch, Optional<FreezeCertificate> freeze, Attestation own) {
    return freeze
        .flatMap(frozen -> statementFor(epoch, frozen))
        .filter(statement -> own.verifies(statement));
  }

  /** What a member of {@code epoch} attests: the frozen snapshot, for the next committee's keys. */
  private Optional<HandoffStatement> statementFor(long epoch, FreezeCertificate freeze) {
    return committees
        .find(epoch + 1)
        .map(next -> new HandoffStatement(epoch, KeySet.hash(next), freeze.snapshot()));
  }

  // ---- helpers ----

  private void broadcastReady(
      Committee committee, ReadySignal signal, Items snapshot, List<Runnable> sends) {
    for (Member m : committee.members()) {
      if (!m.identityKey().equals(self.identityKey())) {
        sends.add(() -> transport.sendReady(m, signal, snapshot));
      }
    }
  }

  private void broadcastAttestation(
      long epoch, HandoffStatement statement, Attestation attestation, List<Runnable> sends) {
    for (Member m : union(epoch, Set.of(self.identityKey()))) {
      sends.add(() -> transport.sendAttestation(m, statement, attestation));
    }
  }

  /** The members of {@code epoch} and {@code epoch + 1}, but those in {@code skip}. */
  private List<Member> union(long epoch, Set<IdentityKey> skip) {
    Map<IdentityKey, Member> all = new LinkedHashMap<>();
    for (long e = epoch; e <= epoch + 1; e++) {
      committees
          .find(e)
          .ifPresent(
              c ->
                  c.members()
                      .forEach(
                          m -> {
                            if (!skip.contains(m.identityKey())) {
                              all.putIfAbsent(m.identityKey(), m);
                            }
                          }));
    }
    return new ArrayList<>(all.values());
  }

  private EpochState state(long epoch) {
    return states.computeIfAbsent(epoch, e -> new EpochState());
  }

  private static final class EpochState {
    ReadySignal ownReady;
    Items ownSnapshot;
    final Map<IdentityKey, ReadySignal> readies = new HashMap<>();
    final Map<Hash32, Items> snapshots = new HashMap<>();
    FreezeCertificate freeze;
    Attestation ownAttestation;
    HandoffStatement ownStatement;
    Aggregator aggregator;
    HandoffCertificate certificate;
    Instant lastSent;
    Instant lastFetch;
    boolean attesting; // a caller is signing the attestation now

    Aggregator aggregator(Committee committee) {
      if (aggregator == null) {
        aggregator = new Aggregator(committee);
      }
      return aggregator;
    }

    Phase phase() {
      if (certificate != null) {
        return Phase.CERTIFIED;
      }
      if (ownAttestation != null) {
        return Phase.ATTESTED;
      }
      if (freeze != null) {
        return Phase.FROZEN;
      }
      return ownReady != null ? Phase.READY_SENT : Phase.ANNOUNCING;
    }
  }
}
