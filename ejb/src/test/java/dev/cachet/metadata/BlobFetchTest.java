package dev.cachet.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Committee;
import dev.cachet.node.NodeIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a node fetches the blobs that the announcements it holds name. */
class BlobFetchTest {

  private static final long EPOCH = 3;
  private static final Duration EPOCH_LENGTH = Duration.ofSeconds(64);

  private final NodeIdentity a = TestNodes.identity(11);
  private final NodeIdentity b = TestNodes.identity(12);
  private final NodeIdentity liar = TestNodes.identity(13);
  private final TestNodes.FixedCommittees committees =
      new TestNodes.FixedCommittees(
          EPOCH, Map.of(EPOCH, Committee.of(EPOCH, List.of(member(a), member(b), member(liar)))));
  private final SimClock clock = new SimClock(1_700_000_000_000L);
  private final RecordingTransport transport = new RecordingTransport();
  private final HashCheckingBlobHolder blobs = new HashCheckingBlobHolder();
  private final MetadataExchange exchange =
      new MetadataExchange(
          committees,
          new TestNodes.IdentitySigner(a),
          transport,
          blobs,
          clock,
          ExchangeSettings.forEpochs(EPOCH_LENGTH, 1 << 20),
          MetadataObserver.NONE);

  private static dev.cachet.committee.Member member(NodeIdentity node) {
    return TestNodes.member(node.publicKeyHex().substring(0, 6), node.publicKey(), 1, 9000);
  }

  private static SignedAnnouncement signed(NodeIdentity by, BlobHash hash, long size, long at) {
    return SignedAnnouncement.sign(
        new Announcement(EPOCH, by.publicKey(), hash, size, at), new TestNodes.IdentitySigner(by));
  }

  /** Fetches already answered (the exchange also fetches when an announcement arrives). */
  private int answered;

  /**
   * Ticks at the cadence, every peer answering each fetch (those asked since the last answer,
   * whether at a tick or when an announcement arrived) at once with the true bytes.
   */
  private void tickWhilePeersServe(byte[] blob, int ticks) {
    for (int i = 0; i < ticks; i++) {
      clock.advanceTo(clock.elapsedMillis() + ExchangeSettings.cadence(EPOCH_LENGTH).toMillis());
      exchange.tick();
      int from = answered;
      answered = transport.fetches.size();
      for (RecordingTransport.Fetch f :
          new ArrayList<>(transport.fetches.subList(from, transport.fetches.size()))) {
        f.done()
            .accept(
                f.hash().equals(BlobHash.of(blob)) ? Optional.of(blob.clone()) : Optional.empty());
      }
    }
  }

  @Test
  void anAnnouncementOfAnotherBlobsHashWithTheWrongSizeDoesNotKeepThatBlobFromBeingFetched() {
    byte[] blob = "the metadata of b, which every peer serves".getBytes();
    BlobHash hash = BlobHash.of(blob);
    // A lying member announces b's hash with a size it cannot have, before b's announcement
    // arrives.
    exchange.receive(signed(liar, hash, blob.length + 1, 1_000), Optional.empty());
    exchange.receive(signed(b, hash, blob.length, 2_000), Optional.empty());

    tickWhilePeersServe(blob, 4);

    assertThat(blobs.get(hash)).hasValue(blob);
    assertThat(exchange.holdings(EPOCH))
        .filteredOn(h -> h.announcement().announcement().announcer().equals(b.publicKey()))
        .singleElement()
        .satisfies(h -> assertThat(h.held()).isTrue());
  }
}
