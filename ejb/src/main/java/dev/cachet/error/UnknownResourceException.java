package dev.cachet.error;

/** The named resource does not exist (HTTP 404). */
public class UnknownResourceException extends CachetException {

  public UnknownResourceException(String code, String message) {
    super(code, message);
  }

  public UnknownResourceException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
