package dev.cachet.frost;

/**
 * A group element that RFC 9591 DeserializeElement refuses: wrong length, a non-canonical or
 * non-compressed encoding, a point off the curve, or the identity element.
 */
public final class InvalidElementException extends InvalidFrostInputException {

  InvalidElementException(String why) {
    super("FROST_INVALID_ELEMENT", "invalid group element: " + why);
  }

  InvalidElementException(String why, Throwable cause) {
    super("FROST_INVALID_ELEMENT", "invalid group element: " + why, cause);
  }
}
