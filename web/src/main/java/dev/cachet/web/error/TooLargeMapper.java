package dev.cachet.web.error;

import dev.cachet.error.TooLargeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** {@link TooLargeException} → 413. */
@Provider
public class TooLargeMapper extends FamilyMapper<TooLargeException> {

  public TooLargeMapper() {
    super(Response.Status.REQUEST_ENTITY_TOO_LARGE);
  }
}
