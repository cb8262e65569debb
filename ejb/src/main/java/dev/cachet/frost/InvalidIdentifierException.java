package dev.cachet.frost;

/**
 * A participant identifier outside [1, MAX_PARTICIPANTS] (RFC 9591 §5): zero, or beyond the
 * participants of the group it is used with.
 */
public final class InvalidIdentifierException extends InvalidFrostInputException {

  InvalidIdentifierException(String why) {
    super("FROST_INVALID_IDENTIFIER", "invalid participant identifier: " + why);
  }
}
