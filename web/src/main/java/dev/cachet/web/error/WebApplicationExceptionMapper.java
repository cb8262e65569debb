package dev.cachet.web.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The JAX-RS runtime's own refusals (unknown path, wrong method, unsupported media type, a
 * malformed parameter) in the same JSON shape as every other error.
 */
@Provider
public class WebApplicationExceptionMapper
    implements jakarta.ws.rs.ext.ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      return new FallbackMapper().toResponse(e);
    }
    String code = ContainerErrors.of(status).error(); // one vocabulary with the error pages
    String reason = original.getStatusInfo().getReasonPhrase();
    Response.ResponseBuilder response = ErrorResponses.of(status, code, sentence(reason, status));
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (name.equalsIgnoreCase("Allow")) {
                values.forEach(value -> response.header(name, value));
              }
            });
    return response.build();
  }

  private static String sentence(String reason, int status) {
    return switch (status) {
      case 404 -> "no resource at this path";
      case 405 -> "this method is not allowed on this resource";
      case 415 -> "unsupported Content-Type for this resource";
      case 406 -> "no acceptable representation for the Accept header";
      default -> reason == null ? "the request was refused" : reason.toLowerCase();
    };
  }
}
