package dev.cachet.web.admin;

import dev.cachet.admin.ejb.AdminTokenBean;
import dev.cachet.web.error.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a request to an {@link AdminOnly} resource through only with {@code Authorization: Bearer
 * <admin token>}; anything else gets 401 {@code UNAUTHORIZED} before the resource runs.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

  private static final String BEARER = "Bearer ";

  @Inject private AdminTokenBean adminToken;

  @Override
  public void filter(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      refuse(request, "admin operations need Authorization: Bearer <admin token>");
    } else if (!adminToken.accepts(authorization.substring(BEARER.length()).strip())) {
      refuse(request, "the admin token is not valid");
    }
  }

  private static void refuse(ContainerRequestContext request, String message) {
    request.abortWith(
        ErrorResponses.of(401, "UNAUTHORIZED", message)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cachet-admin\"")
            .build());
  }
}
