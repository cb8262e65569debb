package dev.cachet.web.health;

import dev.cachet.state.ejb.StateVaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the current state key can be resolved (nothing can be signed without it) and no
 * record was refused as rolled back (signing from a restored database could repeat a signature).
 */
@Readiness
@ApplicationScoped
public class StateReadiness implements HealthCheck {

  @Inject private StateVaultBean vault;

  @Override
  public HealthCheckResponse call() {
    boolean keyAvailable = vault.currentKeyAvailable();
    Set<String> refused = vault.refusedRecords();
    return HealthCheckResponse.named("state-vault")
        .status(keyAvailable && refused.isEmpty())
        .withData("stateKey", keyAvailable ? "available" : "unavailable")
        .withData("rolledBackRecords", refused.size())
        .build();
  }
}
