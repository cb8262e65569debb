package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.Member;
import dev.cachet.error.CachetException;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.EpochWindow;
import dev.cachet.peer.InvalidSignatureException;
import dev.cachet.peer.NotAMemberException;
import dev.cachet.peer.PeerSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node's side of the metadata exchange. Announcements for epoch {@code e} come from members of
 * the committees of {@code e} or {@code e + 1} (a joiner announces before its first epoch) and go
 * to the members of both. They spread three ways, so that no single loss keeps one from a member:
 *
 * <ol>
 *   <li><b>push</b>: the announcer sends its announcement to every member, retrying the ones that
 *       failed with backoff, within a budget, until members with validity stake have taken it;
 *   <li><b>relay</b>: a member that takes an announcement new to it sends it once to the members it
 *       has not heard it from;
 *   <li><b>pull</b>: every few ticks a member asks one peer, in turn, for its listing, which also
 *       tells it who holds which blob; a node that was down catches up this way.
 * </ol>
 *
 * A blob named by a held announcement and not held here is fetched from the announcer first, then
 * from the peers that reported holding it, then from the other members, each with its own backoff;
 * its bytes are kept only if they hash to the announced hash and have the announced size. A peer
 * that served wrong bytes is not asked for that blob again for {@code mismatchBackoff}.
 *
 * <p>Thread-safe: the state is guarded by this object's monitor, and no peer call and no blob store
 * call is made while holding it.
 */
public final class MetadataExchange {

  /** What taking an announcement did. */
  public enum Received {
    /** It was new: it is held, and relayed. */
    NEW,
    /** This node holds one as new or newer from that announcer: nothing changed. */
    SUPERSEDED
  }

  /** One held announcement, as a listing shows it. */
  public record Holding(SignedAnnouncement announcement, boolean held) {}

  private final CommitteeDirectory committees;
  private final PeerSigner self;
  private final MetadataTransport transport;
  private final BlobHolder blobs;
  private final Clock clock;
  private final ExchangeSettings settings;
  private final MetadataObserver observer;

  // Guarded by this.
  private final TreeMap<Long, Map<IdentityKey, Held>> book = new TreeMap<>();
  private final Map<Long, OwnPush> own = new HashMap<>();
  private final Map<Wanted, Fetch> fetches = new HashMap<>();
  private long lastOwnTimestamp;
  private Instant nextListing = Instant.MIN;
  private int listingTurn;

  public MetadataExchange(
      CommitteeDirectory committees,
      PeerSigner self,
      MetadataTransport transport,
      BlobHolder blobs,
      Clock clock,
      ExchangeSettings settings,
      MetadataObserver observer) {
    this.committees = committees;
    this.self = self;
    this.transport = transport;
    this.blobs = blobs;
    this.clock = clock;
    this.settings = settings;
    this.observer = observer;
  }

  /**
   * Publishes this node's metadata blob for {@code epoch}: keeps the blob, signs the announcement
   * (its timestamp later than any earlier one of this node) and pushes it to every member.
   *
   * @throws NotACommitteeMemberException if this node is in neither committee {@code epoch} nor
   *     {@code epoch + 1}
   */
  public SignedAnnouncement publish(long epoch, byte[] blob) {
    IdentityKey me = self.identityKey();
    EpochWindow.check(epoch, committees.currentEpoch());
    if (!memberOfEpochOrNext(me, epoch)) {
      throw new NotACommitteeMemberException(epoch);
    }
    if (blob.length > settings.maxBlobSize()) {
      throw new InvalidAnnouncementException(
          "a metadata blob is at most " + settings.maxBlobSize() + " bytes");
    }
    BlobHash hash = BlobHash.of(blob);
    blobs.store(hash, blob);
    SignedAnnouncement signed;
    List<Member> targets;
    synchronized (this) {
      long timestamp = Math.max(clock.millis(), lastOwnTimestamp + 1);
      lastOwnTimestamp = timestamp;
      signed =
          SignedAnnouncement.sign(new Announcement(epoch, me, hash, blob.length, timestamp), self);
      Held held = new Held(signed);
      held.blobHeld = true;
      book.computeIfAbsent(epoch, e -> new LinkedHashMap<>()).put(me, held);
      List<Member> members = targets(epoch, Set.of(me));
      targets = distinctServers(epoch, members);
      OwnPush push = new OwnPush(signed);
      Map<URI, Target> byServer = new HashMap<>();
      for (Member target : targets) {
        Target t = new Target(target);
        t.attempts = 1;
        t.inFlight = true;
        push.targets.put(target.identityKey(), t);
        byServer.put(target.url(), t);
      }
      for (Member member : members) { // an acknowledgement counts for every member on its server
        Target server = byServer.get(member.url());
        if (server != null && server.member != member) {
          server.alsoFor.add(member.identityKey());
        }
      }
      own.put(epoch, push);
    }
    for (Member target : targets) {
      transport.push(target, signed, ok -> pushed(signed, target.identityKey(), ok));
    }
    return signed;
  }

  /**
   * Takes an announcement from a peer (pushed, relayed, or in a listing).
   *
   * @param relayedBy the member that sent it, if it said (a hint: it is not relayed back there)
   * @throws dev.cachet.peer.EpochStaleException if its epoch is before the previous one
   * @throws dev.cachet.peer.EpochAheadException if its epoch is beyond the next one
   * @throws NotAMemberException if its announcer is in neither committee {@code e} nor {@code e+1}
   * @throws InvalidAnnouncementException if its timestamp is not positive or its size too large
   * @throws InvalidSignatureException if the announcer did not sign it
   */
  public Received receive(SignedAnnouncement signed, Optional<IdentityKey> relayedBy) {
    Announcement a = signed.announcement();
    EpochWindow.check(a.epoch(), committees.currentEpoch());
    if (!memberOfEpochOrNext(a.announcer(), a.epoch())) {
      throw new NotAMemberException(
          a.announcer(), "the committee of epoch " + a.epoch() + " or " + (a.epoch() + 1));
    }
    if (a.timestampMillis() <= 0) {
      throw new InvalidAnnouncementException("an announcement's timestamp is positive");
    }
    if (a.size() < 0 || a.size() > settings.maxBlobSize()) {
      throw new InvalidAnnouncementException(
          "an announced blob is 0 to " + settings.maxBlobSize() + " bytes, not " + a.size());
    }
    if (!holdsExactly(signed) && !signed.verifies()) {
      throw new InvalidSignatureException("the announcement");
    }
    List<Member> relayTo;
    Held taken;
    synchronized (this) {
      Map<IdentityKey, Held> epoch = book.computeIfAbsent(a.epoch(), e -> new LinkedHashMap<>());
      Held held = epoch.get(a.announcer());
      if (held != null
          && held.announcement.announcement().timestampMillis() >= a.timestampMillis()) {
        if (held.announcement.equals(signed)) {
          relayedBy.ifPresent(held.heardFrom::add);
        }
        return Received.SUPERSEDED;
      }
      held = new Held(signed);
      relayedBy.ifPresent(held.heardFrom::add);
      if (a.announcer().equals(self.identityKey())) { // its own, back from a peer after a restart
        lastOwnTimestamp = Math.max(lastOwnTimestamp, a.timestampMillis());
      }
      epoch.put(a.announcer(), held);
      Set<IdentityKey> skip = new HashSet<>(held.heardFrom);
      skip.add(self.identityKey());
      skip.add(a.announcer());
      relayTo =
          a.announcer().equals(self.identityKey())
              ? List.of()
              : relaySample(signed, distinctServers(a.epoch(), targets(a.epoch(), skip)));
      taken = held;
    }
    for (Member target : relayTo) {
      transport.push(target, signed, ok -> {});
    }
    fetchNow(taken);
    return Received.NEW;
  }

  /**
   * Starts the fetch of a new announcement's blob at once instead of at the next tick (up to 2 s
   * later), unless the blob is held: the metadata benchmark found that wait dominating.
   */
  private void fetchNow(Held held) {
    if (blobs.holds(held.announcement.announcement().blobHash())) {
      synchronized (this) {
        held.blobHeld = true;
      }
      return;
    }
    List<Runnable> calls = new ArrayList<>();
    synchronized (this) {
      dueFetch(held, clock.instant(), calls);
    }
    calls.forEach(Runnable::run);
  }

  /**
   * Whether this very announcement, signature and all, is held: it verified when it was taken, so
   * the copies that relays and listings bring again need no second verification.
   */
  private synchronized boolean holdsExactly(SignedAnnouncement signed) {
    Announcement a = signed.announcement();
    Held held = book.getOrDefault(a.epoch(), Map.of()).get(a.announcer());
    return held != null && held.announcement.equals(signed);
  }

  /**
   * Everything due now: pushes to retry, blobs to fetch, a listing to pull. Call it at the {@link
   * ExchangeSettings#cadence cadence}.
   */
  public void tick() {
    Instant now = clock.instant();
    long current = committees.currentEpoch();
    List<Runnable> calls = new ArrayList<>();
    List<Held> unknownBlobs = new ArrayList<>();
    synchronized (this) {
      prune(current);
      for (OwnPush push : own.values()) {
        duePushes(push, now, calls);
      }
      for (Map<IdentityKey, Held> epoch : book.values()) {
        for (Held held : epoch.values()) {
          if (!held.blobHeld) {
            unknownBlobs.add(held);
          }
        }
      }
    }
    // Outside the monitor: asking the blob store may reach the database.
    List<Held> missing = new ArrayList<>();
    for (Held held : unknownBlobs) {
      if (blobs.holds(held.announcement.announcement().blobHash())) {
        synchronized (this) {
          held.blobHeld = true;
        }
      } else {
        missing.add(held);
      }
    }
    synchronized (this) {
      for (Held held : missing) {
        dueFetch(held, now, calls);
      }
      if (!now.isBefore(nextListing)) {
        nextListing = now.plus(settings.listingPeriod());
        dueListing(current, calls);
      }
    }
    calls.forEach(Runnable::run);
  }

  /**
   * Every announcement held for {@code epoch}, and whether this node holds its blob, as the
   * exchange knows it: it checks the blob store when an announcement arrives, when it stores a
   * fetched blob, and at every tick for the blobs it lacks (a blob PUT by another path shows as
   * held by the next tick). A listing asks no storage: peers pull listings often, and the metadata
   * benchmark found a store lookup per entry making every listing slow.
   */
  public List<Holding> holdings(long epoch) {
    List<Holding> out = new ArrayList<>();
    synchronized (this) {
      for (Held h : book.getOrDefault(epoch, Map.of()).values()) {
        out.add(new Holding(h.announcement, h.blobHeld));
      }
    }
    out.sort(
        (x, y) ->
            x.announcement()
                .announcement()
                .announcer()
                .compareTo(y.announcement().announcement().announcer()));
    return out;
  }

  /** How many announcements are held for {@code epoch}. */
  public synchronized int announcements(long epoch) {
    return book.getOrDefault(epoch, Map.of()).size();
  }

  /** How many held announcements name a blob this node is not known to hold. */
  public synchronized int blobsMissing() {
    int missing = 0;
    for (Map<IdentityKey, Held> epoch : book.values()) {
      for (Held held : epoch.values()) {
        if (!held.blobHeld) {
          missing++;
        }
      }
    }
    return missing;
  }

  /** The epochs this node holds announcements for. */
  public synchronized Set<Long> epochs() {
    return new LinkedHashSet<>(book.keySet());
  }

  /**
   * The members a relay goes to: all of them in a small committee, else a sample of {@link
   * #relayFanout} members, different for each announcement and each relaying node (ordered by the
   * BLAKE2b of the signature, this node's key and the member's key). Gossip of that fan-out reaches
   * every member with high probability, and the listing pull catches the rest; relaying to all
   * would cost n² calls per announcement (the metadata benchmark's 204-member committee made
   * 160,000 of them).
   */
  private List<Member> relaySample(SignedAnnouncement signed, List<Member> targets) {
    int fanout = relayFanout(targets.size());
    if (targets.size() <= fanout) {
      return targets;
    }
    byte[] signature = signed.signature();
    byte[] me = self.identityKey().bytes();
    List<Member> ordered = new ArrayList<>(targets);
    Map<IdentityKey, BlobHash> rank = new HashMap<>();
    for (Member m : ordered) {
      byte[] key = m.identityKey().bytes();
      byte[] input = new byte[signature.length + me.length + key.length];
      System.arraycopy(signature, 0, input, 0, signature.length);
      System.arraycopy(me, 0, input, signature.length, me.length);
      System.arraycopy(key, 0, input, signature.length + me.length, key.length);
      rank.put(m.identityKey(), BlobHash.of(input));
    }
    ordered.sort((x, y) -> rank.get(x.identityKey()).compareTo(rank.get(y.identityKey())));
    return ordered.subList(0, fanout);
  }

  /**
   * {@code targets} without the members whose URL is this node's own or an earlier target's: a push
   * or relay is one POST to a server, and sending it twice to one server, or to itself, tells
   * nobody anything new; a push's acknowledgement counts for every member on that server. (Members
   * of one committee are distinct nodes, so in a deployment this changes nothing; the metadata
   * benchmark hosts 50 virtual members per node, on its URL.)
   */
  private List<Member> distinctServers(long epoch, List<Member> targets) {
    Set<URI> urls = new HashSet<>();
    for (long e = epoch; e <= epoch + 1; e++) {
      committees
          .find(e)
          .flatMap(c -> c.member(self.identityKey()))
          .ifPresent(m -> urls.add(m.url()));
    }
    List<Member> distinct = new ArrayList<>();
    for (Member m : targets) {
      if (urls.add(m.url())) {
        distinct.add(m);
      }
    }
    return distinct;
  }

  /** How many members a relay goes to: every one up to 8, then twice the bits of the count. */
  static int relayFanout(int members) {
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, members));
    return Math.max(8, 2 * bits);
  }

  // ---- pushes ----

  private void duePushes(OwnPush push, Instant now, List<Runnable> calls) {
    long epoch = push.announcement.announcement().epoch();
    if (push.reachedValidity(validityCommittee(epoch))) {
      return;
    }
    for (Target t : push.targets.values()) {
      if (t.acked
          || t.inFlight
          || t.attempts >= settings.pushAttempts()
          || now.isBefore(t.notBefore)) {
        continue;
      }
      t.inFlight = true;
      t.attempts++;
      SignedAnnouncement signed = push.announcement;
      Member member = t.member;
      calls.add(
          () -> transport.push(member, signed, ok -> pushed(signed, member.identityKey(), ok)));
    }
  }

  private synchronized void pushed(SignedAnnouncement signed, IdentityKey to, boolean ok) {
    OwnPush push = own.get(signed.announcement().epoch());
    if (push == null || !push.announcement.equals(signed)) {
      return; // replaced by a later announcement, or its epoch is over
    }
    Target t = push.targets.get(to);
    if (t == null) {
      return;
    }
    t.inFlight = false;
    if (ok) {
      t.acked = true;
    } else {
      t.notBefore = clock.instant().plus(settings.backoff(t.attempts));
    }
  }

  private Optional<Committee> validityCommittee(long epoch) {
    Optional<Committee> committee = committees.find(epoch);
    return committee.isPresent() ? committee : committees.find(epoch + 1);
  }

  // ---- fetches ----

  private void dueFetch(Held held, Instant now, List<Runnable> calls) {
    Announcement a = held.announcement.announcement();
    Fetch fetch = fetches.computeIfAbsent(Wanted.of(a), w -> new Fetch());
    if (fetch.inFlight) {
      return;
    }
    for (Member candidate : candidates(held)) {
      Instant notBefore = fetch.notBefore.getOrDefault(candidate.identityKey(), Instant.MIN);
      if (now.isBefore(notBefore)) {
        continue;
      }
      fetch.inFlight = true;
      calls.add(
          () ->
              transport.fetch(
                  candidate, a.blobHash(), a.size(), bytes -> fetched(a, candidate, bytes)));
      return;
    }
  }

  /** The announcer, then the peers that reported the blob held, then the other members. */
  private List<Member> candidates(Held held) {
    Announcement a = held.announcement.announcement();
    IdentityKey me = self.identityKey();
    Map<IdentityKey, Member> members = new LinkedHashMap<>();
    for (Member m : targets(a.epoch(), Set.of(me))) {
      members.put(m.identityKey(), m);
    }
    List<Member> order = new ArrayList<>();
    Member announcer = members.remove(a.announcer());
    if (announcer != null) {
      order.add(announcer);
    }
    for (IdentityKey holder : held.holders) {
      Member m = members.remove(holder);
      if (m != null) {
        order.add(m);
      }
    }
    order.addAll(members.values());
    return order;
  }

  private void fetched(Announcement a, Member from, Optional<byte[]> bytes) {
    MetadataObserver.FetchOutcome outcome;
    if (bytes.isEmpty()) {
      outcome = MetadataObserver.FetchOutcome.PEER_UNAVAILABLE;
    } else if (bytes.get().length == a.size() && BlobHash.of(bytes.get()).equals(a.blobHash())) {
      blobs.store(a.blobHash(), bytes.get());
      outcome = MetadataObserver.FetchOutcome.OK;
    } else {
      outcome = MetadataObserver.FetchOutcome.HASH_MISMATCH;
    }
    observer.fetched(outcome, outcome == MetadataObserver.FetchOutcome.OK ? a.size() : 0);
    synchronized (this) {
      Fetch fetch = fetches.computeIfAbsent(Wanted.of(a), w -> new Fetch());
      fetch.inFlight = false;
      IdentityKey peer = from.identityKey();
      switch (outcome) {
        case OK -> {
          fetches.remove(Wanted.of(a));
          markHeld(a.blobHash());
        }
        case HASH_MISMATCH ->
            fetch.notBefore.put(peer, clock.instant().plus(settings.mismatchBackoff()));
        case PEER_UNAVAILABLE -> {
          int failures = fetch.failures.merge(peer, 1, Integer::sum);
          fetch.notBefore.put(peer, clock.instant().plus(settings.backoff(failures)));
        }
      }
    }
  }

  private void markHeld(BlobHash hash) {
    for (Map<IdentityKey, Held> epoch : book.values()) {
      for (Held held : epoch.values()) {
        if (held.announcement.announcement().blobHash().equals(hash)) {
          held.blobHeld = true;
        }
      }
    }
  }

  // ---- listings ----

  private void dueListing(long current, List<Runnable> calls) {
    List<Member> peers = new ArrayList<>();
    Set<IdentityKey> seen = new HashSet<>();
    seen.add(self.identityKey());
    for (long e = current - 1; e <= current + 1; e++) {
      committees
          .find(e)
          .ifPresent(
              c -> {
                for (Member m : c.members()) {
                  if (seen.add(m.identityKey())) {
                    peers.add(m);
                  }
                }
              });
    }
    if (peers.isEmpty()) {
      return;
    }
    peers.sort((x, y) -> x.identityKey().compareTo(y.identityKey()));
    Member peer = peers.get(Math.floorMod(listingTurn++, peers.size()));
    for (long e = Math.max(0, current - 1); e <= current + 1; e++) {
      long epoch = e;
      if (committees.find(epoch).isPresent() || committees.find(epoch + 1).isPresent()) {
        calls.add(() -> transport.listing(peer, epoch, listing -> listed(peer, listing)));
      }
    }
  }

  private void listed(Member from, Optional<List<MetadataTransport.Listed>> listing) {
    if (listing.isEmpty()) {
      return;
    }
    for (MetadataTransport.Listed entry : listing.get()) {
      try {
        receive(entry.announcement(), Optional.of(from.identityKey()));
      } catch (CachetException e) {
        observer.refusedFromPeer(e.code());
        continue;
      }
      if (entry.held()) {
        synchronized (this) {
          Announcement a = entry.announcement().announcement();
          Held held = book.getOrDefault(a.epoch(), Map.of()).get(a.announcer());
          if (held != null && held.announcement.equals(entry.announcement())) {
            held.holders.add(from.identityKey());
          }
        }
      }
    }
  }

  // ---- committees ----

  private boolean memberOfEpochOrNext(IdentityKey key, long epoch) {
    return committees.find(epoch).map(c -> c.contains(key)).orElse(false)
        || committees.find(epoch + 1).map(c -> c.contains(key)).orElse(false);
  }

  /** The members of committees {@code epoch} and {@code epoch + 1}, but those in {@code skip}. */
  private List<Member> targets(long epoch, Set<IdentityKey> skip) {
    Map<IdentityKey, Member> targets = new LinkedHashMap<>();
    for (long e = epoch; e <= epoch + 1; e++) {
      committees
          .find(e)
          .ifPresent(
              c -> {
                for (Member m : c.members()) {
                  if (!skip.contains(m.identityKey())) {
                    targets.putIfAbsent(m.identityKey(), m);
                  }
                }
              });
    }
    return new ArrayList<>(targets.values());
  }

  private void prune(long current) {
    book.headMap(current - 1).clear();
    own.keySet().removeIf(epoch -> epoch < current - 1);
    Set<Wanted> live = new HashSet<>();
    for (Map<IdentityKey, Held> epoch : book.values()) {
      for (Held held : epoch.values()) {
        live.add(Wanted.of(held.announcement.announcement()));
      }
    }
    fetches.keySet().retainAll(live);
  }

  // ---- state ----

  private static final class Held {
    final SignedAnnouncement announcement;
    final Set<IdentityKey> heardFrom = new HashSet<>();
    final Set<IdentityKey> holders = new LinkedHashSet<>();
    boolean blobHeld;

    Held(SignedAnnouncement announcement) {
      this.announcement = announcement;
    }
  }

  private static final class OwnPush {
    final SignedAnnouncement announcement;
    final Map<IdentityKey, Target> targets = new LinkedHashMap<>();

    OwnPush(SignedAnnouncement announcement) {
      this.announcement = announcement;
    }

    boolean reachedValidity(Optional<Committee> committee) {
      if (committee.isEmpty()) {
        return false;
      }
      Set<IdentityKey> acked = new HashSet<>(); // the announcer's own stake does not count
      for (Target t : targets.values()) {
        if (t.acked) {
          acked.add(t.member.identityKey());
          acked.addAll(t.alsoFor);
        }
      }
      return committee.get().isValidity(acked);
    }
  }

  /** A server an announcement is pushed to, as its first member in the committee names it. */
  private static final class Target {
    final Member member;
    final Set<IdentityKey> alsoFor = new HashSet<>(); // the other members on the same server
    int attempts;
    boolean inFlight;
    boolean acked;
    Instant notBefore = Instant.MIN;

    Target(Member member) {
      this.member = member;
    }
  }

  /**
   * A blob as an announcement names it: a hash and a size. Fetches are kept per pair, not per hash:
   * a member may announce another's hash with a size it cannot have, and bytes refused for that
   * claim must not bar the peers that serve the true blob, nor its one fetch in flight hold up the
   * true blob's.
   */
  private record Wanted(BlobHash hash, long size) {
    static Wanted of(Announcement a) {
      return new Wanted(a.blobHash(), a.size());
    }
  }

  private static final class Fetch {
    final Map<IdentityKey, Instant> notBefore = new HashMap<>();
    final Map<IdentityKey, Integer> failures = new HashMap<>();
    boolean inFlight;
  }
}
