package dev.cachet.frost;

/**
 * Parameters that no FROST group or session may have: a threshold below 1 or above the number of
 * participants, too many participants, an empty or oversized batch, a zero group secret.
 */
public final class InvalidParametersException extends InvalidFrostInputException {

  InvalidParametersException(String why) {
    super("FROST_INVALID_PARAMETERS", "invalid FROST parameters: " + why);
  }
}
