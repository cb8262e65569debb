package dev.cachet.clock.ejb;

import dev.cachet.clock.ChainAgreement;
import dev.cachet.clock.ChainParameters;
import dev.cachet.clock.Genesis;
import dev.cachet.clock.SlotClock;
import dev.cachet.host.ejb.NodeDataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's slot clock: the database's chain, shared by every node on it ({@link ChainAgreement});
 * the first node to start stores it from {@code cachet.chain.genesis-time} and {@code
 * seconds-per-slot}. A node configured otherwise than the database refuses to start.
 */
@Singleton
@Startup
@DependsOn({"NodeDatabase", "NodeDataDirectory"})
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChainClockBean {

  private static final Logger LOG = Logger.getLogger(ChainClockBean.class.getName());

  @Inject
  @ConfigProperty(name = "cachet.chain.genesis-time")
  Optional<String> genesisTime;

  @Inject
  @ConfigProperty(name = "cachet.chain.seconds-per-slot")
  long secondsPerSlot;

  @EJB private NodeDataDirectory dataDirectory;

  @EJB private JpaChainStore store;

  private SlotClock clock;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    ChainParameters chain = agree();
    clock =
        new SlotClock(
            chain.genesis(), Duration.ofSeconds(chain.secondsPerSlot()), Clock.systemUTC());
    LOG.info(() -> "slot clock: " + clock + ", now at slot " + clock.currentSlot());
  }

  private ChainParameters agree() {
    Optional<Instant> legacy = Genesis.legacyFile(dataDirectory.path());
    ChainAgreement.Decision decision =
        ChainAgreement.decide(store.load(), genesisTime, secondsPerSlot, legacy, Instant.now());
    if (!decision.store()) {
      return decision.chain();
    }
    try {
      store.insert(decision.chain());
      LOG.info(() -> "stored the chain in the database: " + decision.chain());
      return decision.chain();
    } catch (RuntimeException raced) {
      // Another node stored the chain first: agree with it (or refuse to start).
      Optional<ChainParameters> theirs = store.load();
      if (theirs.isEmpty()) {
        throw raced;
      }
      return ChainAgreement.decide(theirs, genesisTime, secondsPerSlot, legacy, Instant.now())
          .chain();
    }
  }

  public SlotClock slotClock() {
    return clock;
  }

  /**
   * Whether the operator configured {@code cachet.chain.genesis-time}: then this node counts the
   * slots its operator chose (the database's chain agrees, or the node would not have started), not
   * those of whichever node happened to start first.
   */
  public boolean genesisConfigured() {
    return genesisTime.filter(g -> !g.isBlank()).isPresent();
  }
}
