package dev.cachet.blob;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory part of the blob store: least-recently-used, bounded by the total bytes of the
 * blobs it holds. It is only ever filled with blobs that are already durable, so dropping any entry
 * at any time loses nothing. A blob larger than the whole budget is not cached.
 */
public final class BlobCache {

  private final long capacityBytes;
  private final LinkedHashMap<BlobHash, Blob> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long sizeBytes;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  public BlobCache(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes must not be negative: " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  /** The cached blob, counted as a hit or a miss. */
  public Optional<Blob> get(BlobHash hash) {
    Blob blob;
    synchronized (this) {
      blob = entries.get(hash);
    }
    (blob == null ? misses : hits).increment();
    return Optional.ofNullable(blob);
  }

  /**
   * The cached blob if there is one, counted as a hit; an absence is not counted, because the
   * caller then takes the full read path, which counts the miss.
   */
  public Optional<Blob> getIfCached(BlobHash hash) {
    Blob blob;
    synchronized (this) {
      blob = entries.get(hash);
    }
    if (blob != null) {
      hits.increment();
    }
    return Optional.ofNullable(blob);
  }

  /** Caches a durable blob, evicting the least recently used ones until it fits. */
  public void put(Blob blob) {
    if (blob.size() > capacityBytes) {
      return;
    }
    synchronized (this) {
      Blob previous = entries.put(blob.hash(), blob);
      if (previous != null) {
        return;
      }
      sizeBytes += blob.size();
      evictUntilWithinCapacity();
    }
  }

  private void evictUntilWithinCapacity() {
    Iterator<Map.Entry<BlobHash, Blob>> eldestFirst = entries.entrySet().iterator();
    while (sizeBytes > capacityBytes && eldestFirst.hasNext()) {
      sizeBytes -= eldestFirst.next().getValue().size();
      eldestFirst.remove();
      evictions.increment();
    }
  }

  /** Whether {@code hash} is cached, without counting a hit or touching its recency. */
  public synchronized boolean contains(BlobHash hash) {
    return entries.containsKey(hash);
  }

  public synchronized long sizeBytes() {
    return sizeBytes;
  }

  public synchronized int entryCount() {
    return entries.size();
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public long evictions() {
    return evictions.sum();
  }
}
