package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import dev.cachet.error.CachetException;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A lying member of the committee. It keeps its identity key (it cannot sign as anyone else) but
 * says what it likes with it: wrong bytes for every blob, forged or malformed announcements, or
 * silence while claiming to take every push.
 */
final class SimLiar implements SimNetwork.Peer {

  enum Lie {
    /** Runs the protocol, claims to hold every blob, and serves wrong bytes for each. */
    WRONG_BYTES,
    /** Runs the protocol and serves blobs, but keeps pushing and listing forged announcements. */
    FORGES,
    /**
     * Runs the protocol and serves blobs, but announces, validly signed as its own, the hash of an
     * honest member's newest blob with a size that blob does not have.
     */
    MISSIZES,
    /** Acknowledges every push, never relays, lists nothing and serves no blob. */
    SILENT
  }

  final int index;
  final String name;
  final Lie lie;
  final NodeIdentity identity;
  final IdentityKey key;
  private final NodeIdentity outsider;
  private final List<IdentityKey> victims;
  private final long epoch;
  private final long maxBlobSize;
  private final Clock clock;
  private final SplittableRandom random;
  private final HashCheckingBlobHolder blobs = new HashCheckingBlobHolder();
  private final List<SignedAnnouncement> seen = new ArrayList<>();
  private MetadataExchange exchange;
  private BlobHash missized;

  SimLiar(
      int index,
      Lie lie,
      NodeIdentity identity,
      NodeIdentity outsider,
      List<IdentityKey> victims,
      long epoch,
      long maxBlobSize,
      Clock clock,
      SplittableRandom random) {
    this.index = index;
    this.name = "L" + index;
    this.lie = lie;
    this.identity = identity;
    this.key = identity.publicKey();
    this.outsider = outsider;
    this.victims = List.copyOf(victims);
    this.epoch = epoch;
    this.maxBlobSize = maxBlobSize;
    this.clock = clock;
    this.random = random;
  }

  HashCheckingBlobHolder blobs() {
    return blobs;
  }

  /** Whether it runs an exchange of its own (to learn announcements and blobs to lie about). */
  boolean runsTheProtocol() {
    return lie != Lie.SILENT;
  }

  void start(MetadataExchange exchange) {
    this.exchange = exchange;
  }

  Optional<MetadataExchange> exchange() {
    return Optional.ofNullable(exchange);
  }

  @Override
  public boolean up() {
    return true;
  }

  @Override
  public boolean takePush(IdentityKey from, SignedAnnouncement announcement) {
    if (lie == Lie.SILENT) {
      return true; // a lie: it keeps nothing
    }
    try {
      if (exchange.receive(announcement, Optional.of(from)) == MetadataExchange.Received.NEW) {
        seen.add(announcement);
      }
      return true;
    } catch (CachetException e) {
      return false;
    }
  }

  @Override
  public Optional<byte[]> serveBlob(BlobHash hash, long size) {
    return switch (lie) {
      case SILENT -> Optional.empty();
      case FORGES, MISSIZES -> blobs.get(hash);
      case WRONG_BYTES -> Optional.of(wrongBytes(hash, size));
    };
  }

  @Override
  public Optional<List<MetadataTransport.Listed>> serveListing(long listed) {
    if (lie == Lie.SILENT) {
      return Optional.of(List.of());
    }
    List<MetadataTransport.Listed> entries = new ArrayList<>();
    for (MetadataExchange.Holding h : exchange.holdings(listed)) {
      entries.add(
          new MetadataTransport.Listed(h.announcement(), h.held() || lie == Lie.WRONG_BYTES));
    }
    if (lie == Lie.FORGES) {
      for (int i = random.nextInt(3); i > 0; i--) {
        entries.add(
            random.nextInt(entries.size() + 1), new MetadataTransport.Listed(forge(), true));
      }
    }
    return Optional.of(entries);
  }

  private byte[] wrongBytes(BlobHash hash, long size) {
    int length = (int) size;
    Optional<byte[]> real = blobs.get(hash);
    switch (random.nextInt(4)) {
      case 0:
        if (real.isPresent() && real.get().length > 0) {
          byte[] bytes = real.get();
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
          return bytes;
        }
        return randomBytes(length);
      case 1:
        return randomBytes(length + 1 + random.nextInt(16)); // the caller reads only `size`
      case 2:
        return randomBytes(Math.max(0, length - 1 - random.nextInt(16)));
      default:
        return randomBytes(length);
    }
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i += 8) {
      long word = random.nextLong();
      for (int j = 0; j < 8 && i + j < length; j++) {
        bytes[i + j] = (byte) (word >>> (8 * j));
      }
    }
    return bytes;
  }

  private SignedAnnouncement own(long ofEpoch, BlobHash hash, long size, long timestamp) {
    Announcement a = new Announcement(ofEpoch, key, hash, size, timestamp);
    return new SignedAnnouncement(a, identity.sign(a.frame()));
  }

  /**
   * Its own announcement of the newest honest blob it holds an announcement of, with the size off
   * by one, if it has not made that one already; it takes it into its own exchange, to list it.
   */
  Optional<SignedAnnouncement> missize() {
    Optional<Announcement> newest =
        exchange.holdings(epoch).stream()
            .map(h -> h.announcement().announcement())
            .filter(a -> victims.contains(a.announcer()))
            .max((x, y) -> Long.compare(x.timestampMillis(), y.timestampMillis()));
    if (newest.isEmpty() || newest.get().blobHash().equals(missized)) {
      return Optional.empty();
    }
    Announcement victim = newest.get();
    missized = victim.blobHash();
    long size = victim.size() > 0 && random.nextBoolean() ? victim.size() - 1 : victim.size() + 1;
    SignedAnnouncement lie = own(epoch, victim.blobHash(), size, clock.millis());
    exchange.receive(lie, Optional.empty());
    return Optional.of(lie);
  }

  /** One forged, malformed, replayed or misleading announcement. */
  SignedAnnouncement forge() {
    long now = clock.millis();
    BlobHash someHash = BlobHash.of(randomBytes(8));
    Optional<SignedAnnouncement> genuine =
        seen.isEmpty() ? Optional.empty() : Optional.of(seen.get(random.nextInt(seen.size())));
    switch (random.nextInt(11)) {
      case 0: // its own, signed by another key
        {
          Announcement a = new Announcement(epoch, key, someHash, 100, now);
          return new SignedAnnouncement(a, outsider.sign(a.frame()));
        }
      case 1: // another member's identity, far newer, signed with its own key
        {
          IdentityKey victim = victims.get(random.nextInt(victims.size()));
          Announcement a = new Announcement(epoch, victim, someHash, 100, now + 3_600_000);
          return new SignedAnnouncement(a, identity.sign(a.frame()));
        }
      case 2: // a genuine announcement made newer, its signature kept
        if (genuine.isPresent()) {
          Announcement g = genuine.get().announcement();
          Announcement a =
              new Announcement(
                  g.epoch(),
                  g.announcer(),
                  someHash,
                  g.size(),
                  g.timestampMillis() + 1 + random.nextInt(100_000));
          return new SignedAnnouncement(a, genuine.get().signature());
        }
        return own(epoch, someHash, 10, now);
      case 3: // its own, the signature damaged
        {
          byte[] signature = own(epoch, someHash, 10, now).signature();
          byte[] damaged =
              switch (random.nextInt(3)) {
                case 0 -> {
                  signature[random.nextInt(signature.length)] ^= (byte) (1 << random.nextInt(8));
                  yield signature;
                }
                case 1 -> Arrays.copyOf(signature, random.nextInt(signature.length));
                default -> new byte[64];
              };
          return new SignedAnnouncement(new Announcement(epoch, key, someHash, 10, now), damaged);
        }
      case 4: // a node that is no member, signing its own
        {
          Announcement a = new Announcement(epoch, outsider.publicKey(), someHash, 10, now);
          return new SignedAnnouncement(a, outsider.sign(a.frame()));
        }
      case 5: // an epoch outside the window, or the next epoch, which it may announce for
        {
          long[] epochs = {epoch - 2, epoch + 2, epoch + 3, epoch + 1};
          return own(epochs[random.nextInt(epochs.length)], someHash, 10, now);
        }
      case 6: // a timestamp that is not positive
        return own(epoch, someHash, 10, -random.nextInt(2));
      case 7: // a size that cannot be
        return own(epoch, someHash, random.nextBoolean() ? maxBlobSize + 1 : -1, now);
      case 8: // a genuine announcement, replayed as it was
        return genuine.orElseGet(() -> own(epoch, someHash, 10, now));
      case 9: // its own, naming another member's blob with the wrong size
        if (genuine.isPresent()) {
          Announcement g = genuine.get().announcement();
          long size = g.size() > 0 && random.nextBoolean() ? g.size() - 1 : g.size() + 1;
          return own(epoch, g.blobHash(), size, now);
        }
        return own(epoch, someHash, 10, now);
      default: // its own, valid, naming a blob nobody has
        return own(epoch, someHash, random.nextInt(1000), now);
    }
  }
}
