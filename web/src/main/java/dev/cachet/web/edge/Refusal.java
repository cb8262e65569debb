package dev.cachet.web.edge;

import dev.cachet.error.CachetException;
import dev.cachet.web.error.ErrorBody;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The edge's answer to a request it refuses before any resource runs.
 *
 * @param allow the {@code Allow} header of a 405, if the edge knows the methods
 * @param closeConnection whether the connection must close after the answer: true when the request
 *     body is left unread, so that its rest is never taken for the next request
 * @param retryAfterSeconds the {@code Retry-After} of a refusal that a retry may overcome
 */
public record Refusal(
    int status,
    ErrorBody body,
    Optional<String> allow,
    boolean closeConnection,
    OptionalLong retryAfterSeconds) {

  public Refusal {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(allow, "allow");
    Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
  }

  static Refusal of(int status, String code, String message) {
    return new Refusal(
        status, new ErrorBody(code, message), Optional.empty(), false, OptionalLong.empty());
  }

  /** The answer a core exception would get from its mapper. */
  static Refusal of(int status, CachetException e) {
    return of(status, e.code(), e.getMessage());
  }

  Refusal allowing(String methods) {
    return new Refusal(status, body, Optional.of(methods), closeConnection, retryAfterSeconds);
  }

  Refusal closing() {
    return new Refusal(status, body, allow, true, retryAfterSeconds);
  }

  Refusal retryingAfter(long seconds) {
    return new Refusal(status, body, allow, closeConnection, OptionalLong.of(seconds));
  }
}
