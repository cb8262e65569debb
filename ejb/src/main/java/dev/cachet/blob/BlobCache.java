package dev.cachet.blob;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.Optional;

/**
 * The in-memory part of the blob store: a Caffeine cache bounded by the total bytes of the blobs it
 * holds (W-TinyLFU: a blob read often outlives one read once). It is only ever filled with blobs
 * that are already durable, so dropping any entry at any time loses nothing. A blob larger than the
 * whole budget is not cached. Reads take no global lock. The cache's upkeep runs on the calling
 * thread, never on a pool of its own (the container owns the threads).
 */
public final class BlobCache {

  private final long capacityBytes;
  private final StatsCounter stats;
  private final Cache<BlobHash, Blob> entries;

  public BlobCache(long capacityBytes) {
    this(capacityBytes, new ConcurrentStatsCounter());
  }

  /**
   * @param stats where hits, misses and evictions are counted (the node's metrics)
   */
  public BlobCache(long capacityBytes, StatsCounter stats) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes must not be negative: " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
    this.stats = stats;
    this.entries =
        Caffeine.newBuilder()
            .maximumWeight(capacityBytes)
            .weigher((BlobHash hash, Blob blob) -> Math.toIntExact(blob.size()))
            .recordStats(() -> stats)
            .executor(Runnable::run)
            .build();
  }

  /** The cached blob, counted as a hit or a miss. */
  public Optional<Blob> get(BlobHash hash) {
    return Optional.ofNullable(entries.getIfPresent(hash));
  }

  /**
   * The cached blob if there is one, counted as a hit; an absence is not counted, because the
   * caller then takes the full read path, which counts the miss.
   */
  public Optional<Blob> getIfCached(BlobHash hash) {
    Blob blob = entries.asMap().get(hash); // a read for the eviction policy, not for the stats
    if (blob != null) {
      stats.recordHits(1);
    }
    return Optional.ofNullable(blob);
  }

  /** Caches a durable blob; the cache evicts what it must to stay within its budget. */
  public void put(Blob blob) {
    if (blob.size() > capacityBytes) {
      return;
    }
    entries.asMap().putIfAbsent(blob.hash(), blob);
  }

  /** Whether {@code hash} is cached, without counting a hit or touching its recency. */
  public boolean contains(BlobHash hash) {
    return entries.policy().getIfPresentQuietly(hash) != null;
  }

  /** Bytes of the blobs held (after pending upkeep). */
  public long sizeBytes() {
    entries.cleanUp();
    return entries.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  /** Blobs held (after pending upkeep). */
  public long entryCount() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  public long hits() {
    return snapshot().hitCount();
  }

  public long misses() {
    return snapshot().missCount();
  }

  public long evictions() {
    return snapshot().evictionCount();
  }

  private CacheStats snapshot() {
    entries.cleanUp();
    return stats.snapshot();
  }
}
