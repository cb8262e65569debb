package dev.cachet.keysign;

import dev.cachet.error.CachetException;
import dev.cachet.frost.DealtKeys;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.MessageKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Nodes of one threshold key on a {@link ManualTimer}, connected by an in-memory transport whose
 * every call and answer takes {@link #delay} of virtual time. A node can be down (no engine: every
 * call to it is refused {@code UNAVAILABLE} after the delay) or cut off (its engine runs, but every
 * call to or from it is refused). An answer can be rewritten on its way back (a lying participant).
 */
final class Cluster {

  static final long EPOCH = 7;
  static final String KEY_ID = "key-1";

  /** One event an engine's observer reported, at its virtual time. */
  record Event(
      long at, int node, String what, KeysignWire.Session session, KeysignObserver.Abort cause) {}

  final ManualTimer timer = new ManualTimer(1_000_000);
  final long delay;
  final KeysignSettings settings;
  final List<Fixtures.TestSigner> signers;
  final DealtKeys dealt;
  final List<KeysignKey> keys;
  final InMemoryKeysignStore[] stores;
  final KeysignEngine[] engines;
  final List<Event> events = new ArrayList<>();
  final Set<Integer> cutOff = new HashSet<>();

  /** Nodes whose calls arriving now are never answered (a black hole on their way). */
  final Set<Integer> silenced = new HashSet<>();

  final List<String> deliveryFailures = new ArrayList<>();
  final List<Refusal> refusals = new ArrayList<>();

  /** A call refused with a code: from the caller's node, to the callee's, in which round. */
  record Refusal(long at, int from, int to, boolean roundTwo, String code) {}

  final Map<Integer, Integer> callsTo = new HashMap<>();

  /** Rewrites the answer of node {@code i} to a round-two request (a lying participant). */
  BiFunction<Integer, SignedMessage, SignedMessage> sharesRewriter = (i, m) -> m;

  Cluster(int threshold, int n, long seed, long delay, KeysignSettings settings) {
    this.delay = delay;
    this.settings = settings;
    this.signers = Fixtures.signers(n, "cluster-" + seed);
    this.dealt = Fixtures.deal(threshold, n, seed);
    this.keys = Fixtures.keys(KEY_ID, signers, dealt);
    this.stores = new InMemoryKeysignStore[n];
    this.engines = new KeysignEngine[n];
    for (int i = 0; i < n; i++) {
      stores[i] = new InMemoryKeysignStore();
    }
  }

  int size() {
    return signers.size();
  }

  /** Starts node {@code i}'s engine on its store (a restart if it ran before). */
  KeysignEngine start(int i) {
    engines[i] =
        new KeysignEngine(
            signers.get(i),
            stores[i],
            new Transport(i),
            timer,
            timer::now,
            () -> EPOCH,
            settings,
            new Recorder(i),
            Fixtures.seeded(1_000 + i + 31L * events.size()));
    engines[i].restore();
    return engines[i];
  }

  /** Starts every node, imports its key and binds {@code chainId}. */
  Cluster startAll(long chainId, int batchSize, int... except) {
    Set<Integer> skip = new HashSet<>();
    for (int e : except) {
      skip.add(e);
    }
    for (int i = 0; i < size(); i++) {
      if (!skip.contains(i)) {
        start(i).importKey(keys.get(i));
        engines[i].bind(chainId, KEY_ID, batchSize);
      }
    }
    return this;
  }

  void down(int i) {
    engines[i] = null;
  }

  int indexOf(IdentityKey key) {
    for (int i = 0; i < size(); i++) {
      if (signers.get(i).identityKey().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a node: " + key);
  }

  /** The node that coordinates {@code attempt} of {@code batch}. */
  int coordinator(long chainId, long batch, long attempt) {
    return Rotation.coordinator(chainId, batch, attempt, size());
  }

  /** Offers {@code digests} (nonce to digest) to every running node, the highest nonce first. */
  void offerAll(long chainId, Map<Long, TxDigest> digests) {
    for (int i = 0; i < size(); i++) {
      offer(i, chainId, digests);
    }
  }

  void offer(int i, long chainId, Map<Long, TxDigest> digests) {
    if (engines[i] == null) {
      return;
    }
    List<Long> nonces = new ArrayList<>(digests.keySet());
    nonces.sort(java.util.Comparator.reverseOrder());
    for (long n : nonces) {
      engines[i].offer(chainId, n, digests.get(n));
    }
  }

  List<Event> events(String what) {
    return events.stream().filter(e -> e.what().equals(what)).toList();
  }

  private boolean unreachable(int from, int to) {
    return engines[to] == null || cutOff.contains(from) || cutOff.contains(to);
  }

  private final class Recorder implements KeysignObserver {
    private final int node;

    Recorder(int node) {
      this.node = node;
    }

    @Override
    public void sessionStarted(KeysignWire.Session session, int digests) {
      events.add(new Event(timer.now(), node, "started", session, null));
    }

    @Override
    public void sessionSigned(KeysignWire.Session session, int digests, long durationMillis) {
      events.add(new Event(timer.now(), node, "signed", session, null));
    }

    @Override
    public void sessionAborted(KeysignWire.Session session, Abort cause, String detail) {
      events.add(new Event(timer.now(), node, "aborted", session, cause));
    }

    @Override
    public void culprit(long chainId, IdentityKey participant) {
      events.add(new Event(timer.now(), node, "culprit:" + indexOf(participant), null, null));
    }
  }

  /** Node {@code from}'s view of the others. */
  private final class Transport implements KeysignTransport {
    private final int from;

    Transport(int from) {
      this.from = from;
    }

    @Override
    public boolean reachable(IdentityKey peer) {
      return !unreachable(from, indexOf(peer));
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
      KeysignEngine caller = engines[from];
      callsTo.merge(to, 1, Integer::sum);
      timer.schedule(
          () -> {
            if (silenced.contains(from)) {
              return; // no answer, ever
            }
            Reply reply;
            if (unreachable(from, to)) {
              reply = Reply.refused(Reply.UNAVAILABLE);
            } else {
              try {
                SignedMessage answer =
                    roundTwo ? engines[to].sign(request) : engines[to].commit(request);
                if (roundTwo) {
                  answer = sharesRewriter.apply(to, answer);
                }
                reply = Reply.of(answer);
              } catch (CachetException e) {
                reply = Reply.refused(e.code());
              }
            }
            if (!reply.answered()) {
              refusals.add(new Refusal(timer.now(), from, to, roundTwo, reply.refusal()));
            }
            Reply r = reply;
            timer.schedule(
                () -> {
                  if (engines[from] == caller) { // a restarted node forgot its calls
                    done.accept(r);
                  }
                },
                delay);
          },
          delay);
    }

    @Override
    public void deliver(IdentityKey to, SignedMessage signatures) {
      int target = indexOf(to);
      if (signatures.kind() != MessageKind.KEYSIGN_SIGNATURES) {
        throw new AssertionError("a delivery of " + signatures.kind());
      }
      timer.schedule(
          () -> {
            if (unreachable(from, target)) {
              return;
            }
            try {
              engines[target].deliver(signatures);
            } catch (CachetException e) {
              deliveryFailures.add(target + ": " + e.code());
            }
          },
          delay);
    }
  }
}
