package dev.cachet.web.health;

import dev.cachet.node.ejb.DatabaseProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers; when it does not, says why. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final int REASON_LENGTH = 200;

  @Inject private DatabaseProbe database;

  @Override
  public HealthCheckResponse call() {
    DatabaseProbe.Answer answer = database.probe();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("database")
            .status(answer.up())
            .withData("product", answer.product());
    if (!answer.up()) {
      String reason = answer.reason();
      response.withData(
          "reason", reason.length() > REASON_LENGTH ? reason.substring(0, REASON_LENGTH) : reason);
    }
    return response.build();
  }
}
