package dev.cachet.error;

/**
 * The request conflicts with what is stored: a second, different signature for a signed slot, a key
 * that exists, a committee that is set. Nothing was changed.
 */
public class ConflictException extends CachetException {

  public ConflictException(String code, String message) {
    super(code, message);
  }

  public ConflictException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
