package dev.cachet.node.ejb;

import dev.cachet.error.RetryLaterException;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import dev.cachet.state.ejb.StateVaultBean;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the node's identity from the vault, creating it on first start. If the state key cannot be
 * had at start, the node still starts (readiness says why) and a retrying task loads the identity
 * as soon as the key can be had.
 *
 * <p>Container-managed locking: every read takes the READ lock, so readers never wait on each
 * other; {@link #load()} is the one WRITE section, since it replaces the bean's state. A load waits
 * on the vault and so on the state key's provider (a KMS command may take seconds), so a reader
 * waits at most {@value #READ_TIMEOUT_SECONDS} s for it and then fails with the container's {@code
 * ConcurrentAccessTimeoutException}, which the API answers as 503 {@code SERVER_BUSY} with {@code
 * Retry-After}; the load itself waits at most {@value #WRITE_TIMEOUT_SECONDS} s for the readers in
 * flight and is tried again. The load never runs inside a read: the container cannot upgrade a READ
 * lock to WRITE (the specification refuses it as a loopback), so the retrying task calls it through
 * the container from outside.
 */
@Singleton
@Startup
@LocalBean
@DependsOn("StateVaultBean")
@Lock(LockType.READ)
@AccessTimeout(value = NodeIdentityBean.READ_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeIdentityBean {

  static final long READ_TIMEOUT_SECONDS = 2;
  static final long WRITE_TIMEOUT_SECONDS = 5;

  /** How often a node without its identity tries to load it again. */
  static final long RETRY_SECONDS = 2;

  private static final Logger LOG = Logger.getLogger(NodeIdentityBean.class.getName());

  @EJB private StateVaultBean vault;
  @Resource private SessionContext context;
  @Resource private ManagedScheduledExecutorService scheduler;

  /** Guarded by the container's lock: written only under WRITE, read under READ. */
  private NodeIdentity identity;

  private ScheduledFuture<?> retry;

  @PostConstruct
  void start() {
    try {
      load();
    } catch (RuntimeException e) { // the node starts, readiness tells why, the task retries
      LOG.warning("node identity not loaded yet, retrying every " + RETRY_SECONDS + " s: " + e);
      retry =
          new IdentityLoad(context.getBusinessObject(NodeIdentityBean.class)).scheduleOn(scheduler);
    }
  }

  @PreDestroy
  void stop() {
    if (retry != null) {
      retry.cancel(false);
    }
  }

  /** The node's public identity key, once the vault could provide it. */
  public Optional<String> publicKey() {
    return Optional.ofNullable(identity).map(NodeIdentity::publicKeyHex);
  }

  /**
   * The node's identity key, for the capabilities that cannot start without it.
   *
   * @throws RetryLaterException {@code STATE_KEY_UNAVAILABLE} (retry in 2 s) until it is loaded
   */
  public IdentityKey requireIdentityKey() {
    return identityKey()
        .orElseThrow(
            () ->
                new RetryLaterException(
                    "STATE_KEY_UNAVAILABLE",
                    "the node's identity is not loaded yet (its state key is unavailable)",
                    java.time.Duration.ofSeconds(2)));
  }

  /** The node's identity key, once the vault could provide it. */
  public Optional<IdentityKey> identityKey() {
    return Optional.ofNullable(identity).map(NodeIdentity::publicKey);
  }

  /**
   * Signs a peer message's frame with the node's identity (Ed25519).
   *
   * @throws RetryLaterException {@code STATE_KEY_UNAVAILABLE} if the identity is not loaded yet
   */
  public byte[] sign(byte[] frame) {
    NodeIdentity loaded = identity;
    if (loaded == null) {
      throw new RetryLaterException(
          "STATE_KEY_UNAVAILABLE",
          "the node's identity is not loaded yet (its state key is unavailable)",
          java.time.Duration.ofSeconds(RETRY_SECONDS));
    }
    return loaded.sign(frame);
  }

  /**
   * Loads the identity, creating it if the vault holds none; does nothing once it is loaded.
   *
   * @return whether the identity is loaded
   */
  @Lock(LockType.WRITE)
  @AccessTimeout(value = WRITE_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  public boolean load() {
    if (identity == null) {
      vault.update(NodeIdentity.RECORD, NodeIdentity.createIfAbsent(new SecureRandom()));
      byte[] plaintext = vault.read(NodeIdentity.RECORD).orElseThrow();
      try {
        identity = NodeIdentity.decode(plaintext);
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      LOG.info(() -> "node identity (Ed25519): " + identity.publicKeyHex());
    }
    return true;
  }

  /**
   * Loads the identity through the container (so under its WRITE lock) until it is loaded, then
   * cancels its own schedule. Never throws, so the schedule keeps running until then.
   */
  static final class IdentityLoad implements Runnable {
    private final NodeIdentityBean bean;
    private volatile ScheduledFuture<?> schedule;
    private boolean warned;

    IdentityLoad(NodeIdentityBean bean) {
      this.bean = bean;
    }

    ScheduledFuture<?> scheduleOn(ManagedScheduledExecutorService scheduler) {
      schedule =
          scheduler.scheduleWithFixedDelay(this, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
      return schedule;
    }

    @Override
    public void run() {
      try {
        if (bean.load() && schedule != null) {
          schedule.cancel(false);
        }
      } catch (RuntimeException e) {
        LOG.log(
            warned ? Level.FINE : Level.WARNING,
            "node identity still not loaded; retrying every " + RETRY_SECONDS + " s: " + e);
        warned = true;
      }
    }
  }
}
