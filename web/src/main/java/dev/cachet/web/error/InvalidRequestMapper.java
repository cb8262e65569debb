package dev.cachet.web.error;

import dev.cachet.error.InvalidRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** {@link InvalidRequestException} → 400. */
@Provider
public class InvalidRequestMapper extends FamilyMapper<InvalidRequestException> {

  public InvalidRequestMapper() {
    super(Response.Status.BAD_REQUEST);
  }
}
