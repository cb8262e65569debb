package dev.cachet.handoff.ejb;

import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.ejb.CommitteesBean;
import dev.cachet.error.RetryLaterException;
import dev.cachet.handoff.Attestation;
import dev.cachet.handoff.CertificateCheck;
import dev.cachet.handoff.FreezeCertificate;
import dev.cachet.handoff.HandoffCertificate;
import dev.cachet.handoff.HandoffEngine;
import dev.cachet.handoff.HandoffInputs;
import dev.cachet.handoff.HandoffSettings;
import dev.cachet.handoff.HandoffStatement;
import dev.cachet.handoff.Hash32;
import dev.cachet.handoff.Items;
import dev.cachet.handoff.ReadySignal;
import dev.cachet.metadata.ExchangeSettings;
import dev.cachet.metadata.MetadataExchange;
import dev.cachet.metadata.ejb.MetadataBean;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.ejb.NodeIdentityBean;
import dev.cachet.peer.ejb.IdentitySigner;
import dev.cachet.peer.ejb.PeerClient;
import dev.cachet.peer.ejb.PeersBean;
import dev.cachet.tasks.Repeating;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hosts the node's {@link HandoffEngine}: its inputs are the metadata exchange's announcements, its
 * store the node's database, its peers reached through {@link PeersBean}. Created once the node's
 * identity is loaded; rebuilt from the store at that point (a restart re-sends the same signals and
 * rebuilds its aggregator), then ticked at the metadata exchange's cadence. The engine locks
 * itself, so every method takes the READ lock.
 */
@Singleton
@Startup
@LocalBean
// Only the bean it follows directly: Payara 6 takes a @DependsOn that also names a bean reached
// through another one (here the committees, the identity, the peers, via MetadataBean) for a
// dependency cycle, and fails the deployment.
@DependsOn("MetadataBean")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HandoffBean {

  private static final Logger LOG = Logger.getLogger(HandoffBean.class.getName());

  @EJB private CommitteesBean committees;
  @EJB private NodeIdentityBean identity;
  @EJB private MetadataBean metadata;
  @EJB private PeersBean peers;
  @EJB private JpaHandoffRecords records;
  @Inject private PeerClient client;
  @Inject private BarrierStatus barrierStatus;
  @Inject private MetricRegistry metrics;
  @Resource private ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "cachet.handoff.close-fraction")
  double closeFraction;

  @Inject
  @ConfigProperty(name = "cachet.handoff.grace-fraction")
  double graceFraction;

  @Inject
  @ConfigProperty(name = "cachet.handoff.backstop-fraction")
  double backstopFraction;

  private volatile HandoffEngine engine;
  private HandoffSettings settings;
  private HandoffMetrics handoffMetrics;
  private ScheduledFuture<?> ticker;

  @PostConstruct
  void start() {
    Duration cadence = ExchangeSettings.cadence(committees.epochs().duration());
    settings =
        new HandoffSettings(
            closeFraction, graceFraction, backstopFraction, cadence.multipliedBy(3));
    handoffMetrics = new HandoffMetrics(metrics);
    ticker =
        scheduler.scheduleWithFixedDelay(
            new Repeating("the handoff's tick", this::tick),
            cadence.toMillis(),
            cadence.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (ticker != null) {
      ticker.cancel(false);
    }
  }

  private HandoffEngine engine() {
    HandoffEngine current = engine;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (engine == null) {
        Optional<IdentityKey> self = Optional.of(identity.requireIdentityKey());
        CommitteeDirectory directory = committees.directory();
        HandoffEngine created =
            new HandoffEngine(
                directory,
                committees.epochs(),
                new IdentitySigner(identity, self.get()),
                new HttpHandoffTransport(client, peers.calls()),
                new RecordHandoffStore(records, self::get),
                new MetadataInputs(metadata),
                Clock.systemUTC(),
                settings,
                handoffMetrics);
        created.restore();
        handoffMetrics.register(created, directory::currentEpoch);
        engine = created;
      }
      return engine;
    }
  }

  void tick() {
    try {
      HandoffEngine running = engine();
      running.tick();
      long current = committees.directory().currentEpoch();
      barrierStatus.update(
          running.barrier(current), running.barrier(current + 1), committees.epochs());
    } catch (RetryLaterException notYet) {
      // no identity yet
    }
  }

  public HandoffEngine.Received ready(ReadySignal signal, Items snapshot) {
    return engine().receiveReady(signal, snapshot);
  }

  public HandoffEngine.Received freeze(FreezeCertificate freeze) {
    return engine().receiveFreeze(freeze);
  }

  public HandoffEngine.Received attestation(HandoffStatement statement, Attestation attestation) {
    return engine().receiveAttestation(statement, attestation);
  }

  public HandoffEngine.View view(long epoch) {
    return engine().view(epoch);
  }

  /**
   * @throws dev.cachet.error.UnknownResourceException {@code CERTIFICATE_NOT_FOUND} if none
   */
  public HandoffCertificate certificate(long epoch) {
    return engine()
        .certificate(epoch)
        .orElseThrow(
            () ->
                new dev.cachet.error.UnknownResourceException(
                    "CERTIFICATE_NOT_FOUND",
                    "this node holds no handoff certificate of epoch " + epoch));
  }

  /**
   * @throws dev.cachet.error.UnknownResourceException {@code CERTIFICATE_NOT_FOUND} if none
   */
  public HandoffCertificate latestCertificate() {
    return engine()
        .latestCertificate()
        .orElseThrow(
            () ->
                new dev.cachet.error.UnknownResourceException(
                    "CERTIFICATE_NOT_FOUND", "this node holds no handoff certificate yet"));
  }

  /** Checks a certificate an operator holds against the committees they give. */
  public CertificateCheck.Verdict verify(
      HandoffCertificate certificate,
      dev.cachet.committee.Committee committee,
      dev.cachet.committee.Committee next) {
    return CertificateCheck.verify(certificate, committee, next);
  }

  /** The metadata exchange's announcements, as the handoff takes them. */
  private record MetadataInputs(MetadataBean metadata) implements HandoffInputs {
    @Override
    public List<Input> announcements(long epoch) {
      List<Input> inputs = new ArrayList<>();
      for (MetadataExchange.Holding h : metadata.holdings(epoch)) {
        var a = h.announcement().announcement();
        inputs.add(
            new Input(
                a.announcer(), Hash32.of(a.blobHash().bytes()), a.timestampMillis(), h.held()));
      }
      return inputs;
    }
  }
}
