package dev.cachet.keysign.ejb;

import dev.cachet.committee.Committee;
import dev.cachet.committee.ejb.CommitteesBean;
import dev.cachet.keysign.InvalidKeysignException;
import dev.cachet.keysign.KeysignDealer;
import dev.cachet.keysign.KeysignEngine;
import dev.cachet.keysign.KeysignKey;
import dev.cachet.keysign.KeysignSettings;
import dev.cachet.keysign.SignedMessage;
import dev.cachet.keysign.TxDigest;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.ejb.NodeIdentityBean;
import dev.cachet.peer.ejb.IdentitySigner;
import dev.cachet.peer.ejb.PeerClient;
import dev.cachet.peer.ejb.PeersBean;
import dev.cachet.state.ejb.StateVaultBean;
import dev.cachet.tasks.Repeating;
import dev.cachet.tasks.RetriedStart;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hosts the node's {@link KeysignEngine}: its store the vault (key packages) and the database, its
 * peers reached through {@link PeersBean} at the committees' URLs, its timer the scheduled
 * executor. Built and restored once the node's identity is loaded (a start task tries every second
 * until then), so a restart resumes every chain where its store left it. The engine locks itself,
 * so every method takes the READ lock.
 */
@Singleton
@Startup
@LocalBean
// Only the bean it follows directly (Payara 6 refuses a @DependsOn that names a bean reached
// through another one): the handoff follows the metadata exchange, which follows the committees,
// the identity and the peers.
@DependsOn("HandoffBean")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KeysignBean {

  @EJB private CommitteesBean committees;
  @EJB private NodeIdentityBean identity;
  @EJB private PeersBean peers;
  @EJB private StateVaultBean vault;
  @EJB private JpaKeysignRecords records;
  @Inject private PeerClient client;
  @Inject private MetricRegistry metrics;
  @Resource private ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "cachet.keysign.session-timeout-millis")
  long sessionTimeoutMillis;

  private volatile KeysignEngine engine;
  private KeysignMetrics keysignMetrics;
  private RetriedStart starter;
  private final SecureRandom random = new SecureRandom();

  @PostConstruct
  void start() {
    if (sessionTimeoutMillis < 100) {
      throw new IllegalArgumentException(
          "cachet.keysign.session-timeout-millis is at least 100, not " + sessionTimeoutMillis);
    }
    keysignMetrics = new KeysignMetrics(metrics, this::engine);
    starter = RetriedStart.schedule(scheduler, "starting the keysign", this::engine);
  }

  @PreDestroy
  void stop() {
    if (starter != null) {
      starter.close();
    }
  }

  private KeysignEngine engine() {
    KeysignEngine current = engine;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (engine == null) {
        IdentityKey self = identity.requireIdentityKey();
        KeysignEngine created =
            new KeysignEngine(
                new IdentitySigner(identity, self),
                new RecordKeysignStore(vault, records),
                new HttpKeysignTransport(
                    client, peers.calls(), peers.health(), committees.directory(), metrics),
                (task, delay) ->
                    scheduler.schedule(
                        new Repeating("a keysign chain's next step", task),
                        delay,
                        TimeUnit.MILLISECONDS),
                System::currentTimeMillis,
                () -> committees.directory().currentEpoch(),
                KeysignSettings.of(sessionTimeoutMillis),
                keysignMetrics,
                random);
        created.restore();
        engine = created;
        created.chainIds().forEach(keysignMetrics::chain);
      }
      return engine;
    }
  }

  // ---- admin

  /**
   * Deals a key for members of the current (or next) committee; this node keeps nothing.
   *
   * @throws InvalidKeysignException {@code INVALID_DEALING} for members outside both committees
   */
  public KeysignDealer.Dealing deal(String keyId, int threshold, List<IdentityKey> members) {
    long current = committees.directory().currentEpoch();
    Optional<Committee> now = committees.directory().find(current);
    Optional<Committee> next = committees.directory().find(current + 1);
    for (IdentityKey m : members) {
      boolean member =
          now.map(c -> c.contains(m)).orElse(false) || next.map(c -> c.contains(m)).orElse(false);
      if (!member) {
        throw new InvalidKeysignException(
            "INVALID_DEALING",
            m
                + " is not a member of the current or the next committee: its peers could not reach it");
      }
    }
    return KeysignDealer.deal(keyId, threshold, members, random);
  }

  public KeysignEngine.Imported importKey(KeysignKey key) {
    return engine().importKey(key);
  }

  public KeysignKey key(String keyId) {
    return engine().key(keyId);
  }

  public KeysignEngine.Bound bind(long chainId, String keyId, int batchSize) {
    KeysignEngine.Bound bound = engine().bind(chainId, keyId, batchSize);
    keysignMetrics.chain(chainId);
    return bound;
  }

  // ---- the chain observer

  public KeysignEngine.ChainView pending(long chainId, long low, long high) {
    return engine().pending(chainId, low, high);
  }

  public KeysignEngine.Offer offer(long chainId, long nonce, TxDigest digest) {
    return engine().offer(chainId, nonce, digest);
  }

  public KeysignEngine.Offer signature(long chainId, long nonce) {
    return engine().signature(chainId, nonce);
  }

  public KeysignEngine.ChainView view(long chainId) {
    return engine().view(chainId);
  }

  /** How many sessions this node released shares in on the chain (durable records). */
  public long releases(long chainId) {
    return records.releases(chainId);
  }

  // ---- peers

  public SignedMessage commit(SignedMessage request) {
    return engine().commit(request);
  }

  public SignedMessage sign(SignedMessage request) {
    return engine().sign(request);
  }

  public int deliver(SignedMessage signatures) {
    return engine().deliver(signatures);
  }
}
