package dev.cachet.web.error;

import dev.cachet.error.InvalidRequestException;
import dev.cachet.web.validation.ErrorCode;
import dev.cachet.web.validation.Violations;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every violated Bean Validation constraint of a request (see {@link Violations}), whether the
 * node's body reader or the runtime checked it, as 400 with the constraint's error code.
 */
@Provider
public class ConstraintViolationMapper
    implements jakarta.ws.rs.ext.ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    if (e.getConstraintViolations() == null || e.getConstraintViolations().isEmpty()) {
      return ErrorResponses.of(400, ErrorCode.DEFAULT, "the request is not valid").build();
    }
    InvalidRequestException refusal = Violations.refusal(e.getConstraintViolations());
    return ErrorResponses.of(ErrorStatus.of(refusal), refusal.code(), refusal.getMessage()).build();
  }
}
