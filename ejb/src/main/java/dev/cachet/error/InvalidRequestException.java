package dev.cachet.error;

/** The caller's input is malformed or invalid: its own fault, whoever asks. Nothing was changed. */
public class InvalidRequestException extends CachetException {

  public InvalidRequestException(String code, String message) {
    super(code, message);
  }

  public InvalidRequestException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
