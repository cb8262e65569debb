package dev.cachet.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Committee;
import dev.cachet.error.CachetException;
import dev.cachet.error.ConflictException;
import dev.cachet.error.ForbiddenException;
import dev.cachet.node.NodeIdentity;
import dev.cachet.peer.EpochAheadException;
import dev.cachet.peer.EpochStaleException;
import dev.cachet.peer.InvalidSignatureException;
import dev.cachet.peer.NotAMemberException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One node's exchange taking and publishing announcements, against a transport that only records.
 */
class MetadataExchangeTest {

  private static final long EPOCH = 10;
  private static final long MAX_BLOB = 1024;
  private static final long NOW = 1_700_000_000_000L;

  // A is the node under test; B and C are members of 9, 10 and 11; J joins in 11; O left after 9.
  private final NodeIdentity a = TestNodes.identity(1);
  private final NodeIdentity b = TestNodes.identity(2);
  private final NodeIdentity c = TestNodes.identity(3);
  private final NodeIdentity j = TestNodes.identity(4);
  private final NodeIdentity o = TestNodes.identity(5);
  private final NodeIdentity outsider = TestNodes.identity(6);

  private final TestNodes.FixedCommittees committees =
      new TestNodes.FixedCommittees(
          EPOCH,
          Map.of(
              8L, committee(8, a, b, c),
              9L, committee(9, a, b, c, o),
              10L, committee(10, a, b, c),
              11L, committee(11, a, b, c, j),
              12L, committee(12, a, b, c)));

  private final RecordingTransport transport = new RecordingTransport();
  private final HashCheckingBlobHolder blobs = new HashCheckingBlobHolder();
  private final MetadataExchange exchange = exchangeOf(a, blobs, transport, NOW);

  private static Committee committee(long epoch, NodeIdentity... members) {
    return Committee.of(
        epoch,
        java.util.Arrays.stream(members)
            .map(m -> TestNodes.member(m.publicKeyHex().substring(0, 8), m.publicKey(), 1, 9000))
            .toList());
  }

  private MetadataExchange exchangeOf(
      NodeIdentity node, BlobHolder holder, MetadataTransport via, long nowMillis) {
    return new MetadataExchange(
        committees,
        new TestNodes.IdentitySigner(node),
        via,
        holder,
        Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC),
        ExchangeSettings.forEpochs(Duration.ofSeconds(64), MAX_BLOB),
        MetadataObserver.NONE);
  }

  private static SignedAnnouncement signed(
      NodeIdentity by, long epoch, String blob, long size, long timestamp) {
    Announcement announcement =
        new Announcement(epoch, by.publicKey(), BlobHash.of(blob.getBytes()), size, timestamp);
    return SignedAnnouncement.sign(announcement, new TestNodes.IdentitySigner(by));
  }

  private static SignedAnnouncement signed(NodeIdentity by, long epoch, long timestamp) {
    return signed(by, epoch, "blob of " + by.publicKeyHex() + " at " + timestamp, 40, timestamp);
  }

  private List<SignedAnnouncement> held(long epoch) {
    return exchange.holdings(epoch).stream().map(MetadataExchange.Holding::announcement).toList();
  }

  /** Refused with {@code code}, and nothing held or sent changed. */
  private void assertRefused(SignedAnnouncement announcement, Class<?> type, String code) {
    long epoch = announcement.announcement().epoch();
    List<SignedAnnouncement> before = held(epoch);
    var epochsBefore = exchange.epochs();
    int pushesBefore = transport.pushes.size();

    assertThatThrownBy(() -> exchange.receive(announcement, Optional.of(b.publicKey())))
        .isInstanceOf(type)
        .satisfies(e -> assertThat(((CachetException) e).code()).isEqualTo(code));

    assertThat(exchange.announcements(epoch)).isEqualTo(before.size());
    assertThat(held(epoch)).isEqualTo(before);
    assertThat(exchange.epochs()).isEqualTo(epochsBefore);
    assertThat(transport.pushes).hasSize(pushesBefore);
  }

  @Test
  void takesAMembersAnnouncementAndRelaysItToTheMembersItDidNotComeFrom() {
    SignedAnnouncement fromB = signed(b, EPOCH, NOW - 5);

    assertThat(exchange.receive(fromB, Optional.of(b.publicKey())))
        .isEqualTo(MetadataExchange.Received.NEW);

    assertThat(held(EPOCH)).containsExactly(fromB);
    assertThat(exchange.holdings(EPOCH).get(0).held()).isFalse();
    assertThat(exchange.blobsMissing()).isEqualTo(1);
    assertThat(transport.pushedTo()).containsExactlyInAnyOrder(c.publicKey(), j.publicKey());
  }

  @Test
  void refusesAnAnnouncerInNeitherCommittee() {
    assertRefused(signed(outsider, EPOCH, NOW), NotAMemberException.class, "NOT_A_MEMBER");
    assertRefused(signed(o, EPOCH, NOW), NotAMemberException.class, "NOT_A_MEMBER"); // left
    assertThat(new NotAMemberException(o.publicKey(), "x")).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void refusesASignatureThatIsNotTheAnnouncers() {
    SignedAnnouncement fromB = signed(b, EPOCH, NOW);
    byte[] flipped = fromB.signature();
    flipped[10] ^= 0x04;
    SignedAnnouncement claimingB =
        new SignedAnnouncement(
            fromB.announcement(),
            SignedAnnouncement.sign(
                    new Announcement(
                        EPOCH,
                        c.publicKey(),
                        fromB.announcement().blobHash(),
                        fromB.announcement().size(),
                        NOW),
                    new TestNodes.IdentitySigner(c))
                .signature());

    assertRefused(
        new SignedAnnouncement(fromB.announcement(), flipped),
        InvalidSignatureException.class,
        "INVALID_SIGNATURE");
    assertRefused(claimingB, InvalidSignatureException.class, "INVALID_SIGNATURE");
    assertRefused(
        new SignedAnnouncement(fromB.announcement(), new byte[0]),
        InvalidSignatureException.class,
        "INVALID_SIGNATURE");
  }

  @Test
  void refusesAForgedNewerAnnouncementAndKeepsTheOneHeld() {
    SignedAnnouncement genuine = signed(b, EPOCH, NOW - 100);
    exchange.receive(genuine, Optional.empty());
    SignedAnnouncement newer = signed(b, EPOCH, NOW);
    byte[] bad = newer.signature();
    bad[0] ^= 1;

    assertRefused(
        new SignedAnnouncement(newer.announcement(), bad),
        InvalidSignatureException.class,
        "INVALID_SIGNATURE");
    assertThat(held(EPOCH)).containsExactly(genuine);
  }

  @Test
  void refusesEpochsOutsideThePreviousToTheNext() {
    assertRefused(signed(b, EPOCH - 2, NOW), EpochStaleException.class, "EPOCH_STALE");
    assertRefused(signed(b, EPOCH + 2, NOW), EpochAheadException.class, "EPOCH_AHEAD");

    assertThat(exchange.receive(signed(b, EPOCH - 1, NOW), Optional.empty()))
        .isEqualTo(MetadataExchange.Received.NEW);
    assertThat(exchange.receive(signed(b, EPOCH + 1, NOW), Optional.empty()))
        .isEqualTo(MetadataExchange.Received.NEW);
  }

  @Test
  void refusesATimestampThatIsNotPositive() {
    assertRefused(signed(b, EPOCH, 0), InvalidAnnouncementException.class, "INVALID_ANNOUNCEMENT");
    assertRefused(signed(b, EPOCH, -1), InvalidAnnouncementException.class, "INVALID_ANNOUNCEMENT");
  }

  @Test
  void refusesASizeBeyondTheLimitOrNegative() {
    assertRefused(
        signed(b, EPOCH, "big", MAX_BLOB + 1, NOW),
        InvalidAnnouncementException.class,
        "INVALID_ANNOUNCEMENT");
    assertRefused(
        signed(b, EPOCH, "negative", -1, NOW),
        InvalidAnnouncementException.class,
        "INVALID_ANNOUNCEMENT");

    assertThat(exchange.receive(signed(b, EPOCH, "largest", MAX_BLOB, NOW), Optional.empty()))
        .isEqualTo(MetadataExchange.Received.NEW);
  }

  @Test
  void keepsTheLatestByTimestampOnly() {
    SignedAnnouncement first = signed(b, EPOCH, "first", 5, 1_000);
    SignedAnnouncement sameTime = signed(b, EPOCH, "same time", 9, 1_000);
    SignedAnnouncement older = signed(b, EPOCH, "older", 5, 999);
    SignedAnnouncement newer = signed(b, EPOCH, "newer", 5, 1_001);

    assertThat(exchange.receive(first, Optional.empty())).isEqualTo(MetadataExchange.Received.NEW);
    int relayed = transport.pushes.size();
    assertThat(exchange.receive(sameTime, Optional.empty()))
        .isEqualTo(MetadataExchange.Received.SUPERSEDED);
    assertThat(exchange.receive(older, Optional.empty()))
        .isEqualTo(MetadataExchange.Received.SUPERSEDED);
    assertThat(exchange.receive(first, Optional.of(c.publicKey())))
        .isEqualTo(MetadataExchange.Received.SUPERSEDED);
    assertThat(held(EPOCH)).containsExactly(first);
    assertThat(transport.pushes).hasSize(relayed);

    assertThat(exchange.receive(newer, Optional.empty())).isEqualTo(MetadataExchange.Received.NEW);
    assertThat(held(EPOCH)).containsExactly(newer);
    assertThat(exchange.announcements(EPOCH)).isEqualTo(1);
    assertThat(exchange.receive(first, Optional.empty()))
        .isEqualTo(MetadataExchange.Received.SUPERSEDED);
    assertThat(held(EPOCH)).containsExactly(newer);
  }

  @Test
  void takesAJoinersAnnouncementForTheEpochBeforeItsFirst() {
    SignedAnnouncement fromJoiner = signed(j, EPOCH, NOW);

    assertThat(exchange.receive(fromJoiner, Optional.of(j.publicKey())))
        .isEqualTo(MetadataExchange.Received.NEW);
    assertThat(held(EPOCH)).containsExactly(fromJoiner);
    assertThat(transport.pushedTo()).containsExactlyInAnyOrder(b.publicKey(), c.publicKey());
  }

  @Test
  void aJoinerPublishesForTheEpochBeforeItsFirst() {
    RecordingTransport joinerSent = new RecordingTransport();
    MetadataExchange joiner = exchangeOf(j, new HashCheckingBlobHolder(), joinerSent, NOW);

    SignedAnnouncement published = joiner.publish(EPOCH, "joiner".getBytes());

    assertThat(published.verifies()).isTrue();
    assertThat(joinerSent.pushedTo())
        .containsExactlyInAnyOrder(a.publicKey(), b.publicKey(), c.publicKey());
  }

  @Test
  void publishesToEveryOtherMemberOfBothCommitteesAndHoldsItsOwnBlob() {
    byte[] blob = "metadata of a".getBytes();

    SignedAnnouncement published = exchange.publish(EPOCH, blob);

    Announcement announced = published.announcement();
    assertThat(announced.announcer()).isEqualTo(a.publicKey());
    assertThat(announced.blobHash()).isEqualTo(BlobHash.of(blob));
    assertThat(announced.size()).isEqualTo(blob.length);
    assertThat(announced.timestampMillis()).isEqualTo(NOW);
    assertThat(published.verifies()).isTrue();
    assertThat(blobs.get(BlobHash.of(blob))).hasValue(blob);
    assertThat(exchange.holdings(EPOCH))
        .containsExactly(new MetadataExchange.Holding(published, true));
    assertThat(transport.pushedTo())
        .containsExactlyInAnyOrder(b.publicKey(), c.publicKey(), j.publicKey());
  }

  @Test
  void pushesOnceToEachOtherServerAndNeverToItsOwn() {
    java.net.URI shared = java.net.URI.create("http://shared.test:9000");
    java.net.URI mine = java.net.URI.create("http://mine.test:9000");
    Committee servers =
        Committee.of(
            EPOCH,
            List.of(
                new dev.cachet.committee.Member("a", a.publicKey(), 1, mine),
                new dev.cachet.committee.Member("o", o.publicKey(), 1, mine),
                new dev.cachet.committee.Member("b", b.publicKey(), 1, shared),
                new dev.cachet.committee.Member("c", c.publicKey(), 1, shared),
                TestNodes.member("j", j.publicKey(), 1, 9000)));
    RecordingTransport sent = new RecordingTransport();
    MetadataExchange onServers =
        new MetadataExchange(
            new TestNodes.FixedCommittees(EPOCH, Map.of(EPOCH, servers)),
            new TestNodes.IdentitySigner(a),
            sent,
            new HashCheckingBlobHolder(),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
            ExchangeSettings.forEpochs(Duration.ofSeconds(64), MAX_BLOB),
            MetadataObserver.NONE);

    onServers.publish(EPOCH, "metadata of a".getBytes());

    assertThat(sent.pushedTo()).hasSize(2).contains(j.publicKey()).doesNotContain(o.publicKey());
    assertThat(sent.pushedTo()).containsAnyOf(b.publicKey(), c.publicKey());
  }

  @Test
  void republishingSignsALaterTimestampEvenOnAStoppedClock() {
    SignedAnnouncement first = exchange.publish(EPOCH, "one".getBytes());
    SignedAnnouncement second = exchange.publish(EPOCH, "two".getBytes());

    assertThat(second.announcement().timestampMillis())
        .isGreaterThan(first.announcement().timestampMillis());
    assertThat(held(EPOCH)).containsExactly(second);
  }

  @Test
  void refusesToPublishForAnEpochItIsInNeitherCommitteeOf() {
    RecordingTransport leaverSent = new RecordingTransport();
    HashCheckingBlobHolder leaverBlobs = new HashCheckingBlobHolder();
    MetadataExchange leaver = exchangeOf(o, leaverBlobs, leaverSent, NOW);

    assertThatThrownBy(() -> leaver.publish(EPOCH, "late".getBytes()))
        .isInstanceOf(NotACommitteeMemberException.class)
        .isInstanceOf(ConflictException.class) // 409: this node's state, not a peer's fault
        .satisfies(e -> assertThat(((CachetException) e).code()).isEqualTo("NOT_A_MEMBER"));

    assertThat(leaver.announcements(EPOCH)).isZero();
    assertThat(leaverBlobs.size()).isZero();
    assertThat(leaverSent.pushes).isEmpty();
  }

  @Test
  void refusesToPublishABlobBeyondTheLimit() {
    assertThatThrownBy(() -> exchange.publish(EPOCH, new byte[(int) MAX_BLOB + 1]))
        .isInstanceOf(InvalidAnnouncementException.class);
    assertThat(exchange.announcements(EPOCH)).isZero();
    assertThat(blobs.size()).isZero();
  }

  @Test
  void aRestartedNodeTakesItsOwnAnnouncementBackAndSignsLaterThanIt() {
    SignedAnnouncement before = exchange.publish(EPOCH, "before the restart".getBytes());
    RecordingTransport restartedSent = new RecordingTransport();
    // The same identity and blobs, an empty memory, and a clock that reads earlier than before.
    MetadataExchange restarted = exchangeOf(a, blobs, restartedSent, NOW - 60_000);

    assertThat(restarted.receive(before, Optional.of(b.publicKey())))
        .isEqualTo(MetadataExchange.Received.NEW);
    assertThat(restartedSent.pushes).isEmpty(); // not relayed: every member had it from the first
    SignedAnnouncement after = restarted.publish(EPOCH, "after the restart".getBytes());

    assertThat(after.announcement().timestampMillis())
        .isGreaterThan(before.announcement().timestampMillis());
  }
}
