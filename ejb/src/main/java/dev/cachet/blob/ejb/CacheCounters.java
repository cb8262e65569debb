package dev.cachet.blob.ejb;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * The blob cache's statistics as MicroProfile counters ({@code cachet_blob_cache_hits_total},
 * {@code …_misses_total}, {@code …_evictions_total}), counted as Caffeine records them; the cache's
 * own snapshot is kept beside them for the node's code.
 */
final class CacheCounters implements StatsCounter {

  private final ConcurrentStatsCounter totals = new ConcurrentStatsCounter();
  private final Counter hits;
  private final Counter misses;
  private final Counter evictions;

  CacheCounters(MetricRegistry registry) {
    hits = counter(registry, "cachet.blob.cache.hits", "Blob reads served from memory");
    misses = counter(registry, "cachet.blob.cache.misses", "Blob reads that went to the database");
    evictions =
        counter(registry, "cachet.blob.cache.evictions", "Blobs evicted from memory to fit it");
  }

  private static Counter counter(MetricRegistry registry, String name, String description) {
    return registry.counter(
        Metadata.builder()
            .withName(name)
            .withDescription(description)
            .withUnit(MetricUnits.NONE)
            .build());
  }

  @Override
  public void recordHits(int count) {
    totals.recordHits(count);
    hits.inc(count);
  }

  @Override
  public void recordMisses(int count) {
    totals.recordMisses(count);
    misses.inc(count);
  }

  @Override
  public void recordLoadSuccess(long loadTime) {
    totals.recordLoadSuccess(loadTime);
  }

  @Override
  public void recordLoadFailure(long loadTime) {
    totals.recordLoadFailure(loadTime);
  }

  @Override
  public void recordEviction(int weight, RemovalCause cause) {
    totals.recordEviction(weight, cause);
    evictions.inc();
  }

  @Override
  public CacheStats snapshot() {
    return totals.snapshot();
  }
}
