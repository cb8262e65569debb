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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hosts the node's {@link KeyManager}: a bounded pool of managed threads for preparation ({@code
 * cachet.keys.preparation-threads}, so signing keeps a core), and a tick at every slot that keeps
 * every key's window ahead of the wall clock and picks up what other nodes on the same database
 * changed. The manager locks per key, so every method takes the container's READ lock (signing,
 * reads and the tick run at once); nothing replaces the bean's state after it starts.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"StateVaultBean", "ChainClockBean"})
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KeyManagerBean {

  private static final Logger LOG = Logger.getLogger(KeyManagerBean.class.getName());

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

  @Resource private ManagedThreadFactory threadFactory;
  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private MetricRegistry metrics;

  private ThreadPoolExecutor pool;
  private KeyManager keys;
  private KeyMetrics keyMetrics;
  private ScheduledFuture<?> ticker;
  private volatile boolean restored;

  @PostConstruct
  void start() {
    int threads = Math.max(1, preparationThreads);
    AtomicInteger count = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = threadFactory.newThread(task);
              thread.setName("cachet-preparation-" + count.incrementAndGet());
              return thread;
            });
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
            new SlotTick(this), slots.untilNextSlot().toMillis(), period, TimeUnit.MILLISECONDS);
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

  /** The slot tick as a named task; it never throws, so the schedule keeps running. */
  static final class SlotTick implements Runnable {
    private final KeyManagerBean bean;

    SlotTick(KeyManagerBean bean) {
      this.bean = bean;
    }

    @Override
    public void run() {
      try {
        bean.tick();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "the slot tick failed; it runs again at the next slot", e);
      }
    }
  }
}
