package dev.cachet.peer.ejb;

import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.PeerHealth;
import dev.cachet.tasks.BoundedExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How every capability calls a peer: as a task on the peer executor, behind the peer's own circuit
 * ({@link PeerHealth}), counted in the peer metrics, handing the outcome (or {@code failed}) to
 * {@code done} on that task's thread. A call the circuit refuses fails at once.
 *
 * <p>Calls run in two lanes, each a {@link BoundedExecutor} over the one managed executor: small
 * signed messages ({@link Lane#MESSAGE}: pushes, relays, listings, handoff signals) and blob
 * fetches ({@link Lane#FETCH}). So a burst of relays never makes a fetch wait behind it (the
 * metadata benchmark found fetches queued behind thousands of relays), and a queued call costs no
 * container context capture until a lane's worker takes it.
 */
public final class PeerCalls {

  private static final Logger LOG = Logger.getLogger(PeerCalls.class.getName());

  /** Which lane a call waits in. */
  public enum Lane {
    MESSAGE,
    FETCH
  }

  /** How many calls of each lane run at once (the peer executor has room for both). */
  static final int MESSAGE_THREADS = 12;

  static final int FETCH_THREADS = 16;

  private final BoundedExecutor messages;
  private final BoundedExecutor fetches;
  private final PeerHealth health;
  private final PeerCallMetrics metrics;

  public PeerCalls(ExecutorService executor, PeerHealth health, PeerCallMetrics metrics) {
    this.messages = new BoundedExecutor(executor, MESSAGE_THREADS, "the peer message lane");
    this.fetches = new BoundedExecutor(executor, FETCH_THREADS, "the peer fetch lane");
    this.health = health;
    this.metrics = metrics;
  }

  public PeerCallMetrics metrics() {
    return metrics;
  }

  /** A call in the message lane. */
  public <T> void call(Member peer, String what, Supplier<T> request, Consumer<T> done, T failed) {
    call(Lane.MESSAGE, peer, what, request, done, failed);
  }

  /**
   * Runs {@code request} against {@code peer} later, in {@code lane}; {@code done} gets its answer
   * or {@code failed}.
   */
  public <T> void call(
      Lane lane, Member peer, String what, Supplier<T> request, Consumer<T> done, T failed) {
    IdentityKey key = peer.identityKey();
    Runnable task =
        new PeerCall<>(
            () -> {
              if (!health.allow(key)) {
                return failed;
              }
              long started = System.nanoTime();
              try {
                T answer = request.get();
                health.succeeded(key);
                metrics.call(key, true, System.nanoTime() - started);
                return answer;
              } catch (RuntimeException e) {
                health.failed(key, what + ": " + e.getMessage());
                metrics.call(key, false, System.nanoTime() - started);
                LOG.log(Level.FINE, what + " to " + peer.url() + " failed", e);
                return failed;
              }
            },
            done);
    try {
      (lane == Lane.FETCH ? fetches : messages).execute(task);
    } catch (RejectedExecutionException e) { // the node is stopping
      LOG.fine("peer call not run, the executor refused it: " + e);
    }
  }

  /** One peer call as a named task: runs the request, then hands its outcome to {@code done}. */
  static final class PeerCall<T> implements Runnable {
    private final Supplier<T> request;
    private final Consumer<T> done;

    PeerCall(Supplier<T> request, Consumer<T> done) {
      this.request = request;
      this.done = done;
    }

    @Override
    public void run() {
      T outcome = request.get();
      try {
        done.accept(outcome);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handling a peer call's outcome failed", e);
      }
    }
  }
}
