package dev.cachet.blob.ejb;

import dev.cachet.blob.BlobCache;
import dev.cachet.blob.BlobStore;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * The blob store's MicroProfile metrics: durable totals (read from the database at each scrape, so
 * they stay true when several nodes share it) and what the in-memory cache holds. Its hits, misses
 * and evictions are counters of their own ({@link CacheCounters}).
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
