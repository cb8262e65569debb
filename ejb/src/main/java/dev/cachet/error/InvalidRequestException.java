package dev.cachet.error;

/** The request is malformed or invalid (HTTP 400). Nothing was changed. */
public class InvalidRequestException extends CachetException {

  public InvalidRequestException(String code, String message) {
    super(code, message);
  }

  public InvalidRequestException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
