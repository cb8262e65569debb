package dev.cachet.web.error;

import dev.cachet.error.GoneException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** {@link GoneException} → 410. */
@Provider
public class GoneMapper extends FamilyMapper<GoneException> {

  public GoneMapper() {
    super(Response.Status.GONE);
  }
}
