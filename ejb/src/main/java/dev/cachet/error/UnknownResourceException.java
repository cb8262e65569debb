package dev.cachet.error;

/** The thing named does not exist here (a key, a blob, a committee). */
public class UnknownResourceException extends CachetException {

  public UnknownResourceException(String code, String message) {
    super(code, message);
  }

  public UnknownResourceException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
