package dev.cachet.error;

/**
 * The caller is known (its request authenticates it) but may not do what it asks: a peer message
 * signed by a node outside the committee it names. Nothing was changed.
 */
public class ForbiddenException extends CachetException {

  public ForbiddenException(String code, String message) {
    super(code, message);
  }
}
