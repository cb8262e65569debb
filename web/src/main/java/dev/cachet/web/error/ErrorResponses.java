package dev.cachet.web.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error responses in the one shape clients rely on. */
public final class ErrorResponses {

  private ErrorResponses() {}

  public static Response.ResponseBuilder of(int status, String code, String message) {
    return of(status, new ErrorBody(code, message));
  }

  public static Response.ResponseBuilder of(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
  }
}
