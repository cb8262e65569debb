package dev.cachet.web.health;

import dev.cachet.node.ejb.DatabaseProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject private DatabaseProbe database;

  @Override
  public HealthCheckResponse call() {
    Optional<String> product = database.product();
    return HealthCheckResponse.named("database")
        .status(product.isPresent())
        .withData("product", product.orElse("unavailable"))
        .build();
  }
}
