package dev.cachet.state.ejb;

import dev.cachet.host.ejb.NodeDataDirectory;
import dev.cachet.state.DefaultStateKey;
import dev.cachet.state.EnvLookup;
import dev.cachet.state.HighWaterMarks;
import dev.cachet.state.KeyCommandTimeout;
import dev.cachet.state.KeyProvider;
import dev.cachet.state.KeyProviders;
import dev.cachet.state.RecordInfo;
import dev.cachet.state.StateKeySettings;
import dev.cachet.state.StateRecords;
import dev.cachet.state.StateRollbackException;
import dev.cachet.state.StateUpdate;
import dev.cachet.state.StateVault;
import dev.cachet.state.UpdateOutcome;
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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hosts the node's {@link StateVault}. The vault locks per record and its storage calls are each
 * their own transaction, so this bean adds no lock and runs outside a transaction: a record's write
 * commits before the vault changes memory. At start it checks the database against the high-water
 * marks and refuses rolled-back records unless {@code cachet.state.accept-rollback}.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"NodeDatabase", "NodeDataDirectory"})
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StateVaultBean implements StateRecords {

  static final String HIGH_WATER_FILE = "state.hwm";

  private static final Logger LOG = Logger.getLogger(StateVaultBean.class.getName());

  @EJB private JpaStateStore store;

  @EJB private NodeDataDirectory dataDirectory;

  @Inject
  @ConfigProperty(name = "cachet.state.accept-rollback")
  boolean acceptRollback;

  @Inject
  @ConfigProperty(name = KeyProviders.PROVIDER)
  Optional<String> keyProvider;

  @Inject
  @ConfigProperty(name = KeyProviders.KEY_FILE)
  Optional<String> keyFile;

  @Inject
  @ConfigProperty(name = KeyProviders.KEY_COMMAND)
  Optional<String> keyCommand;

  @Inject
  @ConfigProperty(name = KeyProviders.KEY_COMMAND_TIMEOUT)
  KeyCommandTimeout keyCommandTimeout;

  @Inject
  @ConfigProperty(name = KeyProviders.PREVIOUS_KEY_FILE)
  Optional<String> previousKeyFile;

  @Inject
  @ConfigProperty(name = KeyProviders.PREVIOUS_KEY_COMMAND)
  Optional<String> previousKeyCommand;

  @Inject private MetricRegistry metrics;

  @Inject
  @ConfigProperty(name = "cachet.state.high-water-lag-millis")
  long highWaterLagMillis;

  @Resource private ManagedScheduledExecutorService scheduler;

  /** Drains a key command's output: container threads, not threads of our own. */
  @Resource private ManagedThreadFactory threadFactory;

  private HighWaterMarks highWater;
  private StateVault vault;

  /** Writes the high-water marks still pending, so a clean stop leaves them current. */
  @PreDestroy
  void stop() {
    if (highWater != null) {
      highWater.close();
    }
  }

  @PostConstruct
  void start() {
    StateKeySettings keys =
        new DefaultStateKey(dataDirectory.path(), keySettings()).prepare(new SecureRandom());
    KeyProvider current = KeyProviders.current(keys, EnvLookup.system(), threadFactory);
    Optional<KeyProvider> previous = KeyProviders.previous(keys, EnvLookup.system(), threadFactory);
    Path highWaterFile = dataDirectory.path().resolve(HIGH_WATER_FILE);
    highWater =
        highWaterLagMillis <= 0
            ? HighWaterMarks.open(highWaterFile)
            : HighWaterMarks.open(highWaterFile, scheduler, Duration.ofMillis(highWaterLagMillis));
    vault =
        new StateVault(
            store,
            current,
            previous,
            highWater,
            new StateMetrics(metrics, store::storedBytes),
            new SecureRandom());
    LOG.info(
        () ->
            "state vault: key provider "
                + current.name()
                + previous.map(p -> ", previous key from " + p.name()).orElse(""));
    for (StateRollbackException rollback : vault.checkRollback(acceptRollback)) {
      if (acceptRollback) {
        LOG.warning(
            "state rollback accepted (cachet.state.accept-rollback): " + rollback.getMessage());
      } else {
        LOG.severe(rollback.getMessage());
      }
    }
  }

  private StateKeySettings keySettings() {
    return new StateKeySettings(
        keyProvider.orElse(""),
        keyFile,
        keyCommand,
        keyCommandTimeout.duration(),
        previousKeyFile,
        previousKeyCommand);
  }

  @Override
  public Optional<byte[]> read(String name) {
    return vault.read(name);
  }

  @Override
  public UpdateOutcome update(String name, StateUpdate update) {
    return vault.update(name, update);
  }

  public UpdateOutcome update(String name, String marker, StateUpdate update) {
    return vault.update(name, marker, update);
  }

  public boolean markerExists(String marker) {
    return vault.markerExists(marker);
  }

  @Override
  public Optional<byte[]> refresh(String name, long storedGeneration) {
    return vault.refresh(name, storedGeneration);
  }

  @Override
  public List<RecordInfo> list() {
    return vault.list();
  }

  public int rewrap() {
    return vault.rewrap();
  }

  public boolean currentKeyAvailable() {
    return vault.currentKeyAvailable();
  }

  /** Records refused at start because the database looks restored from an older backup. */
  public Set<String> refusedRecords() {
    return vault.refusedRecords();
  }

  /** Records that fail to open as stored (corrupt state), with the failure's code. */
  public Map<String, String> corruptRecords() {
    return vault.corruptRecords();
  }
}
