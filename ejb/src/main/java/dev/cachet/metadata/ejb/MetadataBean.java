package dev.cachet.metadata.ejb;

import dev.cachet.blob.BlobBodyReader;
import dev.cachet.blob.BlobHash;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.ejb.CommitteesBean;
import dev.cachet.error.RetryLaterException;
import dev.cachet.metadata.BlobHolder;
import dev.cachet.metadata.ExchangeSettings;
import dev.cachet.metadata.MetadataExchange;
import dev.cachet.metadata.SignedAnnouncement;
import dev.cachet.metadata.wire.AnnouncementAnswer;
import dev.cachet.metadata.wire.AnnouncementMessage;
import dev.cachet.metadata.wire.MetadataListing;
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
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hosts the node's {@link MetadataExchange}: publishes this node's metadata, takes peers'
 * announcements, and ticks the exchange (pushes, fetches, pulls) on the managed scheduler at a
 * cadence of about 1% of an epoch, within 200 ms and 2 s. The exchange needs the node's identity,
 * so until the identity is loaded it does not exist and the API answers 503 {@code
 * STATE_KEY_UNAVAILABLE}. The exchange locks itself, so every method takes the READ lock.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"CommitteesBean", "NodeIdentityBean", "BlobStoreBean", "PeersBean"})
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MetadataBean {

  private static final Logger LOG = Logger.getLogger(MetadataBean.class.getName());

  @EJB private CommitteesBean committees;
  @EJB private NodeIdentityBean identity;
  @EJB private dev.cachet.blob.ejb.BlobStoreBean blobs;
  @EJB private PeersBean peers;
  @Inject private PeerClient client;
  @Inject private MetricRegistry metrics;
  @Resource private ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "cachet.blob.max-size")
  long maxBlobSize;

  private volatile MetadataExchange exchange;
  private ScheduledFuture<?> ticker;
  private MetadataMetrics metadataMetrics;

  @PostConstruct
  void start() {
    metadataMetrics = new MetadataMetrics(metrics);
    Duration cadence = ExchangeSettings.cadence(committees.epochs().duration());
    ticker =
        scheduler.scheduleWithFixedDelay(
            new Repeating("the metadata exchange's tick", this::tick),
            0,
            cadence.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (ticker != null) {
      ticker.cancel(false);
    }
  }

  /** The exchange, created once the node's identity is loaded. */
  private MetadataExchange exchange() {
    MetadataExchange current = exchange;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (exchange == null) {
        Optional<IdentityKey> self = Optional.of(identity.requireIdentityKey());
        CommitteeDirectory directory = committees.directory();
        exchange =
            new MetadataExchange(
                directory,
                new IdentitySigner(identity, self.get()),
                new HttpMetadataTransport(client, peers.calls(), self.get()),
                new StoreHolder(blobs),
                Clock.systemUTC(),
                ExchangeSettings.forEpochs(committees.epochs().duration(), maxBlobSize),
                metadataMetrics);
        metadataMetrics.register(exchange, directory::currentEpoch);
      }
      return exchange;
    }
  }

  /**
   * Stores this node's metadata blob for {@code epoch} (at most {@code cachet.blob.max-size}) and
   * announces it.
   */
  public AnnouncementMessage publish(long epoch, InputStream body, OptionalLong declaredLength) {
    MetadataExchange running = exchange();
    byte[] blob = new BlobBodyReader(maxBlobSize).read(body, declaredLength);
    return AnnouncementMessage.of(running.publish(epoch, blob), Optional.empty());
  }

  /** Takes a peer's announcement; nothing is stored unless it verifies. */
  public AnnouncementAnswer receive(AnnouncementMessage message) {
    SignedAnnouncement announcement = message.toSigned();
    MetadataExchange.Received received = exchange().receive(announcement, message.relayer());
    return new AnnouncementAnswer(received == MetadataExchange.Received.SUPERSEDED);
  }

  /** The announcements held for {@code epoch}, for the handoff. */
  public List<MetadataExchange.Holding> holdings(long epoch) {
    return exchange().holdings(epoch);
  }

  /** Every announcement held for {@code epoch}, and whether this node holds each blob. */
  public MetadataListing listing(long epoch) {
    List<MetadataListing.Entry> entries = new ArrayList<>();
    for (MetadataExchange.Holding holding : exchange().holdings(epoch)) {
      entries.add(
          MetadataListing.Entry.of(
              AnnouncementMessage.of(holding.announcement(), Optional.empty()), holding.held()));
    }
    return new MetadataListing(epoch, entries);
  }

  void tick() {
    try {
      exchange().tick();
    } catch (RetryLaterException notYet) {
      // no identity yet: nothing to exchange
    }
  }

  /** The blob store as the exchange sees it: write-through, so this node serves what it fetched. */
  private record StoreHolder(dev.cachet.blob.ejb.BlobStoreBean blobs) implements BlobHolder {
    @Override
    public boolean holds(BlobHash hash) {
      return blobs.contains(hash);
    }

    @Override
    public void store(BlobHash hash, byte[] content) {
      blobs.putHashed(hash, content); // the exchange hashed it: once is enough
    }
  }
}
