package dev.cachet.error;

/** The caller's input is larger than the node accepts (a body, a blob, a record). */
public class TooLargeException extends CachetException {

  public TooLargeException(String code, String message) {
    super(code, message);
  }

  public TooLargeException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
