package dev.cachet.frost;

/** A scalar that RFC 9591 DeserializeScalar refuses: wrong length, or not below the group order. */
public final class InvalidScalarException extends InvalidFrostInputException {

  InvalidScalarException(String why) {
    super("FROST_INVALID_SCALAR", "invalid scalar: " + why);
  }
}
