package dev.cachet.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything no family mapper claims is a bug: 500 {@code INTERNAL_ERROR} with an incident id that
 * is also logged with the stack trace, so the operator can find it without the body revealing
 * internals. Family exceptions never arrive here wrapped in an {@code EJBException}: they are
 * declared application exceptions (ejb-jar.xml), and the integration tests would see a 500 if that
 * declaration were lost.
 */
@Provider
public class FallbackMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(FallbackMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unhandled failure, incident " + incident, e);
    return ErrorResponses.of(500, "INTERNAL_ERROR", "internal error, incident " + incident).build();
  }
}
