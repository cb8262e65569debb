package dev.cachet.web.error;

import dev.cachet.web.RequestTimeoutException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * {@link RequestTimeoutException} → 408, and the connection closes: the rest of the body may still
 * be on its way and must not be read as the next request.
 */
@Provider
public class RequestTimeoutMapper extends FamilyMapper<RequestTimeoutException> {

  public RequestTimeoutMapper() {
    super(Response.Status.REQUEST_TIMEOUT);
  }

  @Override
  Response.ResponseBuilder decorate(Response.ResponseBuilder response, RequestTimeoutException e) {
    return response.header("Connection", "close");
  }
}
