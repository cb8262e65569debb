package dev.cachet.blob;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The content-addressed blob store. Writes go through: a blob is durable in the repository before
 * it enters the cache, so a failed durable write leaves the cache untouched. Reads go through the
 * other way: cache, then repository, then the cache is filled. Every durable blob is therefore
 * servable, including right after a restart with an empty cache.
 *
 * <p>Concurrent stores of the same bytes are serialised per hash in this node (and by the primary
 * key across nodes sharing a database), so they all succeed and exactly one row exists.
 */
public final class BlobStore implements CachedBlobs {

  private static final int LOCK_STRIPES = 64;

  private final BlobRepository repository;
  private final BlobCache cache;
  private final Clock clock;
  private final Object[] stripes = new Object[LOCK_STRIPES];

  public BlobStore(BlobRepository repository, BlobCache cache, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  /** Stores {@code content} under its own hash. */
  public StoredBlob put(byte[] content) {
    return store(Blob.of(content));
  }

  /**
   * Stores {@code content} only if it hashes to {@code expected}.
   *
   * @throws BlobHashMismatchException otherwise; nothing is stored
   */
  public StoredBlob put(BlobHash expected, byte[] content) {
    Blob blob = Blob.of(content);
    if (!blob.hash().equals(expected)) {
      throw new BlobHashMismatchException(expected, blob.hash());
    }
    return store(blob);
  }

  /**
   * Stores {@code content}, which the caller hashed to {@code hash} itself a moment ago (the
   * metadata exchange, which hash-checks every fetched blob before it keeps it, and hashes its own
   * to announce it): storing it does not hash it a second time. Reading it back re-hashes it, as
   * always.
   */
  public StoredBlob putHashed(BlobHash hash, byte[] content) {
    return store(Blob.hashedBy(hash, content));
  }

  private StoredBlob store(Blob blob) {
    BlobHash hash = blob.hash();
    if (cache.contains(hash)) {
      return new StoredBlob(hash, blob.size(), false);
    }
    boolean created;
    // Per-hash lock around the durable insert: identical concurrent stores queue here and find
    // the row inserted by the first instead of all racing into the primary key.
    synchronized (stripeFor(hash)) {
      created = repository.insertIfAbsent(blob, clock.instant());
    }
    cache.put(blob);
    return new StoredBlob(hash, blob.size(), created);
  }

  /**
   * The blob stored under {@code hash}.
   *
   * @throws BlobNotFoundException if there is none
   */
  public Blob get(BlobHash hash) {
    Optional<Blob> cached = cache.get(hash);
    if (cached.isPresent()) {
      return cached.get();
    }
    Blob stored = repository.find(hash).orElseThrow(() -> new BlobNotFoundException(hash));
    cache.put(stored);
    return stored;
  }

  @Override
  public Optional<Blob> cached(BlobHash hash) {
    return cache.getIfCached(hash);
  }

  /** Whether the blob {@code hash} is stored. */
  public boolean contains(BlobHash hash) {
    return repository.findInfo(hash).isPresent();
  }

  /**
   * The size of the blob stored under {@code hash}, without loading its content if it is not
   * cached.
   *
   * @throws BlobNotFoundException if there is none
   */
  public long size(BlobHash hash) {
    Optional<Blob> cached = cache.get(hash);
    if (cached.isPresent()) {
      return cached.get().size();
    }
    return repository.findInfo(hash).orElseThrow(() -> new BlobNotFoundException(hash)).size();
  }

  /** One page of stored blobs in hash order, strictly after {@code after}. */
  public BlobPage list(Optional<BlobHash> after, int limit) {
    List<BlobInfo> blobs = repository.list(after, BlobPage.checkLimit(limit));
    Optional<BlobHash> next =
        blobs.size() == limit ? Optional.of(blobs.get(blobs.size() - 1).hash()) : Optional.empty();
    return new BlobPage(blobs, next);
  }

  public BlobTotals totals() {
    return repository.totals();
  }

  public BlobCache cache() {
    return cache;
  }

  private Object stripeFor(BlobHash hash) {
    return stripes[Math.floorMod(hash.hashCode(), LOCK_STRIPES)];
  }
}
