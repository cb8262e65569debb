package dev.cachet.peer;

import dev.cachet.node.IdentityKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each peer has answered lately, and a circuit breaker per peer: after {@code threshold}
 * failures in a row its circuit opens and calls to it fail at once for {@code openFor}; then one
 * call is let through (half-open), and its outcome closes or reopens the circuit.
 *
 * <p>Written by hand, beside MicroProfile Fault Tolerance (which retries each call): a Fault
 * Tolerance circuit breaker keeps one state per annotated method, shared by every invocation, so a
 * single breaker would cover all peers and one dead peer would cut the node off from the live ones.
 * A committee needs a breaker per peer, which is this.
 */
public final class PeerHealth {

  /** A circuit's state. */
  public enum Circuit {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** One peer's record, as {@code GET /api/v1/admin/peers} shows it. */
  public record PeerState(
      IdentityKey peer,
      Optional<Instant> lastSuccess,
      Optional<Instant> lastFailure,
      Optional<String> lastFailureCause,
      int consecutiveFailures,
      Circuit circuit,
      long requests,
      long failures) {}

  private final Clock clock;
  private final int threshold;
  private final Duration openFor;
  private final Map<IdentityKey, Entry> peers = new ConcurrentHashMap<>();

  public PeerHealth(Clock clock, int threshold, Duration openFor) {
    this.clock = clock;
    this.threshold = Math.max(1, threshold);
    this.openFor = openFor;
  }

  /**
   * Whether a call to {@code peer} may be made now. While the circuit is open, no; once it has been
   * open {@code openFor}, one caller gets yes (the circuit is half-open until it reports).
   */
  public boolean allow(IdentityKey peer) {
    Entry e = entry(peer);
    synchronized (e) {
      switch (e.circuit) {
        case CLOSED:
          return true;
        case OPEN:
          if (!clock.instant().isBefore(e.openedAt.plus(openFor))) {
            e.circuit = Circuit.HALF_OPEN;
            return true;
          }
          return false;
        default: // HALF_OPEN: one trial call is out
          return false;
      }
    }
  }

  public void succeeded(IdentityKey peer) {
    Entry e = entry(peer);
    synchronized (e) {
      e.requests++;
      e.lastSuccess = clock.instant();
      e.consecutiveFailures = 0;
      e.circuit = Circuit.CLOSED;
    }
  }

  public void failed(IdentityKey peer, String cause) {
    Entry e = entry(peer);
    synchronized (e) {
      e.requests++;
      e.failures++;
      e.lastFailure = clock.instant();
      e.lastFailureCause = cause;
      e.consecutiveFailures++;
      if (e.circuit == Circuit.HALF_OPEN || e.consecutiveFailures >= threshold) {
        e.circuit = Circuit.OPEN;
        e.openedAt = clock.instant();
      }
    }
  }

  public PeerState state(IdentityKey peer) {
    Entry e = entry(peer);
    synchronized (e) {
      Circuit circuit = e.circuit;
      if (circuit == Circuit.OPEN && !clock.instant().isBefore(e.openedAt.plus(openFor))) {
        circuit = Circuit.HALF_OPEN; // the next call will be let through
      }
      return new PeerState(
          peer,
          Optional.ofNullable(e.lastSuccess),
          Optional.ofNullable(e.lastFailure),
          Optional.ofNullable(e.lastFailureCause),
          e.consecutiveFailures,
          circuit,
          e.requests,
          e.failures);
    }
  }

  public List<IdentityKey> known() {
    return new ArrayList<>(peers.keySet());
  }

  private Entry entry(IdentityKey peer) {
    return peers.computeIfAbsent(peer, p -> new Entry());
  }

  private static final class Entry {
    Instant lastSuccess;
    Instant lastFailure;
    String lastFailureCause;
    int consecutiveFailures;
    Circuit circuit = Circuit.CLOSED;
    Instant openedAt = Instant.MIN;
    long requests;
    long failures;
  }
}
