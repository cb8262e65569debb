package dev.cachet.web.error;

import dev.cachet.error.CachetException;
import dev.cachet.error.CorruptStateException;
import dev.cachet.error.PeerFaultException;
import dev.cachet.error.RetryLaterException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every core failure, whatever its family, as its status from {@link ErrorStatus} with the JSON
 * error body. A not-yet failure adds {@code Retry-After}; a body too slow closes the connection; a
 * peer's fault names the peers; corrupt stored state is logged (the operator must act: readiness is
 * down meanwhile), and a failure of no family is a bug, answered like any other (500 {@code
 * INTERNAL_ERROR}, an incident id).
 */
@Provider
public class CachetExceptionMapper implements ExceptionMapper<CachetException> {

  private static final Logger LOG = Logger.getLogger(CachetExceptionMapper.class.getName());

  @Override
  public Response toResponse(CachetException e) {
    int status = ErrorStatus.of(e);
    if (e instanceof PeerFaultException fault) {
      return ErrorResponses.of(status, new ErrorBody(e.code(), e.getMessage(), fault.peers()))
          .build();
    }
    if (e instanceof CorruptStateException) {
      LOG.severe(() -> "refused to use corrupt stored state: " + e.code() + ": " + e.getMessage());
    } else if (status == ErrorStatus.UNCLASSIFIED) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "a failure of no error family, incident " + incident, e);
      return ErrorResponses.of(status, "INTERNAL_ERROR", "internal error, incident " + incident)
          .build();
    }
    Response.ResponseBuilder response = ErrorResponses.of(status, e.code(), e.getMessage());
    if (e instanceof RetryLaterException later) {
      response.header(HttpHeaders.RETRY_AFTER, ErrorStatus.retryAfterSeconds(later.retryAfter()));
    }
    if (status == 408) { // the rest of the body may still come: it must not be read as a request
      response.header("Connection", "close");
    }
    return response.build();
  }
}
