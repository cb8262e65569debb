package dev.cachet.keys.ejb;

import dev.cachet.keys.KeyManager;
import dev.cachet.keys.KeyObserver;
import dev.cachet.keys.KeyRole;
import dev.cachet.keys.ValidatorKeyId;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The key manager's MicroProfile metrics: sign latency per role, signatures issued, refusals by
 * code, preparation duration and failures, preparations running, keys exhausted, and for every key
 * the slots left in its window.
 */
final class KeyMetrics implements KeyObserver {

  private final MetricRegistry registry;
  private final Set<ValidatorKeyId> windowGauges = ConcurrentHashMap.newKeySet();

  KeyMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  /** The gauges read from the manager itself. */
  void register(KeyManager keys) {
    gauge(
        "cachet.keys.preparations.running",
        "Window preparations (and key generations) running now",
        keys::preparationsRunning);
    gauge("cachet.keys.exhausted", "Keys whose lifetime is used up", keys::exhaustedKeys);
    gauge(
        "cachet.keys.preparations.waiting",
        "Preparations waiting for a preparation thread",
        keys::waitingPreparations);
  }

  /** Adds the window-end gauge of every key seen for the first time. */
  void registerWindows(KeyManager keys) {
    for (ValidatorKeyId id : keys.windowEnds().keySet()) {
      if (windowGauges.add(id)) {
        registry.gauge(
            Metadata.builder()
                .withName("cachet.keys.window.remaining")
                .withDescription("Slots from the current slot to the end of the key's window")
                .build(),
            () -> keys.windowEnds().getOrDefault(id, 0L),
            new Tag("validator", Long.toString(id.validatorIndex())),
            new Tag("role", id.role().pathName()));
      }
    }
  }

  @Override
  public void signed(KeyRole role, Duration latency) {
    registry
        .timer(
            Metadata.builder()
                .withName("cachet.keys.sign.latency")
                .withDescription("Time to answer a signing request that signed")
                .build(),
            new Tag("role", role.pathName()))
        .update(latency);
    registry
        .counter(
            Metadata.builder()
                .withName("cachet.keys.signatures")
                .withDescription("Signatures issued")
                .build(),
            new Tag("role", role.pathName()))
        .inc();
  }

  @Override
  public void refused(String code) {
    registry
        .counter(
            Metadata.builder()
                .withName("cachet.keys.refusals")
                .withDescription("Signing requests refused, by error code")
                .build(),
            new Tag("code", code))
        .inc();
  }

  @Override
  public void preparationFinished(ValidatorKeyId id, Duration duration) {
    registry
        .timer(
            Metadata.builder()
                .withName("cachet.keys.preparation.duration")
                .withDescription("Time to prepare a window (or generate a key)")
                .build())
        .update(duration);
  }

  @Override
  public void preparationFailed(ValidatorKeyId id) {
    registry
        .counter(
            Metadata.builder()
                .withName("cachet.keys.preparation.failures")
                .withDescription("Window preparations that failed")
                .build())
        .inc();
  }

  private <T extends Number> void gauge(String name, String description, Supplier<T> value) {
    registry.gauge(
        Metadata.builder()
            .withName(name)
            .withDescription(description)
            .withUnit(MetricUnits.NONE)
            .build(),
        value);
  }
}
