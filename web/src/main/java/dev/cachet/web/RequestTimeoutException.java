package dev.cachet.web;

import dev.cachet.error.CachetException;

/**
 * The request did not arrive in time: its body stalled past the listener's read bound (408 {@code
 * REQUEST_TIMEOUT} in {@code ErrorStatus}, the connection closed). A CachetException so that it
 * crosses a bean unwrapped, like the core's families (ejb-jar.xml), when a bean reads the body.
 */
public class RequestTimeoutException extends CachetException {

  public RequestTimeoutException(String message, Throwable cause) {
    super("REQUEST_TIMEOUT", message, cause);
  }
}
