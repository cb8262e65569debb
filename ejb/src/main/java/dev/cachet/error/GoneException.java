package dev.cachet.error;

/** The resource is gone for good (HTTP 410), e.g. an exhausted key or a stale nonce. */
public class GoneException extends CachetException {

  public GoneException(String code, String message) {
    super(code, message);
  }

  public GoneException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
