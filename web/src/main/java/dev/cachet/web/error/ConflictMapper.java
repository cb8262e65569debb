package dev.cachet.web.error;

import dev.cachet.error.ConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** {@link ConflictException} → 409. */
@Provider
public class ConflictMapper extends FamilyMapper<ConflictException> {

  public ConflictMapper() {
    super(Response.Status.CONFLICT);
  }
}
