package dev.cachet.keysign;

import dev.cachet.error.ConflictException;
import dev.cachet.error.ForbiddenException;
import dev.cachet.error.RetryLaterException;
import dev.cachet.error.UnknownResourceException;
import dev.cachet.frost.BatchCommitments;
import dev.cachet.frost.Coordinator;
import dev.cachet.frost.InvalidFrostInputException;
import dev.cachet.frost.InvalidSignatureShareException;
import dev.cachet.frost.Message;
import dev.cachet.frost.ParticipantId;
import dev.cachet.frost.RoundOneState;
import dev.cachet.frost.Signature;
import dev.cachet.frost.SignatureShares;
import dev.cachet.frost.SignatureVerifier;
import dev.cachet.frost.Signer;
import dev.cachet.frost.SigningPackage;
import dev.cachet.keysign.DigestBook.Item;
import dev.cachet.keysign.DigestBook.Offered;
import dev.cachet.keysign.DigestBook.Work;
import dev.cachet.keysign.KeysignObserver.Abort;
import dev.cachet.keysign.KeysignTransport.Reply;
import dev.cachet.keysign.KeysignWire.CommitAnswer;
import dev.cachet.keysign.KeysignWire.CommitRequest;
import dev.cachet.keysign.KeysignWire.Session;
import dev.cachet.keysign.KeysignWire.SharesAnswer;
import dev.cachet.keysign.KeysignWire.SignRequest;
import dev.cachet.keysign.KeysignWire.Signatures;
import dev.cachet.keysign.KeysignWire.SignedItem;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.EpochWindow;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.PeerSigner;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A node's part in batched keysign: its keys, its chains' digest books, the scheduler that runs one
 * chain's batches one after another in nonce order, the coordinator's sessions and the
 * participant's answers. Every decision is here; the ports store, call peers, keep time and sign.
 *
 * <p>Scheduling, per chain: the next work is {@link DigestBook#next()}. When it names a batch this
 * node has not worked on, the batch's attempt 0 starts now; attempt {@code a} lasts from {@code
 * readySince + a·timeout} for one timeout, and its coordinator is {@link Rotation}'s. The
 * coordinator runs a session at once, and again after {@link KeysignSettings#retryDelayMillis()} if
 * one fails early; a success stores the signatures, sends them to every participant and starts the
 * chain's next batch at once. Nothing polls: a digest, a pending range, signatures received, a
 * session's end and the next attempt's start each drive the chain.
 *
 * <p>Thread-safe: one lock guards the state; peer calls go through the transport, which answers
 * later on another thread.
 */
public final class KeysignEngine {

  /** The most round-one states kept for sessions other nodes coordinate. */
  static final int MAX_ROUNDS = 4096;

  /** The most round-one states kept for one coordinator's sessions. */
  static final int MAX_ROUNDS_PER_COORDINATOR = 64;

  /**
   * Batch size times threshold at most: a signing package of this many commitments (66 bytes each)
   * is about 330 KB, its hex well within the 1 MiB peer message.
   */
  static final long MAX_BATCH_TIMES_THRESHOLD = 5000;

  /** The most delivered signatures kept per chain for digests this node does not hold yet. */
  static final int MAX_EARLY = 10_000;

  private final PeerSigner self;
  private final KeysignStore store;
  private final KeysignTransport transport;
  private final Timer timer;
  private final LongSupplier clock;
  private final LongSupplier epoch;
  private final KeysignSettings settings;
  private final KeysignObserver observer;
  private final SecureRandom random;

  private final Object lock = new Object();
  private final Map<String, KeysignKey> keys = new TreeMap<>();
  private final Map<Long, Chain> chains = new TreeMap<>();
  private final Map<String, Round> rounds = new LinkedHashMap<>();
  private final Map<String, Answered> answered =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answered> eldest) {
          return size() > MAX_ROUNDS;
        }
      };
  private final Map<IdentityKey, Long> excludedUntil = new HashMap<>();

  public KeysignEngine(
      PeerSigner self,
      KeysignStore store,
      KeysignTransport transport,
      Timer timer,
      LongSupplier clock,
      LongSupplier epoch,
      KeysignSettings settings,
      KeysignObserver observer,
      SecureRandom random) {
    this.self = self;
    this.store = store;
    this.transport = transport;
    this.timer = timer;
    this.clock = clock;
    this.epoch = epoch;
    this.settings = settings;
    this.observer = observer;
    this.random = random;
  }

  // ---------------------------------------------------------------- state

  /** One chain: its key, its book, and the scheduler's position. */
  private static final class Chain {
    final long chainId;
    final KeysignKey key;
    final DigestBook book;

    /** Per nonce, the last release of this node's shares for it: see {@link #checkNotLocked}. */
    final Map<Long, Release> releases = new HashMap<>();

    /**
     * Verified signatures delivered for a digest this node's observer has not given it (yet): taken
     * when it does. In memory only; bounded.
     */
    final Map<Long, SignedItem> early = new HashMap<>();

    long workBatch = -1;
    long readySince;
    long wakeAt = -1;
    long retryAt;
    Run running;

    Chain(long chainId, KeysignKey key, DigestBook book) {
      this.chainId = chainId;
      this.key = key;
      this.book = book;
    }
  }

  /** This node released shares for a nonce's digest to a coordinator at a time. */
  private record Release(TxDigest digest, IdentityKey coordinator, long at) {}

  /** A round-two request this node answered, with its answer (kept for a replayed request). */
  private record Answered(byte[] request, SignedMessage answer) {}

  /** A participant's round-one state for another node's session. */
  private record Round(Session session, List<Item> items, RoundOneState state, long expiresAt) {}

  /** What {@link #offer} answers the chain observer. */
  public record Offer(long nonce, long batch, TxDigest digest, Optional<Signature> signature) {}

  /** A chain's state, as {@code GET /api/v1/keysign/{chainId}} shows it. */
  public record ChainView(
      long chainId,
      String keyId,
      int batchSize,
      long low,
      long high,
      List<Long> pending,
      long pendingCount,
      long batchesSigned,
      long digestsSigned,
      Optional<InFlight> session) {}

  /** The session the chain's scheduler is at: its batch, attempt and coordinator. */
  public record InFlight(long batch, long attempt, IdentityKey coordinator, boolean coordinating) {}

  /** Loads the keys, chains and digests from the store, and drives every chain. */
  public void restore() {
    synchronized (lock) {
      for (KeysignKey key : store.keys()) {
        keys.put(key.keyId(), key);
      }
      for (KeysignStore.ChainRecord r : store.chains()) {
        KeysignKey key = keys.get(r.keyId());
        if (key == null) {
          continue; // the key's record is unreadable; the chain waits for it
        }
        DigestBook book = new DigestBook(r.batchSize(), r.low(), r.high());
        store.digests(r.chainId()).forEach(book::load);
        chains.put(r.chainId(), new Chain(r.chainId(), key, book));
      }
      chains.values().forEach(this::drive);
    }
  }

  // ---------------------------------------------------------------- keys and chains

  /** What an import did. */
  public enum Imported {
    CREATED,
    UNCHANGED
  }

  /**
   * Imports this node's key package.
   *
   * @throws InvalidKeysignException {@code INVALID_KEY_PACKAGE} if it is not this node's
   * @throws ConflictException {@code KEY_EXISTS} for another package under the same id
   */
  public Imported importKey(KeysignKey key) {
    if (!key.owner().equals(self.identityKey())) {
      throw new InvalidKeysignException(
          "INVALID_KEY_PACKAGE",
          "the package is participant "
              + key.share().id().value()
              + "'s, "
              + key.owner()
              + ", not this node's");
    }
    synchronized (lock) {
      KeysignKey held = keys.get(key.keyId());
      if (held != null) {
        if (java.util.Arrays.equals(held.encode(), key.encode())) {
          return Imported.UNCHANGED;
        }
        throw new ConflictException(
            "KEY_EXISTS", "another key package is held under key id " + key.keyId());
      }
      store.saveKey(key);
      keys.put(key.keyId(), key);
      return Imported.CREATED;
    }
  }

  /**
   * @throws UnknownResourceException {@code KEY_NOT_FOUND}
   */
  public KeysignKey key(String keyId) {
    synchronized (lock) {
      KeysignKey key = keys.get(KeyIds.check(keyId));
      if (key == null) {
        throw new UnknownResourceException("KEY_NOT_FOUND", "no keysign key " + keyId);
      }
      return key;
    }
  }

  /** What a binding did. */
  public enum Bound {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /**
   * Binds {@code chainId} to a key with a batch size; a bound chain may change its batch size.
   *
   * @throws UnknownResourceException {@code KEY_NOT_FOUND}
   * @throws ConflictException {@code CHAIN_BOUND} if the chain is bound to another key
   */
  public Bound bind(long chainId, String keyId, int batchSize) {
    checkChainId(chainId);
    Batches.checkSize(batchSize);
    synchronized (lock) {
      KeysignKey key = key(keyId);
      if ((long) batchSize * key.threshold() > MAX_BATCH_TIMES_THRESHOLD) {
        throw new InvalidKeysignException(
            "INVALID_BATCH_SIZE",
            "a round-two request carries every signer's commitment of every digest: batch size"
                + " times threshold is at most "
                + MAX_BATCH_TIMES_THRESHOLD
                + " so it fits a peer message");
      }
      Chain held = chains.get(chainId);
      if (held != null) {
        if (!held.key.keyId().equals(keyId)) {
          throw new ConflictException(
              "CHAIN_BOUND", "chain " + chainId + " is bound to key " + held.key.keyId());
        }
        if (held.book.batchSize() == batchSize) {
          return Bound.UNCHANGED;
        }
      }
      long low = held == null ? 0 : held.book.low();
      long high = held == null ? 0 : held.book.observedHigh();
      store.saveChain(new KeysignStore.ChainRecord(chainId, keyId, batchSize, low, high));
      DigestBook book = new DigestBook(batchSize, low, high);
      if (held != null) {
        store.digests(chainId).forEach(book::load);
      }
      Chain chain = new Chain(chainId, key, book);
      if (held != null) { // the session in flight finishes into the new book
        chain.running = held.running;
        chain.releases.putAll(held.releases);
        chain.early.putAll(held.early);
        chain.retryAt = held.retryAt;
      }
      chains.put(chainId, chain);
      drive(chain);
      return held == null ? Bound.CREATED : Bound.UPDATED;
    }
  }

  public static long checkChainId(long chainId) {
    if (chainId < 0 || chainId > 0xFFFF_FFFFL) {
      throw new InvalidKeysignException(
          "INVALID_CHAIN_ID", "a chain id is an unsigned 32-bit number, not " + chainId);
    }
    return chainId;
  }

  private Chain chain(long chainId) {
    checkChainId(chainId);
    Chain chain = chains.get(chainId);
    if (chain == null) {
      throw new UnknownResourceException("CHAIN_NOT_FOUND", "chain " + chainId + " is not bound");
    }
    return chain;
  }

  // ---------------------------------------------------------------- the chain observer

  /** Sets the pending range; see {@link DigestBook#pending}. */
  public ChainView pending(long chainId, long low, long high) {
    synchronized (lock) {
      Chain c = chain(chainId);
      c.book.checkPending(low, high);
      if (low != c.book.low() || high != c.book.observedHigh()) {
        store.saveChain(
            new KeysignStore.ChainRecord(chainId, c.key.keyId(), c.book.batchSize(), low, high));
        if (low > c.book.low()) {
          store.prune(chainId, low);
        }
        c.book.pending(low, high);
        c.early.keySet().removeIf(n -> n < low);
        drive(c);
      }
      return view(c);
    }
  }

  /** zetaclient's {@code GetSignatureOrAddDigest}: see {@link DigestBook#decide}. */
  public Offer offer(long chainId, long nonce, TxDigest digest) {
    synchronized (lock) {
      Chain c = chain(chainId);
      Offered decided = c.book.decide(nonce, digest);
      long batch = Batches.batchOf(nonce, c.book.batchSize());
      if (decided == Offered.SIGNED) {
        return new Offer(nonce, batch, digest, c.book.entry(nonce).get().signature());
      }
      if (decided == Offered.STORED || decided == Offered.REPLACED) {
        SignedItem early = c.early.remove(nonce);
        Optional<Signature> known =
            early != null && early.digest().equals(digest)
                ? Optional.of(early.signature())
                : Optional.empty();
        store.saveDigest(chainId, nonce, digest, known);
        c.book.offer(nonce, digest);
        known.ifPresent(sig -> c.book.signed(nonce, digest, sig));
        drive(c);
      }
      return new Offer(nonce, batch, digest, Optional.empty());
    }
  }

  /**
   * @throws UnknownResourceException {@code SIGNATURE_NOT_FOUND} if the nonce has none
   */
  public Offer signature(long chainId, long nonce) {
    synchronized (lock) {
      Chain c = chain(chainId);
      Optional<DigestBook.Entry> entry = c.book.entry(nonce);
      if (entry.isEmpty() || entry.get().signature().isEmpty()) {
        throw new UnknownResourceException(
            "SIGNATURE_NOT_FOUND", "no signature of nonce " + nonce + " on chain " + chainId);
      }
      return new Offer(
          nonce,
          Batches.batchOf(nonce, c.book.batchSize()),
          entry.get().digest(),
          entry.get().signature());
    }
  }

  public ChainView view(long chainId) {
    synchronized (lock) {
      return view(chain(chainId));
    }
  }

  public List<Long> chainIds() {
    synchronized (lock) {
      return List.copyOf(chains.keySet());
    }
  }

  private ChainView view(Chain c) {
    Optional<InFlight> inFlight = Optional.empty();
    if (c.workBatch >= 0) {
      long attempt = attemptAt(c, clock.getAsLong());
      IdentityKey coordinator = coordinatorOf(c, c.workBatch, attempt);
      inFlight =
          Optional.of(
              new InFlight(
                  c.workBatch, attempt, coordinator, coordinator.equals(self.identityKey())));
    }
    return new ChainView(
        c.chainId,
        c.key.keyId(),
        c.book.batchSize(),
        c.book.low(),
        c.book.high(),
        c.book.unsigned(1000),
        c.book.pendingCount(),
        c.book.batchesSigned(),
        c.book.digestsSigned(),
        inFlight);
  }

  // ---------------------------------------------------------------- the scheduler

  private long attemptAt(Chain c, long now) {
    return Math.max(0, now - c.readySince) / settings.sessionTimeoutMillis();
  }

  private IdentityKey coordinatorOf(Chain c, long batch, long attempt) {
    List<IdentityKey> ps = c.key.participants();
    return ps.get(Rotation.coordinator(c.chainId, batch, attempt, ps.size()));
  }

  /** Decides what the chain does now; under the lock. */
  private void drive(Chain c) {
    Optional<Work> next = c.book.next();
    if (next.isEmpty()) {
      c.workBatch = -1;
      return;
    }
    Work work = next.get();
    long now = clock.getAsLong();
    if (work.batch() != c.workBatch) {
      c.workBatch = work.batch();
      c.readySince = now;
      c.retryAt = now;
    }
    long attempt = attemptAt(c, now);
    long nextAttemptAt = c.readySince + (attempt + 1) * settings.sessionTimeoutMillis();
    if (c.wakeAt != nextAttemptAt) {
      c.wakeAt = nextAttemptAt;
      wake(c, nextAttemptAt - now);
    }
    // A session still running that can sign nothing the book still needs (its digests were
    // signed meanwhile by another attempt's coordinator, or replaced) does not hold the next one
    // back: it ends in the background, within its timeout.
    boolean busy = c.running != null && c.running.needed(c.book);
    if (busy || !coordinatorOf(c, work.batch(), attempt).equals(self.identityKey())) {
      return;
    }
    if (now < c.retryAt) {
      wake(c, c.retryAt - now);
      return;
    }
    c.running = new Run(c, work, attempt);
    c.running.start();
  }

  private void wake(Chain c, long delayMillis) {
    long chainId = c.chainId;
    timer.schedule(
        () -> {
          synchronized (lock) {
            Chain current = chains.get(chainId);
            if (current != null) {
              drive(current);
            }
          }
        },
        Math.max(0, delayMillis));
  }

  // ---------------------------------------------------------------- the coordinator

  /** One session this node coordinates. Its callbacks take the lock. */
  private final class Run {
    final Chain chain;
    final Work work;
    final Session session;
    final long started;
    final List<Message> messages;
    final SignedMessage commitRequest;
    final Map<ParticipantId, BatchCommitments> commitments = new TreeMap<>();
    final Map<ParticipantId, SignatureShares> shares = new TreeMap<>();
    final Deque<IdentityKey> candidates = new ArrayDeque<>();
    final List<IdentityKey> chosen = new ArrayList<>();
    SigningPackage signingPackage;
    Abort worst;
    String worstDetail = "";
    boolean done;

    Run(Chain chain, Work work, long attempt) {
      this.chain = chain;
      this.work = work;
      byte[] tag = new byte[KeysignWire.TAG_LENGTH];
      random.nextBytes(tag);
      this.session =
          new Session(
              chain.key.keyId(), chain.chainId, work.batch(), attempt, self.identityKey(), tag);
      this.started = clock.getAsLong();
      this.messages = work.items().stream().map(i -> Message.of(i.digest().bytes())).toList();
      this.commitRequest =
          SignedMessage.sign(
              MessageKind.KEYSIGN_COMMIT,
              epoch.getAsLong(),
              KeysignWire.encode(new CommitRequest(session, work.items())),
              self);
    }

    void start() {
      observer.sessionStarted(session, work.items().size());
      timer.schedule(() -> fail(Abort.TIMEOUT, "no signatures within the timeout"), remaining());
      // This node's own round one, through the participant's checks like everyone else's.
      CommitAnswer own;
      try {
        own = KeysignWire.commitAnswer(commitLocked(commitRequest).body());
      } catch (RuntimeException e) {
        fail(Abort.UNAVAILABLE, "this node's own round one failed: " + e.getMessage());
        return;
      }
      if (own.commitments().isEmpty()) {
        adopt(self.identityKey(), own.signed());
        return;
      }
      commitments.put(chain.key.share().id(), own.commitments().get());
      long now = clock.getAsLong();
      List<IdentityKey> ps = chain.key.participants();
      int at = ps.indexOf(self.identityKey());
      List<IdentityKey> later = new ArrayList<>();
      for (int k = 1; k < ps.size(); k++) {
        IdentityKey p = ps.get((at + k) % ps.size());
        Long until = excludedUntil.get(p);
        if (until != null && until > now) {
          continue;
        }
        (transport.reachable(p) ? candidates : later).add(p);
      }
      candidates.addAll(later); // the unreachable ones last: their circuit may close again
      for (int k = 1; k < chain.key.threshold(); k++) {
        if (!askNext()) {
          fail(Abort.UNAVAILABLE, "fewer than the threshold of participants to ask");
          return;
        }
      }
    }

    long remaining() {
      return Math.max(1, started + settings.sessionTimeoutMillis() - clock.getAsLong());
    }

    boolean askNext() {
      IdentityKey p = candidates.pollFirst();
      if (p == null) {
        return false;
      }
      chosen.add(p);
      transport.commit(p, commitRequest, reply -> onCommitment(p, reply));
      return true;
    }

    void onCommitment(IdentityKey p, Reply reply) {
      synchronized (lock) {
        if (done) {
          return;
        }
        if (!reply.answered()) {
          note(reply.refusal());
          chosen.remove(p);
          if (!askNext()) {
            fail(worst == null ? Abort.UNAVAILABLE : worst, worstDetail);
          }
          return;
        }
        CommitAnswer answer;
        try {
          answer = KeysignWire.commitAnswer(reply.answer().verified().body());
          if (!reply.answer().signer().equals(p)
              || !answer.signer().equals(p)
              || !answer.session().equals(session)) {
            throw new InvalidKeysignException("INVALID_KEYSIGN_MESSAGE", "not this session's");
          }
        } catch (RuntimeException e) {
          note("INVALID_ANSWER");
          chosen.remove(p);
          if (!askNext()) {
            fail(worst, worstDetail + "; and answers that are not this session's");
          }
          return;
        }
        if (answer.commitments().isEmpty()) {
          adopt(p, answer.signed());
          return;
        }
        BatchCommitments c = answer.commitments().get();
        Optional<ParticipantId> id = chain.key.idOf(p);
        if (id.isEmpty() || !c.id().equals(id.get()) || c.messageCount() != messages.size()) {
          chosen.remove(p);
          if (!askNext()) {
            fail(Abort.UNAVAILABLE, "commitments of the wrong participant or length");
          }
          return;
        }
        commitments.put(id.get(), c);
        if (commitments.size() == chain.key.threshold()) {
          roundTwo();
        }
      }
    }

    void note(String refusal) {
      Abort cause =
          switch (refusal == null ? "" : refusal) {
            case "DIGEST_MISMATCH" -> Abort.DIGEST_MISMATCH;
            case "DIGEST_NOT_YET" -> Abort.DIGEST_NOT_YET;
            case "SESSION_IN_PROGRESS" -> Abort.PARTICIPANT_BUSY;
            default -> Abort.UNAVAILABLE;
          };
      if (worst == null || cause.ordinal() < worst.ordinal()) {
        worst = cause;
        worstDetail = "a participant answered " + refusal;
      }
    }

    void roundTwo() {
      try {
        signingPackage =
            new Coordinator(chain.key.group()).signingPackage(messages, commitments.values());
      } catch (InvalidFrostInputException e) {
        fail(Abort.UNAVAILABLE, "the commitments make no signing package: " + e.getMessage());
        return;
      }
      SignedMessage request =
          SignedMessage.sign(
              MessageKind.KEYSIGN_SIGN,
              epoch.getAsLong(),
              KeysignWire.encode(new SignRequest(session, signingPackage)),
              self);
      try {
        SharesAnswer own = KeysignWire.sharesAnswer(signLocked(request).body());
        shares.put(own.shares().id(), own.shares());
      } catch (RuntimeException e) {
        fail(Abort.UNAVAILABLE, "this node's own round two failed: " + e.getMessage());
        return;
      }
      for (IdentityKey p : List.copyOf(chosen)) {
        transport.sign(p, request, reply -> onShares(p, reply));
      }
    }

    void onShares(IdentityKey p, Reply reply) {
      synchronized (lock) {
        if (done) {
          return;
        }
        SharesAnswer answer;
        try {
          if (!reply.answered()) {
            throw new InvalidKeysignException("UNAVAILABLE", String.valueOf(reply.refusal()));
          }
          answer = KeysignWire.sharesAnswer(reply.answer().verified().body());
          if (!reply.answer().signer().equals(p)
              || !answer.signer().equals(p)
              || !answer.session().equals(session)
              || !chain.key.idOf(p).equals(Optional.of(answer.shares().id()))) {
            throw new InvalidKeysignException("INVALID_KEYSIGN_MESSAGE", "not this session's");
          }
        } catch (RuntimeException e) {
          fail(Abort.UNAVAILABLE, "round two of " + p + ": " + e.getMessage());
          return;
        }
        shares.put(answer.shares().id(), answer.shares());
        if (shares.size() < chain.key.threshold()) {
          return;
        }
        if (clock.getAsLong() >= started + settings.sessionTimeoutMillis()) {
          // Past its deadline a session never signs: the participants' release locks rely on it.
          fail(Abort.TIMEOUT, "the last shares came after the session's timeout");
          return;
        }
        List<Signature> signatures;
        try {
          signatures =
              new Coordinator(chain.key.group()).aggregate(signingPackage, shares.values());
        } catch (InvalidSignatureShareException e) {
          long until = clock.getAsLong() + settings.culpritPenaltyMillis();
          List<IdentityKey> culprits = new ArrayList<>();
          for (ParticipantId id : e.culprits()) {
            IdentityKey culprit = chain.key.identityOf(id);
            culprits.add(culprit);
            excludedUntil.put(culprit, until);
            observer.culprit(chain.chainId, culprit);
          }
          chain.retryAt = clock.getAsLong(); // again at once, without them
          fail(Abort.INVALID_SHARE, "invalid shares from " + culprits);
          return;
        } catch (InvalidFrostInputException e) {
          fail(Abort.UNAVAILABLE, "the shares do not aggregate: " + e.getMessage());
          return;
        }
        List<SignedItem> signed = new ArrayList<>();
        for (int k = 0; k < signatures.size(); k++) {
          Item item = work.items().get(k);
          signed.add(new SignedItem(item.nonce(), item.digest(), signatures.get(k)));
        }
        if (!signaturesOfWork(signed)) { // cannot happen when every share verified; never store it
          fail(Abort.INVALID_SHARE, "an aggregate signature does not verify");
          return;
        }
        succeed(signed);
      }
    }

    /** Whether one of this session's digests is still held unsigned in {@code book}. */
    boolean needed(DigestBook book) {
      for (Item item : work.items()) {
        Optional<DigestBook.Entry> e = book.entry(item.nonce());
        if (e.isPresent()
            && e.get().digest().equals(item.digest())
            && e.get().signature().isEmpty()) {
          return true;
        }
      }
      return false;
    }

    /** Whether {@code signed} is a verifying signature of every item of the work, in order. */
    boolean signaturesOfWork(List<SignedItem> signed) {
      if (signed.size() != work.items().size()) {
        return false;
      }
      for (int k = 0; k < signed.size(); k++) {
        Item item = work.items().get(k);
        SignedItem s = signed.get(k);
        if (s.nonce() != item.nonce()
            || !s.digest().equals(item.digest())
            || !verifies(chain.key, s)) {
          return false;
        }
      }
      return true;
    }

    /** The chain as it is now (a rebinding replaces its object). */
    Chain current() {
      Chain now = chains.get(chain.chainId);
      return now == null ? chain : now;
    }

    void succeed(List<SignedItem> signed) {
      done = true;
      storeSignatures(current(), signed);
      observer.sessionSigned(session, signed.size(), clock.getAsLong() - started);
      SignedMessage delivery =
          SignedMessage.sign(
              MessageKind.KEYSIGN_SIGNATURES,
              epoch.getAsLong(),
              KeysignWire.encode(
                  new Signatures(
                      session.keyId(),
                      session.chainId(),
                      session.batch(),
                      session.attempt(),
                      signed)),
              self);
      for (IdentityKey p : chain.key.participants()) {
        if (!p.equals(self.identityKey())) {
          transport.deliver(p, delivery);
        }
      }
      finish();
    }

    void fail(Abort cause, String detail) {
      synchronized (lock) {
        if (done) {
          return;
        }
        done = true;
        observer.sessionAborted(session, cause, detail);
        if (cause != Abort.INVALID_SHARE && cause != Abort.TIMEOUT) {
          chain.retryAt = clock.getAsLong() + settings.retryDelayMillis();
        }
        finish();
      }
    }

    void finish() {
      Chain now = current();
      if (now.running == this) {
        now.running = null;
      }
      if (chains.get(chain.chainId) != null) {
        drive(now);
      }
    }

    /**
     * A participant holds signatures of some of the digests already (another coordinator's session
     * signed them): this session stores those that verify and ends, and the chain plans its next
     * session without them.
     */
    void adopt(IdentityKey from, List<SignedItem> signed) {
      List<SignedItem> valid = new ArrayList<>();
      for (SignedItem s : signed) {
        boolean inWork =
            work.items().stream()
                .anyMatch(i -> i.nonce() == s.nonce() && i.digest().equals(s.digest()));
        if (inWork && verifies(chain.key, s)) {
          valid.add(s);
        }
      }
      if (valid.isEmpty()) {
        chosen.remove(from);
        if (!askNext()) {
          fail(Abort.UNAVAILABLE, "signatures from " + from + " that do not verify");
        }
        return;
      }
      done = true;
      storeSignatures(current(), valid);
      observer.sessionAdopted(session, valid.size());
      finish();
    }
  }

  private static boolean verifies(KeysignKey key, SignedItem s) {
    return SignatureVerifier.verify(
        key.group().groupPublicKey(), Message.of(s.digest().bytes()), s.signature());
  }

  /** Stores the signatures that still match the book's digests; durably, then in memory. */
  private void storeSignatures(Chain c, List<SignedItem> signed) {
    List<SignedItem> fresh = new ArrayList<>();
    for (SignedItem s : signed) {
      Optional<DigestBook.Entry> e = c.book.entry(s.nonce());
      if (e.isPresent() && e.get().digest().equals(s.digest()) && e.get().signature().isEmpty()) {
        fresh.add(s);
      } else if ((e.isEmpty() || !e.get().digest().equals(s.digest()))
          && s.nonce() >= c.book.low()
          && c.early.size() < MAX_EARLY) {
        c.early.put(s.nonce(), s); // this node's observer has not shown that digest yet
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    store.saveSignatures(c.chainId, fresh);
    for (SignedItem s : fresh) {
      c.book.signed(s.nonce(), s.digest(), s.signature());
    }
    c.book.batchSigned();
    observer.signaturesStored(c.chainId, fresh.size());
  }

  // ---------------------------------------------------------------- the participant

  /**
   * Round one for another node's session: this node's commitments, if every digest is the one its
   * own chain observer gave it, or the signatures it holds of all of them already.
   *
   * @throws ConflictException {@code DIGEST_MISMATCH} for a digest this node does not hold for its
   *     nonce, {@code NOT_THE_COORDINATOR} if the signer does not coordinate that attempt
   * @throws RetryLaterException {@code DIGEST_NOT_YET} if this node has no digest for a nonce yet
   */
  public SignedMessage commit(SignedMessage message) {
    synchronized (lock) {
      return commitLocked(message);
    }
  }

  private SignedMessage commitLocked(SignedMessage message) {
    CommitRequest request =
        KeysignWire.commitRequest(expect(message, MessageKind.KEYSIGN_COMMIT).body());
    Session s = request.session();
    Chain c = participantsChain(s.keyId(), s.chainId(), message.signer());
    fromCoordinator(c, s, message.signer());
    checkItems(c, s.batch(), request.items());
    List<SignedItem> held = new ArrayList<>();
    for (Item item : request.items()) {
      c.book
          .entry(item.nonce())
          .flatMap(DigestBook.Entry::signature)
          .ifPresent(sig -> held.add(new SignedItem(item.nonce(), item.digest(), sig)));
    }
    CommitAnswer answer;
    if (!held.isEmpty()) {
      // Some are signed here already: the coordinator takes those and plans again without them.
      answer = new CommitAnswer(s, self.identityKey(), Optional.empty(), held);
    } else {
      checkNotLocked(c, request.items(), message.signer());
      Round kept = rounds.get(s.name());
      RoundOneState state;
      if (kept != null
          && kept.session().equals(s)
          && kept.items().equals(request.items())
          && !kept.state().consumed()) {
        // The same request again (a retried or replayed HTTP call): the same commitments, or the
        // coordinator's round two would carry commitments this node no longer holds.
        state = kept.state();
      } else {
        state = new Signer(c.key.share(), random).commit(request.items().size());
        keep(
            new Round(
                s,
                request.items(),
                state,
                clock.getAsLong() + 2 * settings.sessionTimeoutMillis()));
      }
      answer = new CommitAnswer(s, self.identityKey(), Optional.of(state.commitments()), List.of());
    }
    return SignedMessage.sign(
        MessageKind.KEYSIGN_COMMITMENTS, epoch.getAsLong(), KeysignWire.encode(answer), self);
  }

  /**
   * Round two: this node's signature shares for a session it committed to, released once, after the
   * session is durably recorded.
   *
   * @throws ConflictException {@code SESSION_UNKNOWN} if this node holds no round-one state for the
   *     session (never committed, already signed, or forgotten on restart), {@code DIGEST_MISMATCH}
   *     if the package signs other digests or one was replaced since round one
   */
  public SignedMessage sign(SignedMessage message) {
    synchronized (lock) {
      return signLocked(message);
    }
  }

  private SignedMessage signLocked(SignedMessage message) {
    SignRequest request = KeysignWire.signRequest(expect(message, MessageKind.KEYSIGN_SIGN).body());
    Session s = request.session();
    Chain c = participantsChain(s.keyId(), s.chainId(), message.signer());
    if (!message.signer().equals(s.coordinator())) {
      throw new ForbiddenException("NOT_THE_COORDINATOR", "only a session's coordinator asks");
    }
    Answered before = answered.get(s.name());
    if (before != null && java.util.Arrays.equals(before.request(), message.body())) {
      // The same request again (a retried or replayed HTTP call): the same shares, which reveal
      // nothing new; a refusal would abort a session whose shares this node released.
      return before.answer();
    }
    Round round = rounds.get(s.name());
    if (round == null || !round.session().equals(s)) {
      throw new ConflictException("SESSION_UNKNOWN", "this node holds no round-one state for " + s);
    }
    List<Message> signs = request.signingPackage().messages();
    if (signs.size() != round.items().size()) {
      throw new ConflictException("DIGEST_MISMATCH", "the package signs other digests");
    }
    for (int k = 0; k < signs.size(); k++) {
      Item item = round.items().get(k);
      if (!java.util.Arrays.equals(signs.get(k).bytes(), item.digest().bytes())) {
        throw new ConflictException("DIGEST_MISMATCH", "the package signs other digests");
      }
    }
    checkItems(c, s.batch(), round.items()); // a digest replaced since round one
    checkNotLocked(c, round.items(), message.signer());
    rounds.remove(s.name());
    store.recordRelease(s, round.items());
    long now = clock.getAsLong();
    for (Item item : round.items()) {
      c.releases.put(item.nonce(), new Release(item.digest(), s.coordinator(), now));
    }
    SignatureShares shares = round.state().sign(request.signingPackage());
    observer.sharesReleased(c.chainId, round.items().size());
    SignedMessage answer =
        SignedMessage.sign(
            MessageKind.KEYSIGN_SHARES,
            epoch.getAsLong(),
            KeysignWire.encode(new SharesAnswer(s, self.identityKey(), shares)),
            self);
    answered.put(s.name(), new Answered(message.body(), answer));
    return answer;
  }

  /**
   * A session's signatures from its coordinator: each verified against the group key, then stored
   * where it signs the digest this node holds.
   *
   * @return how many were new here
   * @throws InvalidKeysignException {@code INVALID_SIGNATURES} if any does not verify (nothing is
   *     stored)
   */
  public int deliver(SignedMessage message) {
    Signatures signatures =
        KeysignWire.signatures(expect(message, MessageKind.KEYSIGN_SIGNATURES).body());
    synchronized (lock) {
      Chain c = participantsChain(signatures.keyId(), signatures.chainId(), message.signer());
      for (SignedItem s : signatures.items()) {
        if (!verifies(c.key, s)) {
          throw new InvalidKeysignException(
              "INVALID_SIGNATURES",
              "the signature of nonce " + s.nonce() + " does not verify under the group key");
        }
      }
      long before = c.book.digestsSigned();
      storeSignatures(c, signatures.items());
      int fresh = (int) (c.book.digestsSigned() - before);
      if (fresh > 0) {
        drive(c);
      }
      return fresh;
    }
  }

  private SignedMessage expect(SignedMessage message, MessageKind kind) {
    if (message.kind() != kind) {
      throw new InvalidKeysignException(
          "INVALID_KEYSIGN_MESSAGE", "expected a " + kind.tag() + " message");
    }
    EpochWindow.check(message.epoch(), epoch.getAsLong());
    return message.verified();
  }

  /** The chain a participant's message is about, if its signer is a participant of the key. */
  private Chain participantsChain(String keyId, long chainId, IdentityKey signer) {
    KeysignKey key = keys.get(keyId);
    if (key == null) {
      throw new UnknownResourceException("KEY_NOT_FOUND", "this node holds no key " + keyId);
    }
    if (key.idOf(signer).isEmpty()) {
      throw new ForbiddenException(
          "NOT_A_PARTICIPANT", signer + " is not a participant of key " + keyId);
    }
    Chain c = chain(chainId);
    if (!c.key.keyId().equals(keyId)) {
      throw new ConflictException(
          "CHAIN_BOUND", "chain " + chainId + " is bound to key " + c.key.keyId() + " here");
    }
    return c;
  }

  private void fromCoordinator(Chain c, Session s, IdentityKey signer) {
    if (!signer.equals(s.coordinator())) {
      throw new ForbiddenException("NOT_THE_COORDINATOR", "only a session's coordinator asks");
    }
    if (s.attempt() > 0xFFFF_FFFFL || !coordinatorOf(c, s.batch(), s.attempt()).equals(signer)) {
      throw new ConflictException(
          "NOT_THE_COORDINATOR",
          signer + " does not coordinate attempt " + s.attempt() + " of batch " + s.batch());
    }
  }

  /** The items are ascending nonces of {@code batch}, each the digest this node holds for it. */
  private void checkItems(Chain c, long batch, List<Item> items) {
    long previous = -1;
    for (Item item : items) {
      if (item.nonce() <= previous || Batches.batchOf(item.nonce(), c.book.batchSize()) != batch) {
        throw new InvalidKeysignException(
            "INVALID_KEYSIGN_MESSAGE", "a session's nonces are ascending, all in its batch");
      }
      previous = item.nonce();
      c.book.checkNotStale(item.nonce());
      Optional<DigestBook.Entry> held = c.book.entry(item.nonce());
      if (held.isEmpty()) {
        throw new RetryLaterException(
            "DIGEST_NOT_YET",
            "this node's chain observer has given no digest for nonce " + item.nonce() + " yet",
            Duration.ofSeconds(1));
      }
      if (!held.get().digest().equals(item.digest())) {
        throw new ConflictException(
            "DIGEST_MISMATCH",
            "nonce " + item.nonce() + " has another digest on this node's chain");
      }
    }
  }

  /**
   * The release lock: this node gives shares for a nonce's digest to one coordinator at a time. A
   * session this node released shares in may still sign until its coordinator's deadline, at most
   * one session timeout after the release; until then, another coordinator's session for the same
   * digest is refused (503 {@code SESSION_IN_PROGRESS}). Since any two sets of {@code threshold}
   * participants share one when {@code 2·threshold > n}, two coordinators then cannot both sign a
   * digest in normal operation (they could only produce two valid signatures, never a wrong one).
   * The same coordinator may try again at once: it retries only after its session ended.
   */
  private void checkNotLocked(Chain c, List<Item> items, IdentityKey coordinator) {
    long now = clock.getAsLong();
    for (Item item : items) {
      Release r = c.releases.get(item.nonce());
      if (r != null
          && r.digest().equals(item.digest())
          && !r.coordinator().equals(coordinator)
          && now < r.at() + settings.sessionTimeoutMillis()) {
        throw new RetryLaterException(
            "SESSION_IN_PROGRESS",
            "this node released shares for nonce "
                + item.nonce()
                + " to another coordinator's session, which may still sign",
            Duration.ofMillis(Math.max(1, r.at() + settings.sessionTimeoutMillis() - now)));
      }
    }
    if (c.releases.size() > 4 * MAX_ROUNDS) {
      c.releases.values().removeIf(r -> now >= r.at() + settings.sessionTimeoutMillis());
    }
  }

  private void keep(Round round) {
    long now = clock.getAsLong();
    for (Iterator<Round> it = rounds.values().iterator(); it.hasNext(); ) {
      Round r = it.next();
      if (r.expiresAt() < now || rounds.size() >= MAX_ROUNDS) {
        it.remove();
      } else {
        break; // kept in insertion order, so by expiry
      }
    }
    IdentityKey coordinator = round.session().coordinator();
    int sameCoordinator = 0;
    String oldest = null;
    for (Map.Entry<String, Round> e : rounds.entrySet()) {
      if (e.getValue().session().coordinator().equals(coordinator)) {
        sameCoordinator++;
        if (oldest == null) {
          oldest = e.getKey();
        }
      }
    }
    if (sameCoordinator >= MAX_ROUNDS_PER_COORDINATOR) {
      rounds.remove(oldest); // one coordinator's flood evicts only its own states
    }
    rounds.put(round.session().name(), round);
  }
}
