package dev.cachet.metadata.ejb;

import dev.cachet.metadata.MetadataExchange;
import dev.cachet.metadata.MetadataObserver;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The exchange's metrics: fetches by outcome ({@code cachet_metadata_fetches_total{outcome}}),
 * bytes fetched, announcements refused from peers' listings, and, as gauges, the announcements held
 * in the current epoch and the blobs still missing.
 */
final class MetadataMetrics implements MetadataObserver {

  private final MetricRegistry registry;

  MetadataMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  void register(MetadataExchange exchange, java.util.function.LongSupplier currentEpoch) {
    registry.gauge(
        "cachet.metadata.announcements.held",
        exchange,
        e -> e.announcements(currentEpoch.getAsLong()));
    registry.gauge("cachet.metadata.blobs.missing", exchange, MetadataExchange::blobsMissing);
  }

  @Override
  public void fetched(FetchOutcome outcome, long bytes) {
    registry
        .counter("cachet.metadata.fetches", new Tag("outcome", outcome.name().toLowerCase()))
        .inc();
    if (bytes > 0) {
      registry.counter("cachet.metadata.fetched.bytes").inc(bytes);
    }
  }

  @Override
  public void refusedFromPeer(String code) {
    registry.counter("cachet.metadata.refused", new Tag("code", code)).inc();
  }
}
