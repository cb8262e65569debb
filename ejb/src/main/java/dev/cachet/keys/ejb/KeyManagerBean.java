package dev.cachet.keys.ejb;

import dev.cachet.clock.SlotClock;
import dev.cachet.clock.ejb.ChainClockBean;
import dev.cachet.keys.GenerateKey;
import dev.cachet.keys.ImportKey;
import dev.cachet.keys.KeyManager;
import dev.cachet.keys.KeyView;
import dev.cachet.keys.PreparationSettings;
import dev.cachet.keys.SigningMessage;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.node.DatabaseFailures;
import dev.cachet.state.ejb.StateVaultBean;
import dev.cachet.tasks.BoundedExecutor;
import dev.cachet.tasks.Repeating;
import dev.cachet.tasks.ejb.ManagedExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hosts the node's {@link KeyManager}: preparation runs as named tasks on the node's managed
 * executor ({@value #PREPARATION_EXECUTOR}, a Jakarta Concurrency resource), at most {@code
 * cachet.keys.preparation-threads} tasks at a time (so signing keeps a core; {@link
 * BoundedExecutor}), and a tick at every slot that keeps every key's window ahead of the wall clock
 * and picks up what other nodes on the same database changed. The manager locks per key, so every
 * method takes the container's READ lock (signing, reads and the tick run at once); nothing
 * replaces the bean's state after it starts.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"StateVaultBean", "ChainClockBean"})
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KeyManagerBean {

  private static final Logger LOG = Logger.getLogger(KeyManagerBean.class.getName());

  /** The Jakarta Concurrency resource that runs preparation. */
  static final String PREPARATION_EXECUTOR = "concurrent/cachet-preparation";

  /**
   * The executor's own pool size (its pre-boot command); the configured number of threads is
   * clamped to it.
   */
  static final int MAX_PREPARATION_THREADS = 64;

  @EJB private StateVaultBean vault;
  @EJB private JpaWindowStore windows;
  @EJB private ChainClockBean chain;

  @Inject
  @ConfigProperty(name = "cachet.keys.preparation-threads")
  int preparationThreads;

  @Inject
  @ConfigProperty(name = "cachet.keys.prepare-lead-slots")
  Optional<Long> leadSlots;

  @Inject
  @ConfigProperty(name = "cachet.keys.max-queued-preparations")
  int maxQueuedPreparations;

  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private MetricRegistry metrics;

  private BoundedExecutor pool;
  private KeyManager keys;
  private KeyMetrics keyMetrics;
  private ScheduledFuture<?> ticker;
  private volatile boolean restored;

  @PostConstruct
  void start() {
    int threads = Math.max(1, Math.min(MAX_PREPARATION_THREADS, preparationThreads));
    if (threads != preparationThreads) {
      LOG.warning(
          "cachet.keys.preparation-threads="
              + preparationThreads
              + " is outside 1.."
              + MAX_PREPARATION_THREADS
              + "; using "
              + threads);
    }
    pool =
        new BoundedExecutor(
            ManagedExecutors.named(PREPARATION_EXECUTOR, "preparing keys"),
            threads,
            "the preparation executor");
    SlotClock slots = chain.slotClock();
    keyMetrics = new KeyMetrics(metrics);
    keys =
        new KeyManager(
            vault,
            windows,
            slots,
            Clock.systemUTC(),
            pool,
            new PreparationSettings(
                threads,
                leadSlots.map(OptionalLong::of).orElse(OptionalLong.empty()),
                maxQueuedPreparations),
            keyMetrics,
            new SecureRandom());
    keyMetrics.register(keys);
    restore();
    long period = slots.slotDuration().toMillis();
    ticker =
        scheduler.scheduleAtFixedRate(
            new Repeating("the slot tick", this::tick),
            slots.untilNextSlot().toMillis(),
            period,
            TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (ticker != null) {
      ticker.cancel(false);
    }
    pool.shutdownNow();
  }

  /**
   * At every slot: load keys not loaded yet (the state key or the database may have been missing)
   * and what other nodes on the database changed, then prepare.
   */
  void tick() {
    restore();
    keys.onSlot();
    keyMetrics.registerWindows(keys);
  }

  private void restore() {
    try {
      int loaded = keys.restore();
      if (!restored && loaded > 0) {
        LOG.info(
            () -> "restored " + loaded + " validator keys; catching them up in the background");
      }
      restored = true;
    } catch (RuntimeException e) {
      if (DatabaseFailures.unavailable(e)) { // an outage: one line a slot, not a stack trace
        LOG.warning("validator keys not reloaded, the database is unavailable: " + e);
      } else {
        LOG.log(Level.WARNING, "validator keys not loaded yet; retrying at the next slot", e);
      }
    }
  }

  /** Whether every key record was loaded. */
  public boolean restored() {
    return restored;
  }

  public KeyView generate(GenerateKey request) {
    return keys.generate(request);
  }

  public KeyView importKey(ImportKey request) {
    return keys.importKey(request);
  }

  public KeyView retire(ValidatorKeyId id) {
    return keys.retire(id);
  }

  public byte[] sign(ValidatorKeyId id, long slot, SigningMessage message) {
    return keys.sign(id, slot, message);
  }

  public KeyView view(ValidatorKeyId id) {
    return keys.view(id);
  }

  public List<KeyView> views() {
    return keys.views();
  }

  public List<ValidatorKeyId> unready() {
    return keys.unready();
  }
}
