package dev.cachet.web.error;

import java.util.Map;

/**
 * The error code and sentence for a status the container (Payara, its servlets, the JAX-RS runtime
 * before a mapper runs) answers on its own, in the codes {@link WebApplicationExceptionMapper}
 * gives the same statuses: a client sees one vocabulary whichever layer refused it. A 5xx is always
 * {@code INTERNAL_ERROR}: the node never explains its own failures.
 */
public final class ContainerErrors {

  private static final Map<Integer, ErrorBody> KNOWN =
      Map.of(
          400, new ErrorBody("MALFORMED_REQUEST", "the request is malformed"),
          401, new ErrorBody("UNAUTHORIZED", "this resource needs authorization"),
          403, new ErrorBody("FORBIDDEN", "this request is not allowed"),
          404, new ErrorBody("NOT_FOUND", "no resource at this path"),
          405, new ErrorBody("METHOD_NOT_ALLOWED", "this method is not allowed on this resource"),
          406,
              new ErrorBody("NOT_ACCEPTABLE", "no acceptable representation for the Accept header"),
          408, new ErrorBody("REQUEST_TIMEOUT", "the request did not arrive in time"),
          413, new ErrorBody("TOO_LARGE", "the request is too large"),
          415,
              new ErrorBody(
                  "UNSUPPORTED_MEDIA_TYPE", "unsupported Content-Type for this resource"));

  private static final ErrorBody OTHER_CLIENT_ERROR =
      new ErrorBody("BAD_REQUEST", "the request was refused");
  private static final ErrorBody SERVER_ERROR = new ErrorBody("INTERNAL_ERROR", "internal error");

  private ContainerErrors() {}

  /**
   * The body for {@code status}; a status that is no error at all is answered as a server error.
   */
  public static ErrorBody of(int status) {
    if (status >= 400 && status < 500) {
      return KNOWN.getOrDefault(status, OTHER_CLIENT_ERROR);
    }
    return SERVER_ERROR;
  }
}
