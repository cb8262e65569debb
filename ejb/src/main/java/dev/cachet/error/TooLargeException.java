package dev.cachet.error;

/** The request body or a field is larger than the configured limit (HTTP 413). */
public class TooLargeException extends CachetException {

  public TooLargeException(String code, String message) {
    super(code, message);
  }

  public TooLargeException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
