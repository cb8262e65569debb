package dev.cachet.metadata.ejb;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Member;
import dev.cachet.metadata.MetadataTransport;
import dev.cachet.metadata.SignedAnnouncement;
import dev.cachet.metadata.wire.AnnouncementAnswer;
import dev.cachet.metadata.wire.AnnouncementMessage;
import dev.cachet.metadata.wire.MetadataListing;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.PeerHealth;
import dev.cachet.peer.ejb.PeerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The metadata exchange's peer calls over HTTP: each runs as a task on the peer executor, through
 * the peer client (timeouts, retries), behind the peer's own circuit ({@link PeerHealth}), and
 * reports to its {@code done} there. A call the circuit refuses fails at once.
 */
final class HttpMetadataTransport implements MetadataTransport {

  private static final Logger LOG = Logger.getLogger(HttpMetadataTransport.class.getName());

  static final String ANNOUNCEMENTS = "api/v1/peer/metadata/announcements";

  private final PeerClient client;
  private final ExecutorService executor;
  private final PeerHealth health;
  private final IdentityKey self;
  private final PeerCallMetrics metrics;

  HttpMetadataTransport(
      PeerClient client,
      ExecutorService executor,
      PeerHealth health,
      IdentityKey self,
      PeerCallMetrics metrics) {
    this.client = client;
    this.executor = executor;
    this.health = health;
    this.self = self;
    this.metrics = metrics;
  }

  @Override
  public void push(Member to, SignedAnnouncement announcement, Consumer<Boolean> done) {
    AnnouncementMessage message = AnnouncementMessage.of(announcement, Optional.of(self));
    call(
        to,
        "push",
        () -> client.postJson(to.url(), ANNOUNCEMENTS, message, AnnouncementAnswer.class) != null,
        done,
        false);
  }

  @Override
  public void fetch(Member from, BlobHash hash, long size, Consumer<Optional<byte[]>> done) {
    call(
        from,
        "fetch",
        () -> client.getBytes(from.url(), "api/v1/blobs/" + hash.hex(), size),
        done,
        Optional.empty());
  }

  @Override
  public void listing(Member from, long epoch, Consumer<Optional<List<Listed>>> done) {
    call(
        from,
        "listing",
        () -> {
          MetadataListing listing =
              client.getJson(from.url(), "api/v1/metadata/" + epoch, MetadataListing.class);
          List<Listed> entries = new ArrayList<>();
          if (listing != null && listing.announcements() != null) {
            for (MetadataListing.Entry entry : listing.announcements()) {
              try {
                entries.add(new Listed(entry.message().toSigned(), entry.held()));
              } catch (RuntimeException malformed) {
                // the exchange verifies what is well-formed; a malformed entry is the peer's fault
                metrics.malformed(from.identityKey());
              }
            }
          }
          return Optional.of(entries);
        },
        done,
        Optional.empty());
  }

  private <T> void call(Member peer, String what, Supplier<T> request, Consumer<T> done, T failed) {
    IdentityKey key = peer.identityKey();
    Runnable task =
        new PeerCall<>(
            () -> {
              if (!health.allow(key)) {
                return failed;
              }
              long started = System.nanoTime();
              try {
                T answer = request.get();
                health.succeeded(key);
                metrics.call(key, true, System.nanoTime() - started);
                return answer;
              } catch (RuntimeException e) {
                health.failed(key, what + ": " + e.getMessage());
                metrics.call(key, false, System.nanoTime() - started);
                LOG.log(Level.FINE, what + " to " + peer.url() + " failed", e);
                return failed;
              }
            },
            done);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) { // the node is stopping
      LOG.fine("peer call not run, the executor refused it: " + e);
    }
  }

  /** One peer call as a named task: runs the request, then hands its outcome to {@code done}. */
  static final class PeerCall<T> implements Runnable {
    private final Supplier<T> request;
    private final Consumer<T> done;

    PeerCall(Supplier<T> request, Consumer<T> done) {
      this.request = request;
      this.done = done;
    }

    @Override
    public void run() {
      T outcome = request.get();
      try {
        done.accept(outcome);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handling a peer call's outcome failed", e);
      }
    }
  }
}
