package dev.cachet.blob.ejb;

import dev.cachet.blob.BlobCache;
import dev.cachet.blob.BlobStore;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * The blob store's MicroProfile metrics: durable totals (read from the database at each scrape, so
 * they stay true when several nodes share it) and the in-memory cache's behaviour. The cache's hit,
 * miss and eviction counts only grow; they are exposed as gauges of the cache's own counters.
 */
final class BlobMetrics {

  private BlobMetrics() {}

  static void register(MetricRegistry registry, BlobStore store) {
    BlobCache cache = store.cache();
    gauge(
        registry,
        "cachet.blob.count",
        "Blobs stored durably",
        MetricUnits.NONE,
        () -> store.totals().count());
    gauge(
        registry,
        "cachet.blob.stored",
        "Bytes of the blobs stored durably",
        MetricUnits.BYTES,
        () -> store.totals().bytes());
    gauge(
        registry,
        "cachet.blob.cache.hits",
        "Blob reads served from memory",
        MetricUnits.NONE,
        cache::hits);
    gauge(
        registry,
        "cachet.blob.cache.misses",
        "Blob reads that went to the database",
        MetricUnits.NONE,
        cache::misses);
    gauge(
        registry,
        "cachet.blob.cache.evictions",
        "Blobs evicted from memory (least recently used)",
        MetricUnits.NONE,
        cache::evictions);
    gauge(
        registry,
        "cachet.blob.cache.size",
        "Bytes of the blobs held in memory",
        MetricUnits.BYTES,
        cache::sizeBytes);
    gauge(
        registry,
        "cachet.blob.cache.entries",
        "Blobs held in memory",
        MetricUnits.NONE,
        cache::entryCount);
  }

  private static <T extends Number> void gauge(
      MetricRegistry registry, String name, String description, String unit, Supplier<T> value) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(),
        value);
  }
}
