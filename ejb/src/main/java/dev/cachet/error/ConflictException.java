package dev.cachet.error;

/** The request conflicts with stored state (HTTP 409), e.g. a double-sign. Nothing was changed. */
public class ConflictException extends CachetException {

  public ConflictException(String code, String message) {
    super(code, message);
  }

  public ConflictException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
