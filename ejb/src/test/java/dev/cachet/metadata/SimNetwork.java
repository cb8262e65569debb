package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An in-memory network between the simulated nodes. Every call is a request event and a reply
 * event, each after a seeded random delay (so calls overtake one another); a request or a reply may
 * be lost (the caller learns it at its timeout), a push may arrive twice, and a node that is down
 * refuses at once. A request already sent still arrives if its sender crashes meanwhile; the reply
 * to a crashed sender goes nowhere.
 */
final class SimNetwork {

  /**
   * @param drop the chance that one request, or one reply, is lost
   * @param duplicate the chance that a push that arrived arrives again later
   * @param minDelayMillis the shortest one-way delay
   * @param maxDelayMillis the longest one-way delay
   * @param timeoutMillis how long a caller waits for a reply that was lost: longer than any round
   *     trip, so that no reply arrives after its caller gave up
   */
  record Faults(
      double drop, double duplicate, int minDelayMillis, int maxDelayMillis, int timeoutMillis) {

    Faults {
      if (minDelayMillis < 1 || maxDelayMillis < minDelayMillis) {
        throw new IllegalArgumentException("delays of 1 ms or more, the least first");
      }
      if (timeoutMillis <= 2 * maxDelayMillis) {
        throw new IllegalArgumentException("a timeout is longer than a round trip");
      }
    }
  }

  /** What a node answers to its peers' calls. */
  interface Peer {
    boolean up();

    /** Whether the node took the push (a 2xx answer). */
    boolean takePush(IdentityKey from, SignedAnnouncement announcement);

    /** The bytes it serves for {@code hash}, or empty for a 404. */
    Optional<byte[]> serveBlob(BlobHash hash, long size);

    Optional<List<MetadataTransport.Listed>> serveListing(long epoch);
  }

  /** Told whenever an announcement reaches a node that is up: taken from a push, or listed. */
  interface Witness {
    void reached(IdentityKey node, SignedAnnouncement announcement);
  }

  private record Attached(IdentityKey key, int index, String name, Peer peer) {}

  private final EventQueue events;
  private final SplittableRandom random;
  private final Faults faults;
  private final Witness witness;
  private final Consumer<String> count;
  private final Map<IdentityKey, Attached> peers = new HashMap<>();
  private final Set<Integer> cutOff = new HashSet<>();

  SimNetwork(
      EventQueue events,
      SplittableRandom random,
      Faults faults,
      Witness witness,
      Consumer<String> count) {
    this.events = events;
    this.random = random;
    this.faults = faults;
    this.witness = witness;
    this.count = count;
  }

  void attach(IdentityKey key, int index, String name, Peer peer) {
    peers.put(key, new Attached(key, index, name, peer));
  }

  /** Loses every call to and from node {@code index}: an assumption broken on purpose. */
  void cutOff(int index) {
    cutOff.add(index);
  }

  /**
   * The transport of one life of a node: its replies are delivered only while {@code alive} says
   * that life goes on.
   */
  MetadataTransport transport(
      int caller, String callerName, IdentityKey callerKey, BooleanSupplier alive) {
    return new Link(caller, callerName, callerKey, alive);
  }

  private long delay() {
    return faults.minDelayMillis()
        + random.nextInt(faults.maxDelayMillis() - faults.minDelayMillis() + 1);
  }

  private boolean lost(int from, int to) {
    boolean lost =
        cutOff.contains(from) || cutOff.contains(to) || random.nextDouble() < faults.drop();
    if (lost) {
      count.accept("messages lost");
    }
    return lost;
  }

  private Attached peer(Member member) {
    Attached attached = peers.get(member.identityKey());
    if (attached == null) {
      throw new AssertionError("a call to a node that is not in the simulation: " + member);
    }
    return attached;
  }

  private final class Link implements MetadataTransport {
    private final int caller;
    private final String name;
    private final IdentityKey key;
    private final BooleanSupplier alive;

    Link(int caller, String name, IdentityKey key, BooleanSupplier alive) {
      this.caller = caller;
      this.name = name;
      this.key = key;
      this.alive = alive;
    }

    /** Schedules the reply: lost ones at the timeout, refusals by a node that is down at once. */
    private void reply(long sentAt, boolean prompt, String label, Runnable deliver) {
      long wait = prompt ? delay() : Math.max(1, sentAt + faults.timeoutMillis() - events.now());
      events.after(
          wait,
          caller,
          label,
          () -> {
            if (alive.getAsBoolean()) {
              deliver.run();
            }
          });
    }

    @Override
    public void push(Member to, SignedAnnouncement announcement, Consumer<Boolean> done) {
      Attached target = peer(to);
      long sentAt = events.now();
      boolean requestLost = lost(caller, target.index());
      String route = name + ">" + target.name();
      events.after(
          delay(),
          target.index(),
          "push " + route + (requestLost ? " lost" : ""),
          () -> {
            boolean up = target.peer().up();
            if (!up) {
              count.accept("calls to a node that is down");
            }
            boolean took = !requestLost && up && deliver(target, announcement);
            if (!requestLost && up && random.nextDouble() < faults.duplicate()) {
              count.accept("pushes duplicated");
              events.after(
                  delay(),
                  target.index(),
                  "push again " + route,
                  () -> {
                    if (target.peer().up()) {
                      deliver(target, announcement);
                    }
                  });
            }
            boolean replyLost = !requestLost && lost(target.index(), caller);
            boolean answered = !requestLost && !replyLost;
            reply(
                sentAt,
                answered || (!requestLost && !up),
                "pushed " + route + " " + (answered && took),
                () -> done.accept(answered && took));
          });
    }

    private boolean deliver(Attached target, SignedAnnouncement announcement) {
      count.accept("pushes delivered");
      boolean took = target.peer().takePush(key, announcement);
      if (took) {
        witness.reached(target.key(), announcement);
      }
      return took;
    }

    @Override
    public void fetch(Member from, BlobHash hash, long size, Consumer<Optional<byte[]>> done) {
      Attached target = peer(from);
      long sentAt = events.now();
      boolean requestLost = lost(caller, target.index());
      String route = name + "<" + target.name() + " " + hash.hex().substring(0, 8) + "/" + size;
      events.after(
          delay(),
          EventQueue.NO_NODE,
          "fetch " + route + (requestLost ? " lost" : ""),
          () -> {
            boolean up = target.peer().up();
            Optional<byte[]> served =
                requestLost || !up ? Optional.empty() : target.peer().serveBlob(hash, size);
            // The caller reads at most the announced size.
            Optional<byte[]> read =
                served.map(b -> b.length > size ? Arrays.copyOf(b, (int) size) : b);
            boolean replyLost = !requestLost && lost(target.index(), caller);
            boolean answered = !requestLost && !replyLost;
            reply(
                sentAt,
                answered || (!requestLost && !up),
                "fetched " + route + " " + (answered ? read.map(b -> b.length).orElse(-1) : -1),
                () -> done.accept(answered ? read : Optional.empty()));
          });
    }

    @Override
    public void listing(Member from, long epoch, Consumer<Optional<List<Listed>>> done) {
      Attached target = peer(from);
      long sentAt = events.now();
      boolean requestLost = lost(caller, target.index());
      String route = name + "<" + target.name() + " e" + epoch;
      events.after(
          delay(),
          EventQueue.NO_NODE,
          "list " + route + (requestLost ? " lost" : ""),
          () -> {
            boolean up = target.peer().up();
            Optional<List<Listed>> listing =
                requestLost || !up ? Optional.empty() : target.peer().serveListing(epoch);
            boolean replyLost = !requestLost && lost(target.index(), caller);
            boolean answered = !requestLost && !replyLost;
            reply(
                sentAt,
                answered || (!requestLost && !up),
                "listed " + route + " " + (answered ? listing.map(List::size).orElse(-1) : -1),
                () -> {
                  Optional<List<Listed>> got = answered ? listing : Optional.empty();
                  got.ifPresent(entries -> entries.forEach(l -> count.accept("listed entries")));
                  got.ifPresent(
                      entries -> entries.forEach(l -> witness.reached(key, l.announcement())));
                  done.accept(got);
                });
          });
    }
  }
}
