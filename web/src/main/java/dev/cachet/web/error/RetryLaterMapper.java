package dev.cachet.web.error;

import dev.cachet.error.RetryLaterException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/**
 * {@link RetryLaterException} → 503 with {@code Retry-After} in whole seconds: at least 1, at most
 * a day.
 */
@Provider
public class RetryLaterMapper extends FamilyMapper<RetryLaterException> {

  public RetryLaterMapper() {
    super(Response.Status.SERVICE_UNAVAILABLE);
  }

  @Override
  Response.ResponseBuilder decorate(Response.ResponseBuilder response, RetryLaterException e) {
    return response.header(HttpHeaders.RETRY_AFTER, seconds(e.retryAfter()));
  }

  /** Whole seconds, rounded up, at least 1; the duration is at most a day, so nothing overflows. */
  static long seconds(Duration retryAfter) {
    return Math.max(1, retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0));
  }
}
