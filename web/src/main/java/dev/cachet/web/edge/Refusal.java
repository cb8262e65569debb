package dev.cachet.web.edge;

import dev.cachet.error.CachetException;
import dev.cachet.web.error.ErrorBody;
import java.util.Objects;
import java.util.Optional;

/**
 * The edge's answer to a request it refuses before any resource runs.
 *
 * @param allow the {@code Allow} header of a 405, if the edge knows the methods
 * @param closeConnection whether the connection must close after the answer: true when the request
 *     body is left unread, so that its rest is never taken for the next request
 */
public record Refusal(int status, ErrorBody body, Optional<String> allow, boolean closeConnection) {

  public Refusal {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(allow, "allow");
  }

  static Refusal of(int status, String code, String message) {
    return new Refusal(status, new ErrorBody(code, message), Optional.empty(), false);
  }

  /** The answer a core exception would get from its mapper. */
  static Refusal of(int status, CachetException e) {
    return of(status, e.code(), e.getMessage());
  }

  Refusal allowing(String methods) {
    return new Refusal(status, body, Optional.of(methods), closeConnection);
  }

  Refusal closing() {
    return new Refusal(status, body, allow, true);
  }
}
