package dev.cachet.error;

/**
 * What was asked for is gone for good and never comes back: an exhausted or retired key, a slot
 * behind the window, a consumed nonce.
 */
public class GoneException extends CachetException {

  public GoneException(String code, String message) {
    super(code, message);
  }

  public GoneException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
