package dev.cachet.metadata.ejb;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Member;
import dev.cachet.metadata.MetadataTransport;
import dev.cachet.metadata.SignedAnnouncement;
import dev.cachet.metadata.wire.AnnouncementAnswer;
import dev.cachet.metadata.wire.AnnouncementMessage;
import dev.cachet.metadata.wire.MetadataListing;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.ejb.PeerCalls;
import dev.cachet.peer.ejb.PeerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The metadata exchange's peer calls over HTTP, through the peer client (timeouts, retries), each
 * run by {@link PeerCalls} (the peer executor, the peer's own circuit, the peer metrics).
 */
final class HttpMetadataTransport implements MetadataTransport {

  private static final Logger LOG = Logger.getLogger(HttpMetadataTransport.class.getName());

  static final String ANNOUNCEMENTS = "api/v1/peer/metadata/announcements";

  private final PeerClient client;
  private final PeerCalls calls;
  private final IdentityKey self;

  HttpMetadataTransport(PeerClient client, PeerCalls calls, IdentityKey self) {
    this.client = client;
    this.calls = calls;
    this.self = self;
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
    calls.call(
        PeerCalls.Lane.FETCH,
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
                calls.metrics().malformed(from.identityKey());
              }
            }
          }
          return Optional.of(entries);
        },
        done,
        Optional.empty());
  }

  private <T> void call(Member peer, String what, Supplier<T> request, Consumer<T> done, T failed) {
    calls.call(peer, what, request, done, failed);
  }
}
