package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import dev.cachet.error.CachetException;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An honest node: its identity and blob store last across crashes; its exchange is a new one, with
 * an empty memory, each time it starts, as a restarted process would have.
 */
final class SimNode implements SimNetwork.Peer {

  /** One run of the node's process, from start to crash. */
  static final class Life {
    private boolean alive = true;

    boolean alive() {
      return alive;
    }
  }

  final int index;
  final String name;
  final NodeIdentity identity;
  final IdentityKey key;
  final HashCheckingBlobHolder blobs = new HashCheckingBlobHolder();
  private final SimTrace trace;
  private final Consumer<String> count;
  private MetadataExchange exchange;
  private Life life;
  private int starts;

  SimNode(int index, String name, NodeIdentity identity, SimTrace trace, Consumer<String> count) {
    this.index = index;
    this.name = name;
    this.identity = identity;
    this.key = identity.publicKey();
    this.trace = trace;
    this.count = count;
  }

  /** Starts a new life, with the exchange {@code newExchange} makes for it. */
  void start(Function<Life, MetadataExchange> newExchange) {
    life = new Life();
    exchange = newExchange.apply(life);
    starts++;
  }

  void crash() {
    life.alive = false;
    exchange = null;
  }

  @Override
  public boolean up() {
    return exchange != null;
  }

  /** Whether it crashed and started again. */
  boolean restarted() {
    return starts > 1;
  }

  Life life() {
    return life;
  }

  MetadataExchange exchange() {
    if (exchange == null) {
      throw new IllegalStateException(name + " is down");
    }
    return exchange;
  }

  @Override
  public boolean takePush(IdentityKey from, SignedAnnouncement announcement) {
    try {
      MetadataExchange.Received received = exchange().receive(announcement, Optional.of(from));
      trace.record("  " + name + " " + received);
      return true;
    } catch (CachetException e) {
      trace.record("  " + name + " refused " + e.code());
      count.accept("pushed and refused " + e.code());
      return false;
    }
  }

  @Override
  public Optional<byte[]> serveBlob(BlobHash hash, long size) {
    return blobs.get(hash);
  }

  @Override
  public Optional<List<MetadataTransport.Listed>> serveListing(long epoch) {
    return Optional.of(
        exchange().holdings(epoch).stream()
            .map(h -> new MetadataTransport.Listed(h.announcement(), h.held()))
            .toList());
  }
}
