package dev.cachet.blob.ejb;

import dev.cachet.blob.BlobCache;
import dev.cachet.blob.BlobStore;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The blob store's MicroProfile metrics: durable totals and the cache's behaviour. */
final class BlobMetrics {

  private BlobMetrics() {}

  static void register(MetricRegistry registry, BlobStore store) {
    BlobCache cache = store.cache();
    registry.gauge("cachet.blob.count", () -> store.totals().count());
    registry.gauge("cachet.blob.bytes", () -> store.totals().bytes());
    registry.gauge("cachet.blob.cache.hits", cache::hits);
    registry.gauge("cachet.blob.cache.misses", cache::misses);
    registry.gauge("cachet.blob.cache.evictions", cache::evictions);
    registry.gauge("cachet.blob.cache.bytes", cache::sizeBytes);
    registry.gauge("cachet.blob.cache.entries", cache::entryCount);
  }
}
