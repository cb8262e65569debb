package dev.cachet.web.error;

import dev.cachet.error.UnknownResourceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** {@link UnknownResourceException} → 404. */
@Provider
public class UnknownResourceMapper extends FamilyMapper<UnknownResourceException> {

  public UnknownResourceMapper() {
    super(Response.Status.NOT_FOUND);
  }
}
