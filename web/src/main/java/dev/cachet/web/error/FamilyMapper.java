package dev.cachet.web.error;

import dev.cachet.error.CachetException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Maps one error family to its one HTTP status with the JSON error body. */
abstract class FamilyMapper<E extends CachetException> implements ExceptionMapper<E> {

  private final Response.Status status;

  FamilyMapper(Response.Status status) {
    this.status = status;
  }

  @Override
  public Response toResponse(E e) {
    return decorate(ErrorResponses.of(status.getStatusCode(), e.code(), e.getMessage()), e).build();
  }

  /** Adds family-specific headers. */
  Response.ResponseBuilder decorate(Response.ResponseBuilder response, E e) {
    return response;
  }
}
