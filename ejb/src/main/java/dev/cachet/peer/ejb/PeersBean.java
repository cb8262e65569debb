package dev.cachet.peer.ejb;

import dev.cachet.peer.PeerHealth;
import dev.cachet.tasks.ejb.ManagedExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * What every committee capability shares to reach its peers: the peer executor ({@value
 * #PEER_EXECUTOR}, a managed executor of its own, so a slow peer never holds a thread that key
 * preparation or signing needs) and each peer's health and circuit ({@link PeerHealth}). Nothing
 * here replaces its state after start, so every method takes the READ lock.
 */
@Singleton
@Startup
@LocalBean
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PeersBean {

  private static final Logger LOG = Logger.getLogger(PeersBean.class.getName());

  /** The managed executor peer calls run on (created by the pre-boot commands). */
  static final String PEER_EXECUTOR = "concurrent/cachet-peer";

  /** Failures in a row that open a peer's circuit, and how long it stays open. */
  static final int CIRCUIT_THRESHOLD = 5;

  static final Duration CIRCUIT_OPEN = Duration.ofSeconds(5);

  @jakarta.inject.Inject private org.eclipse.microprofile.metrics.MetricRegistry metrics;

  private ManagedExecutorService executor;
  private PeerHealth health;
  private PeerCalls calls;

  @PostConstruct
  void start() {
    executor = ManagedExecutors.named(PEER_EXECUTOR, "calling peers");
    health = new PeerHealth(Clock.systemUTC(), CIRCUIT_THRESHOLD, CIRCUIT_OPEN);
    calls = new PeerCalls(executor, health, new PeerCallMetrics(metrics));
  }

  /** How every capability calls its peers. */
  public PeerCalls calls() {
    return calls;
  }

  public ManagedExecutorService executor() {
    return executor;
  }

  public PeerHealth health() {
    return health;
  }
}
