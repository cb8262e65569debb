package dev.cachet.web.error;

import dev.cachet.web.RequestTimeoutException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * {@link RequestTimeoutException} → 408 {@code REQUEST_TIMEOUT}, and the connection closes: the
 * rest of the body may still be on its way and must not be read as the next request.
 */
@Provider
public class RequestTimeoutMapper implements ExceptionMapper<RequestTimeoutException> {

  @Override
  public Response toResponse(RequestTimeoutException e) {
    return ErrorResponses.of(
            Response.Status.REQUEST_TIMEOUT.getStatusCode(), e.code(), e.getMessage())
        .header("Connection", "close")
        .build();
  }
}
