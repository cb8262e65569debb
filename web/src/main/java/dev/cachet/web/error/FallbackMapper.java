package dev.cachet.web.error;

import dev.cachet.error.CachetException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything no family mapper claims is a bug: 500 {@code INTERNAL_ERROR} with an incident id that
 * is also logged with the stack trace, so the operator can find it without the body revealing
 * internals. A family exception that reached here wrapped (it should not: they are application
 * exceptions) is unwrapped and mapped as its family.
 */
@Provider
public class FallbackMapper implements jakarta.ws.rs.ext.ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(FallbackMapper.class.getName());

  @jakarta.ws.rs.core.Context private Providers providers;

  @Override
  public Response toResponse(Throwable e) {
    Throwable cause = e;
    while (cause instanceof EJBException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CachetException family && providers != null) {
      Object mapper = providers.getExceptionMapper(family.getClass());
      if (mapper instanceof FamilyMapper<?> familyMapper) {
        return familyMapper.map(family);
      }
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unhandled failure, incident " + incident, e);
    return ErrorResponses.of(500, "INTERNAL_ERROR", "internal error, incident " + incident).build();
  }
}
