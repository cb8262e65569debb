package dev.cachet.keysign;

import dev.cachet.error.CachetException;
import dev.cachet.error.GoneException;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.Message;
import dev.cachet.frost.Signature;
import dev.cachet.frost.SignatureVerifier;
import dev.cachet.frost.SigningPackage;
import dev.cachet.keysign.DigestBook.Item;
import dev.cachet.keysign.KeysignObserver.Abort;
import dev.cachet.keysign.KeysignTransport.Reply;
import dev.cachet.keysign.KeysignWire.CommitRequest;
import dev.cachet.keysign.KeysignWire.Session;
import dev.cachet.keysign.KeysignWire.SignRequest;
import dev.cachet.keysign.KeysignWire.SignedItem;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.MessageKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One deterministic run of batched keysign: five engines holding a 3-of-5 key, each on its own
 * in-memory store, on a virtual clock, over a network that delays (and so reorders), drops calls
 * and answers, duplicates calls, lets a call hang until the caller's read timeout, with nodes
 * crashing (the engine is discarded; the store survives) and restarting from the store, and
 * possibly one lying participant. Every node's chain observer gives the same chain's digests, each
 * node at its own lag; some nonces come late (gaps filled later), some are replaced; the chain may
 * confirm a prefix mid-run (the observers raise low).
 *
 * <p>Checked as it happens: every signature a node writes verifies under the group key (by {@link
 * IndependentSchnorr} and by the core's verifier), signs the digest that node's own observer last
 * gave for the nonce; a node records a release at most once per session and only for its own
 * digests; only the liar is ever named a culprit; a delivery from an honest coordinator always
 * verifies. Checked at the end: once the faults stop (time {@code quietAt}: every node up, no
 * drops, every observer has given everything), every honest node holds a signature of every digest
 * of its pending range within a bound of virtual time: a full rotation of coordinators plus one
 * session per piece of work that was unsigned at {@code quietAt}.
 */
final class KeysignSimulation {

  static final int N = 5;
  static final int THRESHOLD = 3;
  static final long T = 2_000;
  static final KeysignSettings SETTINGS = new KeysignSettings(T, 100, 10 * T);
  static final long EPOCH = 3;
  static final String KEY_ID = "sim";

  /** What the liar does. */
  enum Liar {
    NONE,
    /** Tampers one share scalar of each round-two answer. */
    TAMPER,
    /** Its observer gives other digests for some nonces, and it signs those when asked. */
    WRONG_DIGEST,
    BOTH
  }

  /** The run's parameters, drawn from the seed. */
  record Scenario(
      long seed,
      long chainId,
      int batchSize,
      int nonces,
      Liar liar,
      int liarNode,
      Set<Long> wrongNonces,
      double dropRate,
      int crashes,
      boolean confirmMidRun) {

    static Scenario draw(long seed) {
      Random r = new Random(seed * 0x9E3779B97F4A7C15L + 17);
      Liar[] liars = Liar.values();
      Liar liar = liars[(int) (seed % liars.length)];
      int nonces = 8 + r.nextInt(13);
      Set<Long> wrong = new HashSet<>();
      if (liar == Liar.WRONG_DIGEST || liar == Liar.BOTH) {
        for (long n = 0; n < nonces; n++) {
          if (r.nextDouble() < 0.3) {
            wrong.add(n);
          }
        }
        wrong.add((long) r.nextInt(nonces));
      }
      double[] drops = {0, 0.03, 0.1, 0.25};
      return new Scenario(
          seed,
          r.nextInt(100_000),
          new int[] {2, 3, 4, 5, 10}[r.nextInt(5)],
          nonces,
          liar,
          r.nextInt(N),
          wrong,
          drops[r.nextInt(drops.length)],
          r.nextInt(4),
          r.nextBoolean());
    }
  }

  /** What a run saw. */
  static final class Outcome {
    final Scenario scenario;
    final List<String> failures = new ArrayList<>();
    final Map<Abort, Integer> aborts = new EnumMap<>(Abort.class);
    int sessions;
    int signedSessions;
    int culprits;
    int crashes;
    long calls;
    long dropped;
    long duplicated;
    long bogus;
    long hung;
    long signaturesWritten;
    long releases;
    long quietAt;
    long lastSignedAfterQuiet;
    double worstLatencyInBounds;
    long fingerprint = 1;

    Outcome(Scenario scenario) {
      this.scenario = scenario;
    }

    void fail(String what) {
      if (failures.size() < 20) {
        failures.add("seed " + scenario.seed() + " (" + scenario + "): " + what);
      }
    }

    void mix(long value) {
      fingerprint = fingerprint * 1_000_003L + value;
    }
  }

  /**
   * One chain event: nonce {@code nonce}'s digest version {@code version} exists from {@code at}.
   */
  private record ChainEvent(long at, long nonce, int version) {}

  private final Scenario s;
  private final Outcome out;
  private final Random net;
  private final ManualTimer timer = new ManualTimer(0);
  private final List<Fixtures.TestSigner> signers;
  private final DealtKeys dealt;
  private final List<KeysignKey> keys;
  private final Node[] nodes = new Node[N];
  private final Map<String, Boolean> verified = new HashMap<>();
  private final List<ChainEvent> chain = new ArrayList<>();
  private final Map<Long, Integer> finalVersion = new TreeMap<>();
  private long faultsEndAt;
  private long confirmedLow;

  /** A node: its store (durable), its engine (gone while it is down) and its observer's view. */
  private final class Node {
    final int index;
    final InMemoryKeysignStore store = new InMemoryKeysignStore();
    final long lag;
    KeysignEngine engine;
    int incarnation;

    /** The digest this node's observer last gave its engine, per nonce. */
    final Map<Long, TxDigest> offered = new TreeMap<>();

    /** The newest version the observer knows, per nonce. */
    final Map<Long, Integer> known = new TreeMap<>();

    final Set<String> releasedTags = new HashSet<>();
    final Map<Long, Long> signedAt = new TreeMap<>();
    long low;
    int unsignedAtQuiet;

    Node(int index, long lag) {
      this.index = index;
      this.lag = lag;
    }

    boolean up() {
      return engine != null;
    }

    boolean honest() {
      return s.liar() == Liar.NONE || index != s.liarNode();
    }

    TxDigest digest(long nonce, int version) {
      if (!honest() && s.wrongNonces().contains(nonce)) {
        return Fixtures.digest(s.chainId(), nonce, 100 + version);
      }
      return Fixtures.digest(s.chainId(), nonce, version);
    }
  }

  private KeysignSimulation(Scenario scenario) {
    this.s = scenario;
    this.out = new Outcome(scenario);
    this.net = new Random(scenario.seed() * 31 + 7);
    this.signers = Fixtures.signers(N, "sim-" + scenario.seed());
    this.dealt = Fixtures.deal(THRESHOLD, N, scenario.seed());
    this.keys = Fixtures.keys(KEY_ID, signers, dealt);
  }

  static Outcome run(Scenario scenario) {
    KeysignSimulation sim = new KeysignSimulation(scenario);
    try {
      sim.play();
    } catch (RuntimeException | AssertionError e) {
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      sim.out.fail("the run threw " + trace.toString().lines().limit(12).toList());
    }
    return sim.out;
  }

  // ---------------------------------------------------------------- the run

  private void play() {
    Random r = new Random(s.seed() * 7919 + 3);
    // the observers' lags: most nodes prompt, one or two late
    int late = r.nextInt(3);
    List<Long> lags = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      lags.add(i < late ? T + r.nextInt((int) (2 * T)) : (long) r.nextInt(100));
    }
    java.util.Collections.shuffle(lags, r);
    for (int i = 0; i < N; i++) {
      nodes[i] = new Node(i, lags.get(i));
    }
    for (Node n : nodes) {
      n.store.beforeSignature(w -> checkSignatureWrite(n, w));
      n.store.beforeRelease(rel -> checkRelease(n, rel));
      start(n);
      n.engine.importKey(keys.get(n.index));
      n.engine.bind(s.chainId(), KEY_ID, s.batchSize());
    }

    // the chain: nonces appear in order, some late; some are replaced
    long gap = 50 + r.nextInt(350);
    long lastChainEvent = 0;
    for (long n = 0; n < s.nonces(); n++) {
      long at = n * gap + r.nextInt(50);
      if (r.nextDouble() < 0.12) {
        at += 2 * T + r.nextInt((int) (4 * T)); // a gap, filled later
      }
      chain.add(new ChainEvent(at, n, 0));
      finalVersion.put(n, 0);
      lastChainEvent = Math.max(lastChainEvent, at);
      int version = 0;
      long when = at;
      while (r.nextDouble() < (version == 0 ? 0.15 : 0.3)) {
        version++;
        when += T / 2 + r.nextInt((int) (6 * T));
        chain.add(new ChainEvent(when, n, version));
        finalVersion.put(n, version);
        lastChainEvent = Math.max(lastChainEvent, when);
      }
    }
    long maxLag = 0;
    for (Node n : nodes) {
      maxLag = Math.max(maxLag, n.lag);
    }
    for (ChainEvent e : chain) {
      for (Node n : nodes) {
        long at = e.at() + n.lag + r.nextInt(40);
        timer.scheduleAt(at, () -> observe(n, e));
      }
    }
    faultsEndAt = lastChainEvent + 2 * T;

    // crashes and restarts within the faults, of the current coordinator now and then
    long lastRestart = 0;
    for (int k = 0; k < s.crashes(); k++) {
      long at = r.nextInt((int) faultsEndAt);
      long down = T / 2 + r.nextInt((int) (3 * T));
      boolean coordinator = r.nextBoolean();
      int random = r.nextInt(N);
      timer.scheduleAt(at, () -> crash(coordinator ? currentCoordinator() : random, down));
      lastRestart = Math.max(lastRestart, at + down);
    }
    if (s.confirmMidRun()) {
      long at = faultsEndAt / 3 + r.nextInt((int) Math.max(1, faultsEndAt / 2));
      timer.scheduleAt(at, this::confirm);
    }
    long quietAt = Math.max(faultsEndAt, lastRestart) + maxLag + 100;
    out.quietAt = quietAt;
    timer.scheduleAt(quietAt, this::quiet);
    timer.advanceTo(quietAt);

    // liveness: every honest node signs everything pending within the bound
    long bound = 0;
    for (Node n : nodes) {
      if (n.honest()) {
        bound = Math.max(bound, boundFor(n));
      }
    }
    timer.advanceTo(quietAt + bound);
    for (Node n : nodes) {
      if (!n.honest()) {
        continue;
      }
      for (long nonce = Math.max(n.low, 0); nonce < s.nonces(); nonce++) {
        TxDigest wanted = Fixtures.digest(s.chainId(), nonce, finalVersion.get(nonce));
        if (!wanted.equals(n.offered.get(nonce))) {
          out.fail("node " + n.index + " was never given the final digest of nonce " + nonce);
          continue;
        }
        Optional<DigestBook.Entry> e = n.store.entry(s.chainId(), nonce);
        if (e.isEmpty() || e.get().signature().isEmpty() || !e.get().digest().equals(wanted)) {
          out.fail(
              "liveness: node "
                  + n.index
                  + " holds no signature of nonce "
                  + nonce
                  + " "
                  + boundFor(n)
                  + " ms after the faults stopped (had "
                  + n.unsignedAtQuiet
                  + " unsigned then); "
                  + e.map(x -> x.signature().isPresent() ? "signed other" : "unsigned")
                      .orElse("no digest"));
          continue;
        }
        long at = n.signedAt.getOrDefault(nonce, 0L);
        if (at > quietAt) {
          out.lastSignedAfterQuiet = Math.max(out.lastSignedAfterQuiet, at - quietAt);
          out.worstLatencyInBounds =
              Math.max(out.worstLatencyInBounds, (at - quietAt) / (double) boundFor(n));
        }
      }
    }

    // the chain confirms everything: every node prunes
    for (Node n : nodes) {
      n.engine.pending(s.chainId(), s.nonces(), s.nonces());
      if (!n.store.digests(s.chainId()).isEmpty()) {
        out.fail("node " + n.index + " kept digests below low");
      }
    }
    for (Node n : nodes) {
      out.releases += n.store.releases().size();
      out.signaturesWritten += n.store.signaturesSaved().size();
      for (SignedItem i : n.store.signaturesSaved()) {
        out.mix(i.nonce());
        out.mix(Arrays.hashCode(i.signature().serialize()));
      }
    }
    out.mix(timer.ran());
  }

  /** A full rotation, and one session timeout for each piece of work unsigned at quiet time. */
  private long boundFor(Node n) {
    return (long) (N + 1) * T * (n.unsignedAtQuiet + 1);
  }

  private void quiet() {
    for (Node n : nodes) {
      if (!n.up()) {
        out.fail("node " + n.index + " is still down at quiet time");
        continue;
      }
      int unsigned = 0;
      for (long nonce = n.low; nonce < s.nonces(); nonce++) {
        Optional<DigestBook.Entry> e = n.store.entry(s.chainId(), nonce);
        if (e.isEmpty() || e.get().signature().isEmpty()) {
          unsigned++;
        }
      }
      n.unsignedAtQuiet = unsigned;
    }
  }

  // ---------------------------------------------------------------- nodes

  private void start(Node n) {
    n.incarnation++;
    int incarnation = n.incarnation;
    Timer guarded =
        (task, delay) ->
            timer.schedule(
                () -> {
                  if (n.incarnation == incarnation && n.up()) {
                    task.run();
                  }
                },
                delay);
    n.engine =
        new KeysignEngine(
            signers.get(n.index),
            n.store,
            new Transport(n, incarnation),
            guarded,
            timer::now,
            () -> EPOCH,
            SETTINGS,
            new Recorder(n),
            Fixtures.seeded(s.seed() * 1_000 + n.index * 50 + incarnation));
    n.engine.restore();
  }

  private void crash(int index, long downFor) {
    Node n = nodes[index];
    if (!n.up()) {
      return;
    }
    out.crashes++;
    n.engine = null;
    n.incarnation++;
    timer.schedule(() -> restart(n), downFor);
  }

  private void restart(Node n) {
    start(n);
    // the observer gives what it knows again, as it does on every tick
    if (n.low > 0) {
      call(n, () -> n.engine.pending(s.chainId(), n.low, Math.max(n.low, highOf(n))));
    }
    for (Map.Entry<Long, Integer> k : new TreeMap<>(n.known).entrySet()) {
      offer(n, k.getKey(), k.getValue());
    }
  }

  /** The coordinator of attempt 0 of the first batch an honest up node still has to sign. */
  private int currentCoordinator() {
    for (Node n : nodes) {
      if (n.up() && n.honest()) {
        Optional<KeysignEngine.InFlight> f = n.engine.view(s.chainId()).session();
        if (f.isPresent()) {
          return indexOf(f.get().coordinator());
        }
      }
    }
    return 0;
  }

  private long highOf(Node n) {
    return n.known.isEmpty() ? 0 : ((TreeMap<Long, Integer>) n.known).lastKey() + 1;
  }

  private void observe(Node n, ChainEvent e) {
    Integer known = n.known.get(e.nonce());
    if (known != null && known >= e.version()) {
      return;
    }
    n.known.put(e.nonce(), e.version());
    if (n.up()) {
      offer(n, e.nonce(), e.version());
    }
  }

  private void offer(Node n, long nonce, int version) {
    TxDigest d = n.digest(nonce, version);
    TxDigest before = n.offered.put(nonce, d);
    try {
      KeysignEngine.Offer o = n.engine.offer(s.chainId(), nonce, d);
      if (o.signature().isPresent() && !verifies(d, o.signature().get())) {
        out.fail("node " + n.index + " answered an offer with a signature that does not verify");
      }
    } catch (GoneException e) {
      restore(n.offered, nonce, before); // below low: the chain confirmed it already
    } catch (RuntimeException e) {
      restore(n.offered, nonce, before);
      out.fail("node " + n.index + " refused an offer: " + e);
    }
  }

  private static void restore(Map<Long, TxDigest> map, long key, TxDigest before) {
    if (before == null) {
      map.remove(key);
    } else {
      map.put(key, before);
    }
  }

  /** The chain confirms the prefix whose final digests some honest node signed. */
  private void confirm() {
    long k = confirmedLow;
    while (k < s.nonces()) {
      long nonce = k;
      boolean settled =
          chain.stream().noneMatch(e -> e.nonce() == nonce && e.at() > timer.now() - T);
      TxDigest last = Fixtures.digest(s.chainId(), nonce, finalVersion.get(nonce));
      boolean signed = false;
      for (Node n : nodes) {
        Optional<DigestBook.Entry> e = n.store.entry(s.chainId(), nonce);
        signed |=
            n.honest()
                && e.isPresent()
                && e.get().digest().equals(last)
                && e.get().signature().isPresent();
      }
      if (!settled || !signed) {
        break;
      }
      k++;
    }
    if (k == confirmedLow) {
      return;
    }
    confirmedLow = k;
    long low = k;
    for (Node n : nodes) {
      timer.schedule(
          () -> {
            n.low = Math.max(n.low, low);
            if (n.up()) {
              call(n, () -> n.engine.pending(s.chainId(), n.low, Math.max(n.low, highOf(n))));
            }
          },
          n.lag + 1);
    }
  }

  private void call(Node n, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      out.fail("node " + n.index + ": " + e);
    }
  }

  private int indexOf(IdentityKey key) {
    for (int i = 0; i < N; i++) {
      if (signers.get(i).identityKey().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- invariants

  private boolean verifies(TxDigest digest, Signature signature) {
    String key = digest.hex() + java.util.HexFormat.of().formatHex(signature.serialize());
    return verified.computeIfAbsent(
        key,
        k -> {
          boolean independent =
              IndependentSchnorr.verify(dealt.groupPublicKey(), digest, signature);
          boolean core =
              SignatureVerifier.verify(
                  dealt.groupPublicKey(), Message.of(digest.bytes()), signature);
          if (independent != core) {
            out.fail("the core's verifier and the independent one disagree on " + k);
          }
          return independent && core;
        });
  }

  private void checkSignatureWrite(Node n, InMemoryKeysignStore.SignatureWrite w) {
    SignedItem item = w.item();
    if (!verifies(item.digest(), item.signature())) {
      out.fail(
          "node " + n.index + " stores a signature that does not verify: nonce " + item.nonce());
    }
    TxDigest own = n.offered.get(item.nonce());
    if (!item.digest().equals(own)) {
      out.fail(
          "node "
              + n.index
              + " stores a signature of "
              + item.digest()
              + " for nonce "
              + item.nonce()
              + ", its observer gave "
              + own);
    }
    if (!w.held().equals(Optional.of(item.digest()))) {
      out.fail("node " + n.index + " stores a signature over another digest than it holds");
    }
    n.signedAt.put(item.nonce(), timer.now());
  }

  private void checkRelease(Node n, InMemoryKeysignStore.Release r) {
    if (!n.releasedTags.add(r.session().name())) {
      out.fail("node " + n.index + " releases shares twice in session " + r.session());
    }
    for (Item i : r.items()) {
      if (!i.digest().equals(n.offered.get(i.nonce()))) {
        out.fail(
            "node " + n.index + " releases shares for a digest its observer did not give: " + i);
      }
    }
  }

  private final class Recorder implements KeysignObserver {
    private final Node node;

    Recorder(Node node) {
      this.node = node;
    }

    @Override
    public void sessionStarted(Session session, int digests) {
      out.sessions++;
      out.mix(session.batch() * 31 + digests);
    }

    @Override
    public void sessionSigned(Session session, int digests, long durationMillis) {
      out.signedSessions++;
    }

    @Override
    public void sessionAborted(Session session, Abort cause, String detail) {
      out.aborts.merge(cause, 1, Integer::sum);
      out.mix(cause.ordinal());
    }

    @Override
    public void culprit(long chainId, IdentityKey participant) {
      out.culprits++;
      int who = indexOf(participant);
      if (s.liar() == Liar.NONE || who != s.liarNode()) {
        out.fail("node " + node.index + " names honest node " + who + " a culprit");
      }
    }
  }

  // ---------------------------------------------------------------- the network

  private boolean faulty() {
    return timer.now() < faultsEndAt;
  }

  private long delay() {
    long d = 1 + net.nextInt(40);
    if (faulty() && net.nextDouble() < 0.05) {
      d += 100 + net.nextInt(1_400); // overtaken by later messages
    }
    return d;
  }

  private boolean dropped() {
    boolean drop = faulty() && net.nextDouble() < s.dropRate();
    if (drop) {
      out.dropped++;
    }
    return drop;
  }

  /** Node {@code from}'s transport in one incarnation: its calls' answers die with it. */
  private final class Transport implements KeysignTransport {
    private final Node from;
    private final int incarnation;

    Transport(Node from, int incarnation) {
      this.from = from;
      this.incarnation = incarnation;
    }

    @Override
    public boolean reachable(IdentityKey peer) {
      int i = indexOf(peer);
      return i >= 0 && nodes[i].up();
    }

    @Override
    public void commit(IdentityKey to, SignedMessage request, Consumer<Reply> done) {
      call(indexOf(to), request, done, false);
    }

    @Override
    public void sign(IdentityKey to, SignedMessage request, Consumer<Reply> done) {
      call(indexOf(to), request, done, true);
    }

    private void call(int to, SignedMessage request, Consumer<Reply> done, boolean roundTwo) {
      out.calls++;
      boolean requestLost = dropped();
      if (faulty() && net.nextDouble() < 0.03) {
        // a duplicate of the request reaches the target too; its answer is lost
        out.duplicated++;
        timer.schedule(
            () -> {
              if (nodes[to].up()) {
                answer(nodes[to], request, roundTwo);
              }
            },
            delay());
      }
      timer.schedule(
          () -> {
            Node target = nodes[to];
            Reply reply;
            if (requestLost || !target.up()) {
              reply = Reply.refused(Reply.UNAVAILABLE);
            } else {
              reply = answer(target, request, roundTwo);
              if (dropped()) {
                reply = Reply.refused(Reply.UNAVAILABLE); // the answer is lost on its way back
              }
            }
            boolean hangs = faulty() && net.nextDouble() < 0.02;
            if (hangs) {
              // the answer never comes: the caller's read timeout (a session timeout) ends it
              out.hung++;
              reply = Reply.refused(Reply.UNAVAILABLE);
            }
            Reply r = reply;
            timer.schedule(
                () -> {
                  if (from.incarnation == incarnation && from.up()) {
                    done.accept(r);
                  }
                },
                hangs ? T : delay());
          },
          delay());
    }

    @Override
    public void deliver(IdentityKey to, SignedMessage signatures) {
      out.calls++;
      int i = indexOf(to);
      boolean lost = dropped();
      boolean honestSender = from.honest();
      timer.schedule(
          () -> {
            Node target = nodes[i];
            if (lost || !target.up()) {
              return;
            }
            try {
              target.engine.deliver(signatures);
            } catch (CachetException e) {
              if (honestSender) {
                out.fail("node " + i + " refused honest signatures: " + e.code() + " " + e);
              }
            } catch (RuntimeException e) {
              out.fail("node " + i + " failed on a delivery: " + e);
            }
          },
          delay());
    }
  }

  /** {@code target}'s answer to a call, through the liar's lies if it is the liar. */
  private Reply answer(Node target, SignedMessage request, boolean roundTwo) {
    try {
      if (target.honest()) {
        return Reply.of(roundTwo ? target.engine.sign(request) : target.engine.commit(request));
      }
      boolean bogus = s.liar() == Liar.TAMPER || s.liar() == Liar.BOTH;
      if (!roundTwo && bogus && net.nextDouble() < 0.3) {
        return Reply.of(bogusSignatures(target, request));
      }
      SignedMessage asked = liesAbout(target, request, roundTwo);
      SignedMessage answer = roundTwo ? target.engine.sign(asked) : target.engine.commit(asked);
      if (roundTwo && (s.liar() == Liar.TAMPER || s.liar() == Liar.BOTH)) {
        answer = Lies.tamperShares(answer, net.nextInt(100), signers.get(target.index));
      }
      return Reply.of(answer);
    } catch (CachetException e) {
      return Reply.refused(e.code());
    } catch (RuntimeException e) {
      out.fail("node " + target.index + " failed on a call: " + e);
      return Reply.refused(Reply.UNAVAILABLE);
    }
  }

  /**
   * The liar claims it holds signatures of a round one's digests, bogus ones; and sends bogus
   * signatures of them to the coordinator as if a session had signed them.
   */
  private SignedMessage bogusSignatures(Node liar, SignedMessage request) {
    CommitRequest m = KeysignWire.commitRequest(request.body());
    List<SignedItem> fake = Lies.bogus(m.items(), dealt.groupPublicKey(), net);
    out.bogus++;
    Node coordinator = nodes[indexOf(m.session().coordinator())];
    SignedMessage delivery =
        SignedMessage.sign(
            MessageKind.KEYSIGN_SIGNATURES,
            EPOCH,
            KeysignWire.encode(
                new KeysignWire.Signatures(
                    KEY_ID, s.chainId(), m.session().batch(), m.session().attempt(), fake)),
            signers.get(liar.index));
    timer.schedule(
        () -> {
          if (coordinator.up()) {
            try {
              coordinator.engine.deliver(delivery);
              out.fail("node " + coordinator.index + " took bogus signatures");
            } catch (InvalidKeysignException e) {
              if (!e.code().equals("INVALID_SIGNATURES")) {
                out.fail("bogus signatures refused with " + e.code());
              }
            } catch (CachetException e) {
              out.fail("bogus signatures refused with " + e.code());
            }
          }
        },
        delay());
    return SignedMessage.sign(
        MessageKind.KEYSIGN_COMMITMENTS,
        EPOCH,
        KeysignWire.encode(
            new KeysignWire.CommitAnswer(
                m.session(), signers.get(liar.index).identityKey(), Optional.empty(), fake)),
        signers.get(liar.index));
  }

  /**
   * The liar's view of a request: the digests of its wrong nonces replaced by its own, signed again
   * as the coordinator (a test-only forgery that gets its honest engine to commit to, and sign, the
   * wrong digests).
   */
  private SignedMessage liesAbout(Node liar, SignedMessage request, boolean roundTwo) {
    if (s.wrongNonces().isEmpty()) {
      return request;
    }
    if (!roundTwo) {
      CommitRequest m = KeysignWire.commitRequest(request.body());
      List<Item> items = new ArrayList<>();
      for (Item i : m.items()) {
        items.add(new Item(i.nonce(), mine(liar, i)));
      }
      liarItems.put(m.session().name(), items);
      return forged(
          request,
          MessageKind.KEYSIGN_COMMIT,
          KeysignWire.encode(new CommitRequest(m.session(), items)));
    }
    SignRequest m = KeysignWire.signRequest(request.body());
    List<Item> items = liarItems.get(m.session().name());
    if (items == null || items.size() != m.signingPackage().messageCount()) {
      return request;
    }
    List<Message> messages = items.stream().map(i -> Message.of(i.digest().bytes())).toList();
    SigningPackage pkg = new SigningPackage(messages, m.signingPackage().commitments());
    return forged(
        request, MessageKind.KEYSIGN_SIGN, KeysignWire.encode(new SignRequest(m.session(), pkg)));
  }

  private final Map<String, List<Item>> liarItems = new HashMap<>();

  private TxDigest mine(Node liar, Item i) {
    TxDigest own = liar.offered.get(i.nonce());
    return s.wrongNonces().contains(i.nonce()) && own != null ? own : i.digest();
  }

  private SignedMessage forged(SignedMessage request, MessageKind kind, byte[] body) {
    int coordinator = indexOf(request.signer());
    return SignedMessage.sign(kind, request.epoch(), body, signers.get(coordinator));
  }
}
