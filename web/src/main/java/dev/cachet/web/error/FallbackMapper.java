package dev.cachet.web.error;

import dev.cachet.node.DatabaseFailures;
import jakarta.ejb.ConcurrentAccessException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure of the database (down, restarting, out of connections, a commit whose outcome is
 * unknown; see {@link DatabaseFailures}) is 503 {@code DATABASE_UNAVAILABLE} with {@code
 * Retry-After}: no signature left the node for it. A container lock whose {@code @AccessTimeout}
 * expired ({@code ConcurrentAccessException}, directly or wrapped by a bean that called the locked
 * one) is 503 {@code SERVER_BUSY} with {@code Retry-After}: the bean was in a short WRITE section
 * and the request did nothing. Everything else no family mapper claims is a bug: 500 {@code
 * INTERNAL_ERROR} with an incident id that is also logged with the stack trace, so the operator can
 * find it without the body revealing internals. Family exceptions never arrive here wrapped in an
 * {@code EJBException}: they are declared application exceptions (ejb-jar.xml), and the integration
 * tests would see a 500 if that declaration were lost.
 */
@Provider
public class FallbackMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(FallbackMapper.class.getName());

  /** How long a client waits before it retries a request that met the database down. */
  static final int DATABASE_RETRY_SECONDS = 2;

  /** How long a client waits before it retries a request that met a bean's WRITE section. */
  static final int BUSY_RETRY_SECONDS = 1;

  static boolean lockTimedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConcurrentAccessException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Response toResponse(Throwable e) {
    if (DatabaseFailures.unavailable(e)) {
      LOG.log(Level.WARNING, "the database is unavailable: " + e);
      return unavailable(
          "DATABASE_UNAVAILABLE",
          "the database is unavailable; no signature was released for this request, retry it later",
          DATABASE_RETRY_SECONDS);
    }
    if (lockTimedOut(e)) {
      LOG.log(Level.FINE, "a bean's lock was not had in time", e);
      return unavailable(
          "SERVER_BUSY",
          "the node is busy with a short exclusive update; retry in a second",
          BUSY_RETRY_SECONDS);
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unhandled failure, incident " + incident, e);
    return ErrorResponses.of(500, "INTERNAL_ERROR", "internal error, incident " + incident).build();
  }

  private static Response unavailable(String code, String message, int retryAfterSeconds) {
    return ErrorResponses.of(503, code, message)
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .build();
  }
}
