package dev.cachet.state.ejb;

import dev.cachet.state.VaultObserver;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** The vault's MicroProfile metrics: persists, failures by cause, key resolution time, bytes. */
final class StateMetrics implements VaultObserver {

  private final MetricRegistry registry;
  private final Counter persists;
  private final Timer keyResolution;

  StateMetrics(MetricRegistry registry, LongSupplier storedBytes) {
    this.registry = registry;
    this.persists =
        registry.counter(
            Metadata.builder()
                .withName("cachet.state.persists")
                .withDescription("State records persisted")
                .build());
    this.keyResolution =
        registry.timer(
            Metadata.builder()
                .withName("cachet.state.key.resolution")
                .withDescription("Time to resolve the current state key, under the write guard")
                .build());
    registry.gauge(
        Metadata.builder()
            .withName("cachet.state.stored")
            .withDescription("Bytes of the state envelopes stored")
            .withUnit(MetricUnits.BYTES)
            .build(),
        storedBytes::getAsLong);
  }

  @Override
  public void persisted(int bytes) {
    persists.inc();
  }

  @Override
  public void persistFailed(String cause) {
    registry
        .counter(
            Metadata.builder()
                .withName("cachet.state.persist.failures")
                .withDescription("State persists that failed, by cause")
                .build(),
            new Tag("cause", cause))
        .inc();
  }

  @Override
  public void keyResolved(Duration elapsed) {
    keyResolution.update(elapsed);
  }
}
