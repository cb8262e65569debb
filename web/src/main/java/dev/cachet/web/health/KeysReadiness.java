package dev.cachet.web.health;

import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.keys.ejb.KeyManagerBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every key was loaded and every active key can sign the current slot. */
@Readiness
@ApplicationScoped
public class KeysReadiness implements HealthCheck {

  @Inject private KeyManagerBean keys;

  @Override
  public HealthCheckResponse call() {
    List<ValidatorKeyId> unready = keys.unready();
    boolean restored = keys.restored();
    return HealthCheckResponse.named("validator-keys")
        .status(restored && unready.isEmpty())
        .withData("loaded", restored)
        .withData(
            "notPreparedForCurrentSlot",
            unready.isEmpty()
                ? "none"
                : String.join(", ", unready.stream().map(ValidatorKeyId::toString).toList()))
        .build();
  }
}
