package dev.cachet.web.health;

import dev.cachet.state.ejb.StateVaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the current state key can be resolved (nothing can be signed without it), no
 * record was refused as rolled back (signing from a restored database could repeat a signature),
 * and no record failed to open as stored (corrupt state: the node fails closed until it opens).
 */
@Readiness
@ApplicationScoped
public class StateReadiness implements HealthCheck {

  @Inject private StateVaultBean vault;

  @Override
  public HealthCheckResponse call() {
    boolean keyAvailable = vault.currentKeyAvailable();
    Set<String> refused = vault.refusedRecords();
    Map<String, String> corrupt = vault.corruptRecords();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("state-vault")
            .status(keyAvailable && refused.isEmpty() && corrupt.isEmpty())
            .withData("stateKey", keyAvailable ? "available" : "unavailable")
            .withData("rolledBackRecords", refused.size())
            .withData("corruptRecords", corrupt.size());
    if (!corrupt.isEmpty()) {
      response.withData(
          "corrupt",
          new TreeMap<>(corrupt)
              .entrySet().stream()
                  .map(e -> e.getKey() + " (" + e.getValue() + ")")
                  .collect(Collectors.joining(", ")));
    }
    return response.build();
  }
}
