package dev.cachet.web.error;

import dev.cachet.error.RetryLaterException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** {@link RetryLaterException} → 503 with {@code Retry-After} in whole seconds (at least 1). */
@Provider
public class RetryLaterMapper extends FamilyMapper<RetryLaterException> {

  public RetryLaterMapper() {
    super(Response.Status.SERVICE_UNAVAILABLE);
  }

  @Override
  Response.ResponseBuilder decorate(Response.ResponseBuilder response, RetryLaterException e) {
    long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    return response.header(HttpHeaders.RETRY_AFTER, seconds);
  }
}
